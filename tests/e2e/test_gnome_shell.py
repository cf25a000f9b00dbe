#!/usr/bin/python3
"""End to end on real GNOME Shell 43, headless: limberd's break pop-up and
its guided routine, as GNOME shows them. GNOME Shell's notification
helper is activated on the test's own session bus; screenshots come from
org.gnome.Shell.Screenshot and are kept as artifacts."""

import os
import shutil
import subprocess
import time

import dbus

import limbertest
from limbertest import LimberTestCase, wait_until

ARTIFACTS = os.environ.get("LIMBER_ARTIFACTS", os.path.join(os.getcwd(), "e2e-artifacts"))
HELPER = "/usr/share/dbus-1/services/org.gnome.Shell.Notifications.service"

CONFIG = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h",
                                         "activity-source": "none"})


class GnomeShellTest(LimberTestCase):
    config = CONFIG
    start_daemon = False
    start_notification_server = False

    def setUp(self):
        super().setUp()
        if not shutil.which("gnome-shell") or not os.path.exists(HELPER):
            self.skipTest("gnome-shell (and gjs) are not installed")
        # GNOME's notification helper, activated by this bus only.
        shutil.copy(HELPER, self.get_services_dir())
        self.bus.get_object("org.freedesktop.DBus", "/org/freedesktop/DBus").ReloadConfig(
            dbus_interface="org.freedesktop.DBus")
        self.start_logind()
        runtime = self.path("shell-runtime")
        os.makedirs(runtime, mode=0o700)
        env = dict(self.env, XDG_RUNTIME_DIR=runtime, GSETTINGS_BACKEND="memory",
                   NO_AT_BRIDGE="1")
        for name in ("DISPLAY", "WAYLAND_DISPLAY"):
            env.pop(name, None)
        log = open(self.path("gnome-shell.log"), "w", encoding="utf-8")  # pylint: disable=consider-using-with
        self.shell = subprocess.Popen(  # pylint: disable=consider-using-with
            ["gnome-shell", "--headless", "--wayland", "--no-x11",
             "--virtual-monitor", "1280x800"],
            env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.addCleanup(self.stop_shell)
        wait_until(lambda: self.bus.name_has_owner("org.gnome.Shell.Screenshot"),
                   timeout=60, message="GNOME Shell on the bus")
        # Its notification service answers a moment after the shell is up.
        wait_until(self.server_answers, timeout=60, message="GNOME's notifications")
        # Screenshots answer only a connection that owns org.gnome.Screenshot.
        self.bus.request_name("org.gnome.Screenshot")
        self.start_limberd()

    def server_answers(self):
        try:
            info = self.bus.get_object(limbertest.NOTIFY_IFACE,
                                       "/org/freedesktop/Notifications").GetServerInformation(
                dbus_interface=limbertest.NOTIFY_IFACE)
        except dbus.exceptions.DBusException:
            return None
        return info

    def stop_shell(self):
        if self.shell.poll() is None:
            self.shell.terminate()
            try:
                self.shell.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.shell.kill()
                self.shell.wait()

    def screenshot(self, name):
        path = self.path(f"{name}.png")
        shot = dbus.Interface(self.bus.get_object("org.gnome.Shell.Screenshot",
                                                  "/org/gnome/Shell/Screenshot"),
                              "org.gnome.Shell.Screenshot")
        ok, used = shot.Screenshot(False, False, path)
        self.assertTrue(ok, used)
        os.makedirs(ARTIFACTS, exist_ok=True)
        shutil.copyfile(str(used), os.path.join(ARTIFACTS, f"{name}.png"))
        return str(used)

    def changed(self, shot, empty, area):
        """How many pixels of @area ("WxH+X+Y") of @shot differ from the
        same area of @empty, a screenshot with no banner."""
        a, b = self.path("a.png"), self.path("b.png")
        subprocess.run(["convert", shot, "-crop", area, "+repage", a], check=True)
        subprocess.run(["convert", empty, "-crop", area, "+repage", b], check=True)
        result = subprocess.run(["compare", "-metric", "AE", a, b, "null:"],
                                capture_output=True, text=True, check=False)
        return int(float(result.stderr.split()[0]))

    def assert_step_banner(self, shot, empty):
        """A banner, top centre, shown whole: GNOME draws a critical one
        expanded, every line of the step (its cue, the safety line) below
        the first; a normal one stops after one line of the body."""
        self.assertGreater(self.changed(shot, empty, "600x80+340+30"), 20000)
        self.assertGreater(self.changed(shot, empty, "400x20+440+120"), 4000)

    def step(self):
        return {str(k): v for k, v in self.property("Step").items()}

    def remote_session(self):
        """Input through GNOME's RemoteDesktop, on this test's one
        connection (the session lives as long as it does)."""
        remote = dbus.Interface(
            self.bus.get_object("org.gnome.Mutter.RemoteDesktop",
                                "/org/gnome/Mutter/RemoteDesktop"),
            "org.gnome.Mutter.RemoteDesktop")
        session = dbus.Interface(
            self.bus.get_object("org.gnome.Mutter.RemoteDesktop", remote.CreateSession()),
            "org.gnome.Mutter.RemoteDesktop.Session")
        session.Start()
        self.addCleanup(session.Stop)
        return session

    def be_active_for(self, session, seconds):
        """A person at the mouse: GNOME takes a normal banner away 4s
        after the user is active."""
        end = time.monotonic() + seconds
        sign = 1
        while time.monotonic() < end:
            session.NotifyPointerMotionRelative(dbus.Double(5 * sign), dbus.Double(0))
            sign = -sign
            time.sleep(0.3)

    def test_guided_steps_stay_on_screen(self):
        session = self.remote_session()
        # GNOME's own banners for this session (a root session, no screen
        # lock) go once someone is at the mouse, 4s each; then nobody
        # touches anything.
        self.be_active_for(session, 12)
        self.ctl("break", check=0)
        wait_until(lambda: self.status()["popup"] == "on-screen", timeout=20,
                   message="the pop-up on GNOME's screen")
        time.sleep(1)
        self.screenshot("gnome-offer")
        # At the mouse for 6s: the offer, a normal banner, goes into the
        # list, as limberd expects of GNOME.
        self.be_active_for(session, 6)
        self.assertEqual(self.status()["popup"], "in-list")
        empty = self.screenshot("gnome-offer-later")
        self.assertLess(self.changed(empty, empty, "600x80+340+30"), 1)
        # Started: the steps of a running routine are critical, which GNOME
        # puts on screen and keeps there.
        self.ctl("routine", "start", check=0)
        self.ctl("routine", "next", check=0)
        step = wait_until(lambda: (s := self.step()).get("step") == 2 and s,
                          message="step 2")
        self.assertEqual(step["text"], "Now roll them backward")
        time.sleep(1)
        # On screen at once, whole (a normal update of a pop-up in the list
        # comes back, if at all, as one line).
        self.assert_step_banner(self.screenshot("gnome-guided-step2"), empty)
        # Still at the mouse, seconds later: step 2 (15s) stays, its
        # countdown moving on.
        self.be_active_for(session, 6)
        self.assertEqual(self.step()["step"], 2)
        self.assertEqual(self.status()["popup"], "on-screen")
        self.assert_step_banner(self.screenshot("gnome-guided-step2-later"), empty)
        self.ctl("routine", "stop", check=0)

if __name__ == "__main__":
    limbertest.main()
