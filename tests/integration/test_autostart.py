#!/usr/bin/python3
"""The XDG autostart entry (data/limber-autostart.desktop) starts limberd
through the session bus, so that it never makes a second one: its Exec run
twice at once gives one limberd, run beside a limberd already there leaves
that one alone, and sessions that systemd runs skip it."""

import configparser
import os
import shlex
import signal
import subprocess

import limbertest
from limbertest import LimberTestCase, wait_until

SLOW = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})


def autostart_entry():
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read(os.environ["LIMBER_AUTOSTART_ENTRY"], encoding="utf-8")
    return parser["Desktop Entry"]


def limberd_pids(address):
    """The live limberd processes on the bus at @address: started there, or
    activated by it (which says so in DBUS_STARTER_ADDRESS)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                stat = f.read()
            with open(f"/proc/{entry}/environ", "rb") as f:
                environ = f.read().split(b"\0")
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        # limberd itself, or limberd under valgrind (the wrapper's name).
        named = stat[stat.index("(") + 1:stat.rindex(")")] == "limberd" or any(
            os.path.basename(arg) == b"limberd" for arg in argv)
        if not named or stat[stat.rindex(")") + 2:].split()[0] == "Z":
            continue
        for name in (b"DBUS_STARTER_ADDRESS=", b"DBUS_SESSION_BUS_ADDRESS="):
            if name + address.encode() in environ:
                pids.append(int(entry))
                break
    return sorted(pids)


class AutostartTest(LimberTestCase):
    start_daemon = False
    config = SLOW

    def setUp(self):
        super().setUp()
        # The bus's activation file, as installed, running the built limberd.
        with open(os.environ["LIMBER_ACTIVATION_FILE"], encoding="utf-8") as f:
            lines = [f"Exec={limbertest.LIMBERD}" if l.startswith("Exec=") else l
                     for l in f.read().splitlines()]
        self.service = os.path.join(self.get_services_dir(), "io.github.limber.Limber1.service")
        with open(self.service, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        self.bus_daemon = self.bus.get_object("org.freedesktop.DBus", "/org/freedesktop/DBus")
        self.bus_daemon.ReloadConfig(dbus_interface="org.freedesktop.DBus")
        self.address = self.env["DBUS_SESSION_BUS_ADDRESS"]
        self.addCleanup(self.stop_activated)

    def stop_activated(self):
        os.remove(self.service)
        for pid in limberd_pids(self.address):
            if self.daemon is not None and pid == self.daemon.pid:
                continue
            os.kill(pid, signal.SIGTERM)
        wait_until(lambda: limberd_pids(self.address) in ([], [getattr(self.daemon, "pid", 0)]),
                   message="the activated limberd to stop")

    def run_entry(self):
        """The entry's Exec line, as a session manager would start it, with
        limberctl the one under test."""
        argv = shlex.split(autostart_entry()["Exec"])
        self.assertEqual(argv[0], "limberctl")
        return subprocess.Popen(  # pylint: disable=consider-using-with
            [limbertest.LIMBERCTL, *argv[1:]], env=self.env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def test_twice_at_once_gives_one_limberd(self):
        first, second = self.run_entry(), self.run_entry()
        outputs = [p.communicate(timeout=30) for p in (first, second)]
        for process, (out, err) in zip((first, second), outputs):
            self.assertEqual(process.returncode, 0, err)
            self.assertIn(out.strip(), ("limberd started.", "limberd is already running."))
        wait_until(lambda: self.bus.name_has_owner(limbertest.BUS_NAME),
                   message="limberd to own its name")
        self.assertEqual(len(limberd_pids(self.address)), 1)
        owner = self.bus_daemon.GetConnectionUnixProcessID(
            limbertest.BUS_NAME, dbus_interface="org.freedesktop.DBus")
        self.assertEqual(limberd_pids(self.address), [owner])
        # Once more, later: it is there, and stays the only one.
        third = self.run_entry()
        out, err = third.communicate(timeout=30)
        self.assertEqual((third.returncode, out), (0, "limberd is already running.\n"), err)
        self.assertEqual(limberd_pids(self.address), [owner])
        self.assertEqual(self.status()["state"], "active")

    def test_leaves_a_running_limberd_alone(self):
        """limberd already runs (started by its unit, say): the entry
        neither starts another nor replaces it."""
        self.start_limberd()
        process = self.run_entry()
        out, err = process.communicate(timeout=30)
        self.assertEqual((process.returncode, out), (0, "limberd is already running.\n"), err)
        self.assertEqual(limberd_pids(self.address), [self.daemon.pid])
        owner = self.bus_daemon.GetConnectionUnixProcessID(
            limbertest.BUS_NAME, dbus_interface="org.freedesktop.DBus")
        self.assertEqual(owner, self.daemon.pid)

    def test_without_activation_file_says_so(self):
        os.rename(self.service, self.service + ".off")
        self.bus_daemon.ReloadConfig(dbus_interface="org.freedesktop.DBus")
        try:
            process = self.run_entry()
            _, err = process.communicate(timeout=30)
            self.assertEqual(process.returncode, 3)
            self.assertIn("limberd is not reachable", err)
        finally:
            os.rename(self.service + ".off", self.service)

    def test_skipped_where_systemd_runs_the_session(self):
        entry = autostart_entry()
        # systemd's autostart generator skips it: limberd.service starts with
        # graphical-session.target there, and 'systemctl --user disable
        # limberd' keeps it off.
        self.assertEqual(entry.get("X-systemd-skip"), "true")
        # Not hidden wherever systemd runs: window-manager sessions under
        # systemd never reach graphical-session.target.
        self.assertNotIn("X-GNOME-HiddenUnderSystemd", entry)
        self.assertEqual(entry.get("TryExec"), "limberctl")
        self.assertNotIn("OnlyShowIn", entry)


if __name__ == "__main__":
    limbertest.main()
