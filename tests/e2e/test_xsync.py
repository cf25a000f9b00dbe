#!/usr/bin/python3
"""X11 without a desktop service: limberd's XSync source under Xvfb, with
xdotool as the user. The X server's idle counter under Xvfb does not grow
smoothly, so this checks what the user does (idle, back, a pop-up at the
lull) rather than idle durations to the millisecond."""

import subprocess
import time

from desktop import X11Screen
import limbertest
from limbertest import LimberTestCase, wait_until

CONFIG = dict(limbertest.FAST_CONFIG, **{
    "interval-min": "1h", "interval-max": "2h", "lull": "1s",
})


class XvfbTestCase(LimberTestCase):
    config = CONFIG
    start_daemon = False

    def setUp(self):
        super().setUp()
        screen = X11Screen(self.env, width=640, height=480)
        self.addCleanup(screen.stop)
        self.env["DISPLAY"] = screen.env["DISPLAY"]


class XsyncTest(XvfbTestCase):
    def setUp(self):
        super().setUp()
        self.start_limberd()
        self.wait_for_source("xsync")

    def move_mouse(self):
        subprocess.run(["xdotool", "mousemove_relative", "--", "7", "3"], env=self.env,
                       check=True)

    def type_for(self, seconds):
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            self.move_mouse()
            time.sleep(0.2)
        return time.monotonic() - started

    def test_idle_and_back(self):
        self.type_for(1.0)
        self.assertEqual(self.status()["state"], "active")
        self.wait_for_state("idle")
        self.move_mouse()
        self.wait_for_state("active")

    def test_worked_time_follows_input(self):
        self.type_for(0.5)
        self.wait_for_state("idle")
        before = self.status()["worked_seconds"]
        typed = self.type_for(3.0)
        self.wait_for_state("idle")
        worked = self.status()["worked_seconds"] - before
        self.assertAlmostEqual(worked, typed, delta=limbertest.slack(1.5))

    def test_break_waits_for_the_lull(self):
        self.ctl("set", "interval-min", "2s", check=0)
        self.ctl("set", "interval-max", "30s", check=0)
        self.type_for(3.0)
        self.assertEqual(self.status()["state"], "due")
        self.assertEqual(self.notify_calls(), [])
        popup = wait_until(self.notify_calls, message="the pop-up at the lull")[0]
        self.assertEqual(popup["hints"]["urgency"], 1)


class IdleAtStartTest(XvfbTestCase):
    """A session idle since before limberd started is idle from the first
    status on: the source asks the X server's IDLETIME as it starts, since
    its alarms fire only when the idle time crosses the lull, which it
    already has."""

    def test_idle_before_start_is_not_work(self):
        # Nobody has touched this X server since it started: idle for
        # twice the lull by the time limberd asks (the counter only needs
        # to be past the lull, however unevenly it grows).
        time.sleep(2 * 1.0)
        self.start_limberd()
        status = self.wait_for_source("xsync")
        self.assertEqual(status["state"], "idle")
        self.assertEqual(status["worked_seconds"], 0)
        # The alarms still follow the user from there.
        subprocess.run(["xdotool", "mousemove_relative", "--", "7", "3"],
                       env=self.env, check=True)
        self.wait_for_state("active")
        self.wait_for_state("idle")


class WaylandSessionTest(XvfbTestCase):
    """Under XWayland, X's idle time sees only input to X windows: in a
    Wayland session limberd leaves the XSync source (and xcb) unloaded."""

    def test_xsync_not_used_under_wayland(self):
        self.env["WAYLAND_DISPLAY"] = "wayland-0"
        self.start_limberd()
        wait_until(lambda: "not used in a Wayland session" in self.daemon_output(),
                   message="limberd to pass over the XSync source")
        # Past "choosing" (a moment; longer under valgrind), no source.
        self.wait_for_source("none")
        with open(f"/proc/{self.daemon.pid}/maps", encoding="utf-8") as f:
            self.assertNotIn("libxcb", f.read())


if __name__ == "__main__":
    limbertest.main()
