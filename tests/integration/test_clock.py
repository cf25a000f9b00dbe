#!/usr/bin/python3
"""No clock edge loses a break. limberd runs with a test-only preload
(fake-wall-clock.c) that moves its wall clock alone (CLOCK_REALTIME; the
CLOCK_BOOTTIME it counts work on, and its timers, are left real) by the
seconds the test writes into a file, read again at every look at the
clock. (libfaketime moves absolute timerfd deadlines as well, which breaks
limberd's CLOCK_BOOTTIME timer.)"""

import json
import os
import time

import dbus

import limbertest
from limbertest import LimberTestCase, wait_until

FAKE_LIB = os.environ.get("LIMBER_FAKE_WALL_CLOCK_LIB", "")
NATURAL_BREAK = round(4 * limbertest.SLOWDOWN)
SLOW = dict(limbertest.FAST_CONFIG, **{
    "interval-min": "1h", "interval-max": "2h", "natural-break": f"{NATURAL_BREAK}s",
    "break-length": "1s",
})


class FakeClockTestCase(LimberTestCase):
    config = SLOW
    start_daemon = False

    def setUp(self):
        super().setUp()
        self.assertTrue(os.path.exists(FAKE_LIB),
                        "LIMBER_FAKE_WALL_CLOCK_LIB names no library: run through meson test")
        self.clock_file = self.path("wall-clock-offset")
        self.set_clock(0)
        preload = " ".join(filter(None, [self.env.get("LD_PRELOAD"), FAKE_LIB]))
        # ASan wants to come first among the preloads; it need not here.
        asan = ":".join(filter(None, [self.env.get("ASAN_OPTIONS"),
                                      "verify_asan_link_order=0"]))
        self.fake_env = dict(self.env, LD_PRELOAD=preload, ASAN_OPTIONS=asan,
                             LIMBER_FAKE_WALL_CLOCK=self.clock_file)

    def set_clock(self, offset):
        """limberd's wall clock @offset seconds from the real one."""
        with open(self.clock_file + ".new", "w", encoding="utf-8") as f:
            f.write(f"{offset}\n")
        os.replace(self.clock_file + ".new", self.clock_file)

    def start(self):
        self.start_limberd(env=self.fake_env)

    @property
    def history_path(self):
        return self.path("state", "limber", "history")

    def history_lines(self):
        with open(self.history_path, encoding="utf-8") as f:
            return f.readlines()

    def skip_a_break(self):
        self.ctl("break", check=0)
        self.ctl("skip", check=0)


class ClockTest(FakeClockTestCase):
    def test_restart_across_a_clock_step_is_no_break(self):
        self.start()
        time.sleep(1.5)
        self.stop_limberd()
        # Down for a moment while the wall clock steps an hour ahead.
        self.set_clock(3600)
        self.start()
        status = self.status()
        self.assertGreaterEqual(status["worked_seconds"], 1, status)
        self.ctl("stats", check=0)
        self.assertFalse(os.path.exists(self.history_path)
                         and any(" natural " in line for line in self.history_lines()),
                         "a natural break was invented")

    def test_clock_far_ahead_keeps_the_history(self):
        os.makedirs(os.path.dirname(self.history_path), mode=0o700)
        now = int(time.time())
        with open(self.history_path, "w", encoding="utf-8") as f:
            f.writelines(f"{now - 20 * 86400 + i * 864} shown 0\n" for i in range(2000))
        # A clock 500 days ahead, through a break and stats, and a restart.
        self.set_clock(500 * 86400)
        self.start()
        self.skip_a_break()
        self.ctl("stats", check=0)
        self.stop_limberd()
        self.start()
        self.ctl("stats", check=0)
        self.stop_limberd()
        # Back to the right time: nothing was lost, the break included.
        self.set_clock(0)
        self.start()
        stats = json.loads(self.ctl("stats", "--json", "--days", "30", check=0).stdout)
        self.assertEqual(sum(day["shown"] for day in stats["days"]), 2000)
        self.assertGreaterEqual(len(self.history_lines()), 2002)

    def test_today_counts_survive_the_date_going_back(self):
        self.start()
        self.skip_a_break()
        self.skip_a_break()
        self.assertEqual(self.status()["today"]["skipped"], 2)
        # Tomorrow for a while: a day of its own.
        self.set_clock(86400)
        self.skip_a_break()
        self.assertEqual(self.status()["today"]["skipped"], 1)
        # Back to today (and any change, to publish it): today's counts.
        self.set_clock(0)
        self.ctl("pause", "5min", check=0)
        self.ctl("resume", check=0)
        self.assertEqual(self.status()["today"]["skipped"], 2)


class SnoozeCapTest(LimberTestCase):
    config = SLOW

    def test_stacked_snoozes_keep_the_state(self):
        limber = self.limber_proxy()
        refused = None
        for _ in range(400):
            try:
                limber.Snooze(dbus.UInt64(86400))
            except dbus.DBusException as error:
                refused = error
                break
        self.assertIsNotNone(refused, "400 snoozes of a day were all taken")
        self.assertIn("at most 1d past the usual break", str(refused))
        result = self.ctl("snooze", "1d")
        self.assertEqual(result.returncode, 2)
        self.assertIn("snooze for less, or pause", result.stderr)
        # What limberd wrote, it reads back.
        self.stop_limberd()
        self.start_limberd()
        self.assertEqual(self.status()["state"], "snoozed")
        self.assertNotIn("moved it to", self.daemon_output())


if __name__ == "__main__":
    limbertest.main()
