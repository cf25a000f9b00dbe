#!/usr/bin/python3
"""The README's window-manager lines, run by the window managers
themselves: i3 under Xvfb and headless sway start with the README's line
in their config, on a private session bus with limber's activation file,
and one limberd comes up, started by the bus. (Debian 12 ships neither
Hyprland nor niri.)"""

import os
import re
import shutil
import signal
import subprocess
import tempfile

from desktop import X11Screen
import limbertest
from limbertest import LimberTestCase, wait_until

SLOW = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})
README = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "README.md")
NOBODY = 65534


def readme_recipe(config_path):
    """The lines of the README's code block that starts with the comment
    '# CONFIG_PATH'."""
    with open(README, encoding="utf-8") as f:
        text = f.read()
    match = re.search(rf"^```\w*\n# {re.escape(config_path)}\n(.*?)^```", text, re.M | re.S)
    if match is None:
        raise AssertionError(f"README.md has no block for {config_path}")
    return match.group(1)


def limberd_pids(address):
    """The live limberd processes the bus at @address activated."""
    pids = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/comm", encoding="utf-8") as f:
                if f.read().strip() != "limberd":
                    continue
            with open(f"/proc/{entry}/environ", "rb") as f:
                if b"DBUS_STARTER_ADDRESS=" + address.encode() in f.read().split(b"\0"):
                    pids.append(int(entry))
        except OSError:
            continue
    return pids


class WindowManagerTest(LimberTestCase):
    start_daemon = False
    config = SLOW

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # sway refuses to run as root: it runs as nobody, and what it
        # starts must reach the bus, so this bus lets other users in.
        conf = os.path.join(cls.get_services_dir(), "..", "wm-bus.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write(f"""<busconfig><type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <servicedir>{cls.get_services_dir()}</servicedir>
  <policy context="default">
    <allow user="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>""")
        cls.wm_bus_pid, address = cls.start_dbus(conf=conf)
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        cls.bus = cls.get_dbus()

    @classmethod
    def tearDownClass(cls):
        cls.stop_dbus(cls.wm_bus_pid)
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.address = self.env["DBUS_SESSION_BUS_ADDRESS"]
        with open(os.environ["LIMBER_ACTIVATION_FILE"], encoding="utf-8") as f:
            lines = [f"Exec={limbertest.LIMBERD}" if l.startswith("Exec=") else l
                     for l in f.read().splitlines()]
        service = os.path.join(self.get_services_dir(), "io.github.limber.Limber1.service")
        with open(service, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        self.addCleanup(os.remove, service)
        self.bus.get_object("org.freedesktop.DBus", "/org/freedesktop/DBus").ReloadConfig(
            dbus_interface="org.freedesktop.DBus")
        # 'limberctl' on PATH is the one under test, in a directory anyone
        # may read (sway's children run as nobody).
        self.bin = tempfile.mkdtemp(prefix="limber-wm-bin-")
        os.chmod(self.bin, 0o755)
        os.symlink(limbertest.LIMBERCTL, os.path.join(self.bin, "limberctl"))
        self.addCleanup(shutil.rmtree, self.bin, True)
        self.env["PATH"] = self.bin + ":" + self.env["PATH"]
        self.addCleanup(self.stop_activated)

    def stop_activated(self):
        for pid in limberd_pids(self.address):
            os.kill(pid, signal.SIGTERM)
        wait_until(lambda: not limberd_pids(self.address), message="limberd to stop")

    def expect_one_limberd(self, wm, log):
        def started():
            if wm.poll() is not None:
                with open(log, encoding="utf-8", errors="replace") as f:
                    raise AssertionError(f"the window manager exited {wm.returncode}:\n{f.read()}")
            return self.bus.name_has_owner(limbertest.BUS_NAME)

        wait_until(started, 20.0, "the window manager's line to start limberd")
        self.assertEqual(len(limberd_pids(self.address)), 1)
        self.assertEqual(self.status()["state"], "active")

    def start_wm(self, argv, env, log, user=None):
        with open(log, "w", encoding="utf-8") as out:
            wm = subprocess.Popen(  # pylint: disable=consider-using-with
                argv, env=env, stdout=out, stderr=subprocess.STDOUT,
                user=user, group=user, extra_groups=[] if user else None)
        self.addCleanup(self.stop_server, wm)
        return wm

    def test_i3_runs_the_readme_line(self):
        screen = X11Screen(self.env, width=640, height=480)
        self.addCleanup(screen.stop)
        display = screen.env["DISPLAY"]
        config = self.path("i3.conf")
        with open(config, "w", encoding="utf-8") as f:
            f.write("font pango:monospace 8\n" + readme_recipe("~/.config/i3/config"))
        log = self.path("i3.log")
        wm = self.start_wm(["i3", "-c", config], dict(self.env, DISPLAY=display), log)
        self.expect_one_limberd(wm, log)

    def test_sway_runs_the_readme_line(self):
        runtime = tempfile.mkdtemp(prefix="limber-sway-")
        self.addCleanup(shutil.rmtree, runtime, True)
        os.chown(runtime, NOBODY, NOBODY)
        config = os.path.join(runtime, "sway.conf")
        with open(config, "w", encoding="utf-8") as f:
            f.write(readme_recipe("~/.config/sway/config"))
        os.chmod(config, 0o644)
        env = dict(self.env, XDG_RUNTIME_DIR=runtime, HOME=runtime,
                   XDG_CONFIG_HOME=runtime, XDG_CACHE_HOME=runtime,
                   XDG_DATA_HOME=runtime, XDG_STATE_HOME=runtime,
                   WLR_BACKENDS="headless", WLR_LIBINPUT_NO_DEVICES="1",
                   WLR_RENDERER="pixman", WLR_HEADLESS_OUTPUTS="1")
        log = self.path("sway.log")
        wm = self.start_wm(["sway", "-c", config], env, log, user=NOBODY)
        self.expect_one_limberd(wm, log)


if __name__ == "__main__":
    limbertest.main()
