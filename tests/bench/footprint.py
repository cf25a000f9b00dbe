#!/usr/bin/python3
"""limber's footprint, side by side with the floor and with other break
reminders, all on this machine in one run (see README.md, "Footprint").

Every program runs on a private session bus of its own, with Xvfb and dunst
as its desktop. After a settling time, each is measured over the same
windows: memory (RSS and PSS, all its processes), threads, CPU time per idle
hour, context switches and system calls per idle minute (wake-ups). For
limberd also: start to READY against the floor's, `limberctl status`
against a bare `busctl get-property` and `gdbus call` of one property, and
the scheduler on a simulated year.

Usage: footprint.py BUILDDIR [--windows N] [--window-seconds S]
                    [--settle-seconds S] [--json FILE]
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATES = os.path.join(ROOT, "tests", "integration", "templates")
PYTHON = "/usr/bin/python3"

BUS_CONFIG = """<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>
<servicedir>{services}</servicedir>
<policy context="default"><allow send_destination="*" eavesdrop="true"/>
<allow eavesdrop="true"/><allow own="*"/></policy></busconfig>"""

LIMBER_CONFIG = """[limber]
interval-min=30min
interval-max=45min
lull=5s
activity-source={source}
"""


class Desktop:
    """A private session bus (and, if asked, system bus), Xvfb and dunst:
    what one program under test sees."""

    def __init__(self, work, name, system_bus=False, xvfb=True, dunst=True):
        self.dir = os.path.join(work, name)
        self.procs = []
        self.cleanup_dirs = []
        os.makedirs(os.path.join(self.dir, "services"))
        for sub in ("config", "state", "runtime", "home"):
            os.makedirs(os.path.join(self.dir, sub), mode=0o700)
        self.env = dict(os.environ,
                        HOME=os.path.join(self.dir, "home"),
                        XDG_CONFIG_HOME=os.path.join(self.dir, "config"),
                        XDG_CONFIG_DIRS=os.path.join(self.dir, "none"),
                        XDG_STATE_HOME=os.path.join(self.dir, "state"),
                        XDG_RUNTIME_DIR=os.path.join(self.dir, "runtime"),
                        NO_AT_BRIDGE="1", GSETTINGS_BACKEND="memory")
        for var in ("NOTIFY_SOCKET", "DISPLAY", "WAYLAND_DISPLAY"):
            self.env.pop(var, None)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.start_bus("session")
        self.env["DBUS_SYSTEM_BUS_ADDRESS"] = (self.start_bus("system") if system_bus
                                               else "unix:path=/nonexistent")
        if xvfb:
            self.start_xvfb()
        if dunst:
            self.spawn(["dunst"], quiet=True)
            self.wait_for_name("org.freedesktop.Notifications")

    def start_bus(self, kind):
        conf = os.path.join(self.dir, f"{kind}.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write(BUS_CONFIG.format(services=os.path.join(self.dir, "services"))
                    .replace("<type>session", f"<type>{kind}"))
        out = subprocess.run(["dbus-daemon", "--config-file", conf, "--fork",
                              "--print-address=1", "--print-pid=1"],
                             capture_output=True, text=True, check=True).stdout.split()
        self.procs.append(int(out[1]))
        return out[0]

    def start_xvfb(self):
        read_end, write_end = os.pipe()
        proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                                 "1024x768x24", "-nolisten", "tcp"],
                                pass_fds=[write_end], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as f:
            self.env["DISPLAY"] = ":" + f.readline().strip()
        self.procs.append(proc)

    def spawn(self, argv, quiet=True, env=None, **kwargs):
        proc = subprocess.Popen(argv, env=env or self.env,
                                stdout=subprocess.DEVNULL if quiet else None,
                                stderr=subprocess.DEVNULL if quiet else None, **kwargs)
        self.procs.append(proc)
        return proc

    def has_name(self, name, system=False):
        result = subprocess.run(["gdbus", "call", "--system" if system else "--session",
                                 "-d", "org.freedesktop.DBus", "-o", "/org/freedesktop/DBus",
                                 "-m", "org.freedesktop.DBus.NameHasOwner", name],
                                env=self.env, capture_output=True, text=True, check=False)
        return "true" in result.stdout

    def wait_for_name(self, name, system=False, timeout=30.0):
        deadline = time.monotonic() + timeout
        while not self.has_name(name, system):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not appear")
            time.sleep(0.05)

    def gdbus(self, *args, system=False):
        return subprocess.run(["gdbus", "call", "--system" if system else "--session", *args],
                              env=self.env, capture_output=True, text=True, check=True).stdout

    def close(self):
        for proc in reversed(self.procs):
            if isinstance(proc, int):
                try:
                    os.kill(proc, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            elif proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        for path in self.cleanup_dirs:
            shutil.rmtree(path, ignore_errors=True)


# Measuring a process tree

def tree(pid):
    """@pid and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo.extend(children.get(p, []))
    return pids


