#!/usr/bin/python3
"""Wayland beyond GNOME: limberd's wayland source against real compositors,
headless, on the test's private buses. KWin 5.27 offers ext_idle_notifier_v1
(and the user is KWin's fake input, through tests/e2e/kwin-fake-input.c);
sway 1.7 offers only org_kde_kwin_idle (and the user is wtype). Each
desktop's cases run in one process (tests/e2e/meson.build).

KWin's idle timer fires up to 5 % early or late; sway refuses to run as
root, so it runs as nobody, in a runtime directory of its own."""

import os
import shutil
import signal
import subprocess
import tempfile
import time

import limbertest
from limbertest import LimberTestCase, wait_until

LULL = 1.0
CONFIG = dict(limbertest.FAST_CONFIG, **{
    "interval-min": "1h", "interval-max": "2h", "lull": "1s",
})
KWIN_FAKE_INPUT = os.environ.get("KWIN_FAKE_INPUT", "kwin-fake-input")
ARTIFACTS = os.environ.get("LIMBER_ARTIFACTS")
# KWin's timers: up to 5 % early or late.
TIMER_SLACK = 0.05
NOBODY = 65534


def maps_of(pid):
    with open(f"/proc/{pid}/maps", encoding="utf-8") as f:
        return f.read()


class WaylandCases:
    """Mixed into each desktop's LimberTestCase: a compositor
    (start_compositor, stop_compositor), the user at it (user_input), and
    limberd on the same private buses with logind, which adds the lock
    screen and sleep to what the compositor tells."""

    config = CONFIG
    start_daemon = False
    desktop = "?"
    protocol = "?"
    compositor = None

    def setUp(self):
        super().setUp()
        self.start_logind()
        self.addCleanup(self.stop_compositor)

    # What each desktop does its own way

    def launch(self):
        """Starts the compositor; returns (process, runtime dir)."""
        raise NotImplementedError

    def user_input(self, count=1, interval=0.3):
        """@count keystrokes or pointer moves, @interval seconds apart;
        returns once the compositor has had them."""
        raise NotImplementedError

    # Shared

    def start_compositor(self):
        self.compositor, runtime = self.launch()
        started = time.monotonic()
        self.display = wait_until(lambda: self.find_socket(runtime), timeout=10,
                                  message=f"{self.desktop}'s socket")
        self.startup_seconds = time.monotonic() - started
        return self.display

    def find_socket(self, runtime):
        if self.compositor.poll() is not None:
            raise AssertionError(f"{self.desktop} exited with {self.compositor.returncode}")
        for name in sorted(os.listdir(runtime)):
            if name.startswith("wayland-") and not name.endswith(".lock"):
                return name
        return None

    def stop_compositor(self, sig=signal.SIGTERM):
        if self.compositor is not None and self.compositor.poll() is None:
            self.compositor.send_signal(sig)
            self.compositor.wait(timeout=20)

    def wayland_env(self, runtime):
        env = dict(self.env, XDG_RUNTIME_DIR=runtime, WAYLAND_DISPLAY=self.display)
        env.pop("DISPLAY", None)
        return env

    def start_limberd_on_wayland(self, display=True):
        env = dict(self.env)
        if display:
            env["WAYLAND_DISPLAY"] = self.display
        self.start_limberd(env=env)

    def state(self):
        return str(self.property("State"))

    def wait_for_property_state(self, state, timeout=10.0):
        """Faster than limberctl status: for timing."""
        return wait_until(lambda: self.state() == state, timeout, f"state {state}")

    def reason(self):
        return self.status()["activity_reason"]

    def type_for(self, seconds, interval=0.3):
        """Input every @interval seconds for about @seconds; returns how
        long from the first input to the last."""
        started = time.monotonic()
        self.user_input(count=max(2, round(seconds / interval) + 1), interval=interval)
        return time.monotonic() - started

    def record(self, name, text):
        print(f"{self.desktop}: {name}: {text}")
        if ARTIFACTS:
            os.makedirs(ARTIFACTS, exist_ok=True)
            with open(os.path.join(ARTIFACTS, f"wayland-{self.desktop}.txt"), "a",
                      encoding="utf-8") as f:
                f.write(f"{name}: {text}\n")

    # The cases every desktop runs

    def test_picks_the_wayland_source(self):
        self.start_compositor()
        self.record("compositor start", f"{self.startup_seconds:.2f} s to its socket")
        self.start_limberd_on_wayland()
        self.wait_for_source("wayland+logind")
        # logind finds the session a moment after it tells sleep.
        reason = wait_until(lambda: "lock screen" in (r := self.reason()) and r,
                            message="logind's session")
        self.assertIn(self.protocol, reason)
        self.assertIn(self.display, reason)
        self.assertIn("logind tells the lock screen and sleep", reason)
        self.assertIn("libwayland-client", maps_of(self.daemon.pid))
        out = self.ctl("status", check=0).stdout
        self.assertIn("Activity:  wayland+logind", out)
        self.assertIn(self.protocol, out)

    def test_worked_time_stands_still_without_input(self):
        self.start_compositor()
        self.start_limberd_on_wayland()
        self.wait_for_source("wayland+logind")
        # Nobody touches a headless compositor: idle once the lull passes.
        self.wait_for_state("idle")
        before = self.status()["worked_seconds"]
        time.sleep(2.0)
        self.assertEqual(self.status()["worked_seconds"], before)
        typed = self.type_for(3.0)
        self.assertEqual(self.state(), "active")
        self.wait_for_state("idle")
        worked = self.status()["worked_seconds"] - before
        # Work runs from the first input to the last: the lull after it is
        # idle time, taken back when idle is told.
        self.assertAlmostEqual(worked, typed, delta=limbertest.slack(1.5))

    def test_input_brings_the_user_back_and_idle_comes_at_the_lull(self):
        self.start_compositor()
        self.start_limberd_on_wayland()
        self.wait_for_source("wayland+logind")
        self.wait_for_property_state("idle")
        returns, idles = [], []
        for _ in range(3):
            # The input reaches the compositor between these two moments.
            sent = time.monotonic()
            self.user_input()
            delivered = time.monotonic()
            self.wait_for_property_state("active", timeout=5)
            returns.append(time.monotonic() - sent)
            self.wait_for_property_state("idle", timeout=5)
            seen = time.monotonic()
            self.assertGreaterEqual(seen - sent, LULL * (1 - TIMER_SLACK))
            self.assertLess(seen - delivered, LULL * (1 + TIMER_SLACK) + limbertest.slack(0.5))
            idles.append(seen - delivered)
        self.record("idle detection",
                    "idle seen " + ", ".join(f"{(i - LULL) * 1000:+.0f} ms" for i in idles)
                    + f" after the {LULL:.0f} s lull; return seen in "
                    + ", ".join(f"{r * 1000:.0f} ms" for r in returns)
                    + " (from the input tool's start; limberd's state read over D-Bus"
                    " every 50 ms)")

    def test_idle_for_natural_break_resets_the_clock(self):
        self.write_config(dict(CONFIG, **{"natural-break": "3s", "break-length": "2s"}))
        self.start_compositor()
        self.start_limberd_on_wayland()
        self.wait_for_source("wayland+logind")
        self.type_for(2.0)
        self.assertGreaterEqual(self.status()["worked_seconds"], 1)
        status = wait_until(lambda: (s := self.status())["today"]["natural"] == 1 and s,
                            message="a natural break")
        self.assertEqual(status["worked_seconds"], 0)

    def test_a_lull_brings_the_pop_up(self):
        self.start_compositor()
        self.start_limberd_on_wayland()
        self.wait_for_source("wayland+logind")
        self.ctl("set", "interval-min", "2s", check=0)
        self.ctl("set", "interval-max", "30s", check=0)
        self.type_for(3.5)
        stopped = time.time()
        self.assertEqual(self.status()["state"], "due")
        self.assertEqual(self.notify_calls(), [])
        popup = self.wait_for_popups()[0]
        # Not before the lull (a moment passes between the last input and
        # @stopped).
        self.assertGreaterEqual(popup["time"],
                                stopped + LULL * (1 - TIMER_SLACK) - limbertest.slack(0.3))
        self.assertEqual(popup["hints"]["urgency"], 1)

    def test_compositor_started_after_limberd_is_attached(self):
        # As a user service that started before the compositor exported
        # WAYLAND_DISPLAY: no display in limberd's environment at all.
        self.start_limberd_on_wayland(display=False)
        self.wait_for_source("logind")
        wait_until(lambda: "no Wayland display yet" in self.reason(),
                   message="limberd to watch for a display")
        self.assertNotIn("libwayland-client", maps_of(self.daemon.pid))
        self.start_compositor()
        self.wait_for_source("wayland+logind")
        self.assertIn(self.protocol, self.reason())
        self.wait_for_property_state("idle")
        self.user_input()
        self.wait_for_property_state("active")

    def test_compositor_killed_and_restarted_is_reattached(self):
        self.start_compositor()
        self.start_limberd_on_wayland()
        self.wait_for_source("wayland+logind")
        self.stop_compositor(signal.SIGKILL)
        self.wait_for_source("logind")
        self.assertIn("the compositor went away", self.reason())
        self.start_compositor()
        self.wait_for_source("wayland+logind")
        self.wait_for_property_state("idle")
        self.user_input()
        self.wait_for_property_state("active")


