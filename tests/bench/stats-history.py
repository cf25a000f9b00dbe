#!/usr/bin/python3
"""What a large break history costs limberd: start-up (exec to the first
property answered) and one `GetStats(366)` call, with a year of history
(50,000 records) and with a million, next to a bare bus round trip
(org.freedesktop.DBus.GetId) and an empty history. Figures, not a test:
each is the median of a few runs on a private session bus.

Usage: stats-history.py BUILDDIR [--runs N] [--json FILE]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import dbus

BUS_NAME = "io.github.limber.Limber1"
OBJECT_PATH = "/io/github/limber/Limber1"
IFACE = "io.github.limber.Limber1"
BUS_CONFIG = """<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>
<servicedir>{services}</servicedir>
<policy context="default"><allow send_destination="*" eavesdrop="true"/>
<allow eavesdrop="true"/><allow own="*"/></policy></busconfig>"""
KINDS = ["shown", "done", "shown", "snoozed", "shown", "done", "natural", "skipped"]


def write_history(path, records, days=365):
    """@records lines spread evenly over the @days days up to now."""
    now = int(time.time())
    start = now - days * 86400
    step = days * 86400 / records
    with open(path, "w", encoding="utf-8") as f:
        for i in range(records):
            kind = KINDS[i % len(KINDS)]
            value = 0 if kind == "shown" else 1800
            f.write(f"{int(start + i * step)} {kind} {value}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args()
    limberd = os.path.join(args.build, "daemon", "limberd")

    work = tempfile.mkdtemp(prefix="limber-stats-bench-")
    os.makedirs(os.path.join(work, "services"))
    for sub in ("config", "state/limber", "runtime", "home"):
        os.makedirs(os.path.join(work, sub), mode=0o700)
    with open(os.path.join(work, "bus.conf"), "w", encoding="utf-8") as f:
        f.write(BUS_CONFIG.format(services=os.path.join(work, "services")))
    bus_proc = subprocess.Popen(["dbus-daemon", "--config-file", os.path.join(work, "bus.conf"),
                                 "--nofork", "--print-address=1"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
    try:
        return measure(args, limberd, work, bus_proc.stdout.readline().strip())
    finally:
        bus_proc.terminate()
        bus_proc.wait()
        shutil.rmtree(work, ignore_errors=True)


def measure(args, limberd, work, address):
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address,
               DBUS_SYSTEM_BUS_ADDRESS="unix:path=/nonexistent",
               HOME=os.path.join(work, "home"), XDG_CONFIG_HOME=os.path.join(work, "config"),
               XDG_CONFIG_DIRS=os.path.join(work, "none"),
               XDG_STATE_HOME=os.path.join(work, "state"),
               XDG_RUNTIME_DIR=os.path.join(work, "runtime"))
    for var in ("NOTIFY_SOCKET", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(var, None)
    bus = dbus.bus.BusConnection(address)
    driver = dbus.Interface(bus.get_object("org.freedesktop.DBus", "/org/freedesktop/DBus"),
                            "org.freedesktop.DBus")

    def round_trip():
        begin = time.perf_counter()
        driver.GetId()
        return time.perf_counter() - begin

    results = {"bus_round_trip_ms": 1000 * statistics.median(round_trip() for _ in range(50))}
    history = os.path.join(work, "state", "limber", "history")
    for label, records in (("empty", 0), ("year_50k", 50_000), ("million", 1_000_000)):
        starts, stats = [], []
        for _ in range(args.runs):
            write_history(history, records) if records else open(history, "w").close()
            begin = time.perf_counter()
            proc = subprocess.Popen([limberd], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            while not driver.NameHasOwner(BUS_NAME):
                time.sleep(0.001)
            obj = bus.get_object(BUS_NAME, OBJECT_PATH)
            obj.Get(IFACE, "State", dbus_interface=dbus.PROPERTIES_IFACE, timeout=600)
            starts.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            dbus.Interface(obj, IFACE).GetStats(dbus.UInt32(366), timeout=600)
            stats.append(time.perf_counter() - begin)
            proc.terminate()
            proc.wait()
        results[f"startup_{label}_ms"] = 1000 * statistics.median(starts)
        results[f"stats366_{label}_ms"] = 1000 * statistics.median(stats)
        print(f"{label:>9}: start-up {results[f'startup_{label}_ms']:9.1f} ms, "
              f"stats(366 days) {results[f'stats366_{label}_ms']:9.1f} ms", flush=True)
    print(f"bus round trip (GetId): {results['bus_round_trip_ms']:.3f} ms")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