def read_status(pid):
    values = {}
    with open(f"/proc/{pid}/status", encoding="utf-8") as f:
        for line in f:
            key, _, value = line.partition(":")
            values[key] = value.strip()
    return values


def sample(pids):
    """Counters for @pids: memory now, and cumulative CPU and switches."""
    rss = pss = threads = cpu = 0
    switches = {}
    for pid in pids:
        try:
            status = read_status(pid)
            rss += int(status["VmRSS"].split()[0])
            threads += int(status["Threads"])
            with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as f:
                pss += int(re.search(r"^Pss:\s+(\d+)", f.read(), re.M).group(1))
            with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
                fields = f.read().rsplit(")", 1)[1].split()
                cpu += int(fields[11]) + int(fields[12])
            for task in os.listdir(f"/proc/{pid}/task"):
                task_status = read_status(f"{pid}/task/{task}")
                switches[(pid, task)] = (int(task_status["voluntary_ctxt_switches"])
                                         + int(task_status["nonvoluntary_ctxt_switches"]))
        except (OSError, KeyError, AttributeError):
            continue
    return {"rss": rss, "pss": pss, "threads": threads, "cpu": cpu, "switches": switches}


def strace_calls(table_text):
    """The calls in an `strace -c` table, less restart_syscall: attaching
    interrupts each thread's wait, which then restarts (one per thread, an
    artifact of measuring)."""
    calls = 0
    for line in table_text.splitlines():
        fields = line.split()
        if len(fields) < 5 or fields[-1] in ("total", "syscall", "restart_syscall"):
            continue
        numbers = fields[:-1]
        try:
            # % time, seconds, usecs/call, calls[, errors]
            calls += int(numbers[3])
        except (ValueError, IndexError):
            continue
    return calls


def measure(subjects, windows, window_seconds):
    """Every subject over the same windows, at the same time. A subject:
    name → root pid. Returns name → metrics (medians over the windows)."""
    hz = os.sysconf("SC_CLK_TCK")
    per = {name: [] for name in subjects}
    for _ in range(windows):
        before = {name: sample(tree(pid)) for name, pid in subjects.items()}
        time.sleep(window_seconds)
        after = {name: sample(tree(pid)) for name, pid in subjects.items()}
        for name in subjects:
            a, b = before[name], after[name]
            switches = sum(count - a["switches"].get(key, 0)
                           for key, count in b["switches"].items())
            per[name].append({
                "rss_kib": b["rss"], "pss_kib": b["pss"], "threads": b["threads"],
                "cpu_seconds_per_hour": (b["cpu"] - a["cpu"]) / hz * 3600 / window_seconds,
                "switches_per_minute": switches * 60 / window_seconds,
            })
    # System calls: one more window, every subject traced at once (strace
    # slows what it traces, so not during the windows above).
    syscalls = {}
    tracers = {}
    for name, pid in subjects.items():
        out = tempfile.NamedTemporaryFile(prefix="strace-", delete=False)
        out.close()
        argv = ["strace", "-f", "-c", "-o", out.name]
        for p in tree(pid):
            argv += ["-p", str(p)]
        tracers[name] = (subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL), out.name)
    time.sleep(window_seconds)
    for name, (proc, path) in tracers.items():
        proc.send_signal(signal.SIGINT)
        proc.wait()
        with open(path, encoding="utf-8") as f:
            text = f.read()
        os.unlink(path)
        syscalls[name] = strace_calls(text) * 60 / window_seconds
    result = {}
    for name, runs in per.items():
        result[name] = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        result[name]["syscalls_per_minute"] = syscalls[name]
    return result


# READY and round trips