class KWinTest(WaylandCases, LimberTestCase):
    """KDE Plasma's compositor: KWin 5.27, ext_idle_notifier_v1 version 1."""

    desktop = "kwin"
    protocol = "ext-idle-notify-v1 version 1"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # /usr/bin/kwin_wayland carries cap_sys_resource, which these
        # machines refuse to exec; a copy drops it.
        cls.kwin = os.path.join(cls.class_tmp, "kwin_wayland")
        shutil.copy("/usr/bin/kwin_wayland", cls.kwin)

    def setUp(self):
        super().setUp()
        # KWin offers fake input only to a program a .desktop file names.
        apps = self.path("data", "applications")
        os.makedirs(apps, exist_ok=True)
        with open(os.path.join(apps, "limber-test-fake-input.desktop"), "w",
                  encoding="utf-8") as f:
            f.write("[Desktop Entry]\nType=Application\nName=limber test input\n"
                    f"Exec={os.path.realpath(KWIN_FAKE_INPUT)}\n"
                    "X-KDE-Wayland-Interfaces=org_kde_kwin_fake_input\n")

    def launch(self):
        runtime = self.env["XDG_RUNTIME_DIR"]
        env = dict(self.env, KWIN_COMPOSE="Q",
                   # Not the test's logind: KWin --virtual needs none.
                   DBUS_SYSTEM_BUS_ADDRESS="unix:path=/nonexistent",
                   # Where KDE's menu is, without which KWin finds no
                   # .desktop file to grant fake input by.
                   XDG_CONFIG_DIRS=self.env["XDG_CONFIG_DIRS"] + ":/etc/xdg")
        env.pop("WAYLAND_DISPLAY", None)
        log = open(self.path(f"kwin-{time.monotonic_ns()}.log"), "w",  # pylint: disable=consider-using-with
                   encoding="utf-8")
        process = subprocess.Popen(  # pylint: disable=consider-using-with
            [self.kwin, "--virtual", "--no-lockscreen", "--no-global-shortcuts",
             "--no-kactivities", "--socket", "wayland-0", "--width", "1280", "--height", "800"],
            env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        return process, runtime

    def user_input(self, count=1, interval=0.3):
        subprocess.run([KWIN_FAKE_INPUT, str(count), str(int(interval * 1000))],
                       env=self.wayland_env(self.env["XDG_RUNTIME_DIR"]), check=True,
                       timeout=30 + count * interval)


class SwayTest(WaylandCases, LimberTestCase):
    """sway 1.7 (wlroots 0.15): org_kde_kwin_idle only."""

    desktop = "sway"
    protocol = "org_kde_kwin_idle"

    def setUp(self):
        # sway runs as nobody, in a runtime dir (and home) nobody owns;
        # limberd and the user's tools, as root, can still connect.
        self.sway_dir = tempfile.mkdtemp(prefix="limber-sway-")
        os.chmod(self.sway_dir, 0o700)
        os.chown(self.sway_dir, NOBODY, NOBODY)
        self.addCleanup(shutil.rmtree, self.sway_dir, True)
        self.sway_config = os.path.join(self.sway_dir, "config")
        with open(self.sway_config, "w", encoding="utf-8") as f:
            f.write("# the test's: no bar, no idle tools\n")
        os.chown(self.sway_config, NOBODY, NOBODY)
        super().setUp()
        self.env["XDG_RUNTIME_DIR"] = self.sway_dir

    def launch(self):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.sway_dir,
            "XDG_RUNTIME_DIR": self.sway_dir,
            "WLR_BACKENDS": "headless",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "WLR_RENDERER": "pixman",
            "WLR_HEADLESS_OUTPUTS": "1",
            "LC_ALL": "C.UTF-8",
        }
        log = open(self.path(f"sway-{time.monotonic_ns()}.log"), "w",  # pylint: disable=consider-using-with
                   encoding="utf-8")
        process = subprocess.Popen(  # pylint: disable=consider-using-with
            ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--",
             "sway", "-c", self.sway_config],
            env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        return process, self.sway_dir

    def user_input(self, count=1, interval=0.3):
        env = self.wayland_env(self.sway_dir)
        for i in range(count):
            if i > 0:
                time.sleep(interval)
            subprocess.run(["wtype", "-k", "Shift_L"], env=env, check=True, timeout=10)


class NoWaylandTest(LimberTestCase):
    """Sessions without Wayland never map libwayland."""

    config = CONFIG

    def test_no_display_maps_no_libwayland(self):
        wait_until(lambda: "no Wayland display yet" in self.status()["activity_reason"],
                   message="limberd to watch for a display")
        maps = maps_of(self.daemon.pid)
        self.assertNotIn("libwayland-client", maps)
        self.assertNotIn("source-wayland.so", maps)

    def test_x11_session_does_not_watch_for_wayland(self):
        self.stop_limberd()
        self.start_limberd(env=dict(self.env, XDG_SESSION_TYPE="x11"))
        self.assertNotIn("wayland", self.status()["activity_reason"])
        self.assertNotIn("libwayland-client", maps_of(self.daemon.pid))


if __name__ == "__main__":
    limbertest.main()