def time_to_ready(desktop, argv):
    """ms from spawning @argv to its READY=1 on a NOTIFY_SOCKET."""
    path = os.path.join(desktop.dir, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(30)
    env = dict(desktop.env, NOTIFY_SOCKET=path)
    started = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while b"READY=1" not in sock.recv(4096):
        pass
    elapsed = (time.monotonic() - started) * 1000
    proc.terminate()
    proc.wait()
    sock.close()
    os.unlink(path)
    return elapsed


def times_to_ready(programs, runs=21):
    """Median ms to READY of each of @programs (name: (desktop, argv)),
    started in turn so that a noisy moment costs them all alike."""
    times = {name: [] for name in programs}
    for _ in range(runs):
        for name, (desktop, argv) in programs.items():
            times[name].append(time_to_ready(desktop, argv))
    return {name: statistics.median(t) for name, t in times.items()}


def round_trip(env, argv, runs=30):
    times = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
        times.append((time.monotonic() - started) * 1000)
    return statistics.median(times)


# The programs

def start_limberd(work, build, source):
    desktop = Desktop(work, f"limberd-{source}", system_bus=(source == "logind"))
    if source == "logind":
        desktop.spawn([PYTHON, "-m", "dbusmock", "--system", "--template", "logind"])
        desktop.wait_for_name("org.freedesktop.login1", system=True)
        time.sleep(0.3)
        path = desktop.gdbus("-d", "org.freedesktop.login1", "-o", "/org/freedesktop/login1",
                             "-m", "org.freedesktop.DBus.Mock.AddSession", "c1", "seat0",
                             str(os.getuid()), "user", "true", system=True)
        session = re.search(r"'([^']+)'", path).group(1)
        # The template's GetUser adds a string and a number, and fails.
        desktop.gdbus("-d", "org.freedesktop.login1", "-o", "/org/freedesktop/login1", "-m",
                      "org.freedesktop.DBus.Mock.AddMethod", "org.freedesktop.login1.Manager",
                      "GetUser", "u", "o", 'ret = "/org/freedesktop/login1/user/%d" % args[0]',
                      system=True)
        desktop.gdbus("-d", "org.freedesktop.login1", "-o",
                      f"/org/freedesktop/login1/user/{os.getuid()}", "-m",
                      "org.freedesktop.DBus.Properties.Set", "org.freedesktop.login1.User",
                      "Display", f"<('c1', objectpath '{session}')>", system=True)
    elif source == "mutter":
        runtime = os.path.join(desktop.dir, "mutter-runtime")
        os.makedirs(runtime, mode=0o700)
        env = dict(desktop.env, XDG_RUNTIME_DIR=runtime)
        env.pop("DISPLAY")
        desktop.spawn(["mutter", "--headless", "--wayland", "--no-x11", "--virtual-monitor",
                       "1280x800"], env=env)
        desktop.wait_for_name("org.gnome.Mutter.IdleMonitor")
    elif source.startswith("wayland-"):
        desktop.env["WAYLAND_DISPLAY"] = start_compositor(desktop, source[len("wayland-"):])
    elif source == "screensaver":
        desktop.spawn([PYTHON, "-m", "dbusmock", "--template",
                       os.path.join(TEMPLATES, "screensaver.py")])
        desktop.wait_for_name("org.freedesktop.ScreenSaver")
    elif source == "calls":
        start_pipewire(desktop)
    os.makedirs(os.path.join(desktop.dir, "config", "limber"))
    with open(os.path.join(desktop.dir, "config", "limber", "limber.conf"), "w",
              encoding="utf-8") as f:
        f.write(LIMBER_CONFIG.format(source="auto" if source not in ("none", "calls")
                                     else "none"))
    # Only the XSync variant sees the X display: elsewhere the X idle
    # counter would outrank logind.
    if source != "xsync":
        desktop.env.pop("DISPLAY", None)
    desktop.env["LIMBER_MODULE_DIR"] = os.path.join(build, "daemon", "sources")
    proc = desktop.spawn([os.path.join(build, "daemon", "limberd")])
    desktop.wait_for_name("io.github.limber.Limber1")
    if source == "calls":
        wait_for_pipewire_client(desktop)
    return desktop, proc


NOBODY = 65534


def start_compositor(desktop, name):
    """A headless Wayland compositor in @desktop, for the wayland source:
    KWin (ext-idle-notify-v1) or sway (org_kde_kwin_idle). Returns the
    display's name; limberd finds it in the desktop's XDG_RUNTIME_DIR."""
    env = dict(desktop.env)
    env.pop("DISPLAY", None)
    if name == "kwin":
        # A copy: /usr/bin/kwin_wayland's file capability cannot be exec'd
        # here (see tests/e2e/test_wayland.py).
        kwin = os.path.join(desktop.dir, "kwin_wayland")
        shutil.copy("/usr/bin/kwin_wayland", kwin)
        env.update(KWIN_COMPOSE="Q")
        desktop.spawn([kwin, "--virtual", "--no-lockscreen", "--no-global-shortcuts",
                       "--no-kactivities", "--socket", "wayland-0", "--width", "1280",
                       "--height", "800"], env=env)
        runtime = env["XDG_RUNTIME_DIR"]
    else:
        # sway refuses root: as nobody, in a runtime dir nobody owns.
        runtime = tempfile.mkdtemp(prefix="limber-footprint-sway-")
        desktop.cleanup_dirs.append(runtime)
        os.chmod(runtime, 0o700)
        config = os.path.join(runtime, "config")
        with open(config, "w", encoding="utf-8") as f:
            f.write("# no bar, no idle tools\n")
        for path in (runtime, config):
            os.chown(path, NOBODY, NOBODY)
        desktop.spawn(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                       "--", "sway", "-c", config],
                      env={"PATH": env["PATH"], "HOME": runtime, "XDG_RUNTIME_DIR": runtime,
                           "WLR_BACKENDS": "headless", "WLR_LIBINPUT_NO_DEVICES": "1",
                           "WLR_RENDERER": "pixman", "WLR_HEADLESS_OUTPUTS": "1"})
        desktop.env["XDG_RUNTIME_DIR"] = runtime
    deadline = time.monotonic() + 30
    while True:
        names = [n for n in sorted(os.listdir(runtime))
                 if n.startswith("wayland-") and not n.endswith(".lock")]
        if names:
            return names[0]
        if time.monotonic() > deadline:
            raise RuntimeError(f"{name} made no Wayland socket")
        time.sleep(0.05)
def start_pipewire(desktop):
    """PipeWire and WirePlumber with a microphone nobody records: the call
    watcher loaded, with nothing to see."""
    desktop.spawn(["pipewire"])
    socket_path = os.path.join(desktop.env["XDG_RUNTIME_DIR"], "pipewire-0")
    deadline = time.monotonic() + 30
    while not os.path.exists(socket_path):
        if time.monotonic() > deadline:
            raise RuntimeError("PipeWire did not start")
        time.sleep(0.05)
    desktop.spawn(["wireplumber"])

    def pw_cli(*args):
        return subprocess.run(["pw-cli", *args], env=desktop.env, capture_output=True,
                              text=True, check=False).stdout

    while 'metadata.name = "default"' not in pw_cli("ls", "Metadata"):
        if time.monotonic() > deadline:
            raise RuntimeError("WirePlumber did not start")
        time.sleep(0.1)
    pw_cli("create-node", "adapter", "{ factory.name=support.null-audio-sink node.name=mic "
           "media.class=Audio/Source/Virtual audio.position=[FL FR] object.linger=true }")


def wait_for_pipewire_client(desktop):
    """Until PipeWire lists limberd among its clients: the row measures
    the watcher connected, not one that failed to."""
    deadline = time.monotonic() + 30
    while 'application.name = "limberd"' not in subprocess.run(
            ["pw-cli", "ls", "Client"], env=desktop.env, capture_output=True, text=True,
            check=False).stdout:
        if time.monotonic() > deadline:
            raise RuntimeError("limberd did not connect to PipeWire")
        time.sleep(0.1)


def start_floor(work, build):
    desktop = Desktop(work, "floor")
    proc = desktop.spawn([os.path.join(build, "tests", "bench", "floor")])
    desktop.wait_for_name("io.github.limber.Floor")
    return desktop, proc


def start_peer(work, name, argv):
    if shutil.which(argv[0]) is None:
        return None, None
    # A system bus of its own too: Safe Eyes' plugins look for one.
    desktop = Desktop(work, name, system_bus=True)
    # Safe Eyes copies its config into a directory it does not create.
    os.makedirs(os.path.join(desktop.env["XDG_CONFIG_HOME"], name, "style"), exist_ok=True)
    proc = desktop.spawn(argv)
    return desktop, proc


# Output

def table(results, order):
    cols = [("RSS MiB", "rss_kib", 1 / 1024, "{:.1f}"), ("PSS MiB", "pss_kib", 1 / 1024, "{:.1f}"),
            ("threads", "threads", 1, "{:.0f}"), ("CPU s/idle h", "cpu_seconds_per_hour", 1, "{:.2f}"),
            ("ctxsw/idle min", "switches_per_minute", 1, "{:.1f}"),
            ("syscalls/idle min", "syscalls_per_minute", 1, "{:.1f}")]
    lines = ["| program | " + " | ".join(c[0] for c in cols) + " |",
             "|---|" + "---:|" * len(cols)]
    for name in order:
        if name not in results:
            continue
        r = results[name]
        lines.append(f"| {name} | " + " | ".join(fmt.format(r[key] * scale)
                                                 for _, key, scale, fmt in cols) + " |")
    return "\n".join(lines)


def ratio(a, b):
    return a / b if b else float("inf") if a else 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build")
    parser.add_argument("--windows", type=int, default=3)
    parser.add_argument("--window-seconds", type=float, default=20)
    parser.add_argument("--settle-seconds", type=float, default=15)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    work = tempfile.mkdtemp(prefix="limber-footprint-")
    desktops = []
    subjects = {}
    notes = []
    try:
        sources = ["none", "logind", "mutter", "screensaver", "xsync", "calls"]
        # The wayland source, where Debian has the compositors.
        sources += [f"wayland-{c}" for c, exe in (("kwin", "/usr/bin/kwin_wayland"),
                                                  ("sway", "/usr/bin/sway"))
                    if os.path.exists(exe)]
        for source in sources:
            desktop, proc = start_limberd(work, build, source)
            desktops.append(desktop)
            subjects[f"limberd ({source})"] = proc.pid
        desktop, proc = start_floor(work, build)
        desktops.append(desktop)
        subjects["floor"] = proc.pid
        floor_desktop = desktop
        for name, argv in (("workrave", ["workrave"]), ("safeeyes", ["safeeyes"])):
            desktop, proc = start_peer(work, name, argv)
            if desktop is None:
                notes.append(f"{name}: not installed, skipped")
                continue
            desktops.append(desktop)
            subjects[name] = proc.pid

        print(f"settling {args.settle_seconds:.0f} s, then {args.windows} windows of "
              f"{args.window_seconds:.0f} s…", file=sys.stderr)
        time.sleep(args.settle_seconds)
        for name, pid in list(subjects.items()):
            if not os.path.exists(f"/proc/{pid}"):
                notes.append(f"{name}: exited before it could be measured, skipped")
                del subjects[name]
        results = measure(subjects, args.windows, args.window_seconds)
        for name, r in results.items():
            r["activity_source"] = None
        # Which source each limberd really used.
        for desktop in desktops:
            if os.path.basename(desktop.dir).startswith("limberd-"):
                status = json.loads(subprocess.run(
                    [os.path.join(build, "cli", "limberctl"), "status", "--json"],
                    env=desktop.env, capture_output=True, text=True, check=True).stdout)
                name = f"limberd ({os.path.basename(desktop.dir)[8:]})"
                if name in results:
                    results[name]["activity_source"] = status["activity_source"]

        # Start to READY: limberd and the floor, each on the other's bus,
        # where its name is free. The floor is READY at its first main-loop
        # iteration and, in a second series, once it owns its name as
        # limberd does: the difference is the bus's round trips.
        limber_desktop = desktops[0]
        subprocess.run([os.path.join(build, "cli", "limberctl"), "status"],
                       env=limber_desktop.env, stdout=subprocess.DEVNULL, check=True)
        floor_argv = [os.path.join(build, "tests", "bench", "floor")]
        # limberd as in a Wayland session (no X display, no XSync module).
        floor_desktop.env.pop("DISPLAY", None)
        ready = times_to_ready({
            "limberd": (floor_desktop, [os.path.join(build, "daemon", "limberd")]),
            "floor": (limber_desktop, floor_argv),
            "floor_name_owned": (limber_desktop, floor_argv + ["--ready-on-name"]),
        })
        ready_limberd, ready_floor = ready["limberd"], ready["floor"]
        ready_floor_named = ready["floor_name_owned"]

        # limberctl status against one property read by busctl and gdbus.
        env = limber_desktop.env
        address = env["DBUS_SESSION_BUS_ADDRESS"]
        ctl = round_trip(env, [os.path.join(build, "cli", "limberctl"), "status"])
        ctl_json = round_trip(env, [os.path.join(build, "cli", "limberctl"), "status", "--json"])
        busctl = round_trip(env, ["busctl", f"--address={address}", "get-property",
                                  "io.github.limber.Limber1", "/io/github/limber/Limber1",
                                  "io.github.limber.Limber1", "State"])
        gdbus = round_trip(env, ["gdbus", "call", "--session", "-d", "io.github.limber.Limber1",
                                 "-o", "/io/github/limber/Limber1", "-m",
                                 "org.freedesktop.DBus.Properties.Get",
                                 "io.github.limber.Limber1", "State"])

        year = subprocess.run([os.path.join(build, "tests", "bench", "scheduler-year")],
                              capture_output=True, text=True, check=True).stdout
        year = {k: float(v) for k, v in (line.split() for line in year.splitlines())}
    finally:
        for desktop in reversed(desktops):
            desktop.close()
        shutil.rmtree(work, ignore_errors=True)

    floor = results["floor"]
    limber_names = [n for n in results if n.startswith("limberd")]
    peers = [n for n in ("workrave", "safeeyes") if n in results]
    order = limber_names + ["floor"] + peers

    report = {
        "machine": {"cpus": os.cpu_count(), "kernel": platform.release(),
                    "system": platform.platform(), "python": platform.python_version()},
        "windows": args.windows, "window_seconds": args.window_seconds,
        "settle_seconds": args.settle_seconds,
        "programs": results,
        "start_to_ready_ms": {"limberd": ready_limberd, "floor": ready_floor,
                              "floor_name_owned": ready_floor_named,
                              "ratio": ratio(ready_limberd, ready_floor),
                              "ratio_to_name_owned": ratio(ready_limberd, ready_floor_named)},
        "round_trip_ms": {"limberctl status": ctl, "limberctl status --json": ctl_json,
                          "busctl get-property": busctl, "gdbus call": gdbus,
                          "ratio_to_busctl": ratio(ctl, busctl),
                          "ratio_to_gdbus": ratio(ctl, gdbus)},
        "scheduler_year": year,
        "notes": notes,
    }
    report["ratios"] = {}
    for name in limber_names:
        r = results[name]
        entry = {"rss_to_floor": ratio(r["rss_kib"], floor["rss_kib"]),
                 "pss_to_floor": ratio(r["pss_kib"], floor["pss_kib"])}
        for peer in peers:
            entry[f"rss_to_{peer}"] = ratio(r["rss_kib"], results[peer]["rss_kib"])
            entry[f"pss_to_{peer}"] = ratio(r["pss_kib"], results[peer]["pss_kib"])
            entry[f"cpu_to_{peer}"] = ratio(r["cpu_seconds_per_hour"],
                                           results[peer]["cpu_seconds_per_hour"])
        report["ratios"][name] = entry

    print(f"Footprint on {os.cpu_count()} CPUs, Linux {platform.release()}; medians of "
          f"{args.windows} windows of {args.window_seconds:.0f} s after "
          f"{args.settle_seconds:.0f} s idle.\n")
    print(table(results, order))
    print()
    for name in limber_names:
        e = report["ratios"][name]
        parts = [f"RSS {e['rss_to_floor']:.2f}× floor", f"PSS {e['pss_to_floor']:.2f}× floor"]
        for peer in peers:
            parts.append(f"RSS {e[f'rss_to_{peer}']:.2f}× {peer}")
        print(f"- {name}: " + ", ".join(parts))
    ready = report["start_to_ready_ms"]
    print(f"- start to READY: limberd {ready_limberd:.1f} ms; floor at its first iteration "
          f"{ready_floor:.1f} ms ({ready['ratio']:.2f}×), with its bus name owned "
          f"{ready_floor_named:.1f} ms ({ready['ratio_to_name_owned']:.2f}×)")
    print(f"- limberctl status {ctl:.1f} ms (--json {ctl_json:.1f} ms); busctl get-property "
          f"{busctl:.1f} ms ({report['round_trip_ms']['ratio_to_busctl']:.2f}×); gdbus call "
          f"{gdbus:.1f} ms ({report['round_trip_ms']['ratio_to_gdbus']:.2f}×)")
    print(f"- scheduler: a simulated year, {year['events']:.0f} events and "
          f"{year['breaks_shown']:.0f} breaks, in {year['seconds'] * 1000:.1f} ms")
    for note in notes:
        print(f"- {note}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
        print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
