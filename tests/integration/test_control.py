#!/usr/bin/python3
"""limberctl pause, resume, snooze, skip, break and status against the real
limberd."""

import subprocess
import time

import limbertest
from limbertest import LimberTestCase, wait_until

SLOW_CONFIG = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})


class PauseTest(LimberTestCase):
    def test_pause_silences_then_resumes_by_itself(self):
        out = self.ctl("pause", "3s", check=0).stdout
        self.assertIn("Paused for 3s", out)
        paused_at = time.time()
        status = self.status()
        self.assertEqual(status["state"], "paused")
        self.assertTrue(status["paused"])
        self.assertIsNotNone(status["paused_until"])
        # Silent while paused, even past interval-min (the passing notice
        # that says the pause is over may come as the state turns).
        while self.status()["state"] == "paused":
            breaks = [c for c in self.notify_calls()
                      if c["hints"].get("category") != "x-limber.notice"]
            self.assertEqual(breaks, [])
            time.sleep(0.2)
        resumed_at = time.time()
        self.assertGreaterEqual(resumed_at - paused_at, 2.5)
        # Work counts again from where it stopped: the break follows.
        popup = self.wait_for_popups()[0]
        self.assertGreater(popup["time"], paused_at + 2.5)

    def test_pause_withdraws_shown_break(self):
        self.wait_for_popups()
        self.ctl("pause", "--indefinitely", check=0)
        wait_until(self.close_calls, message="the pop-up to be withdrawn")
        status = self.status()
        self.assertEqual(status["state"], "paused")
        self.assertIsNone(status["paused_until"])
        self.assertIsNone(status["next_break"])
        self.assertIn("Paused until resumed", self.ctl("status", check=0).stdout)

        self.ctl("resume", check=0)
        # The break was still due: it comes back at once.
        self.wait_for_popups(2)

    def test_pause_default_is_an_hour(self):
        self.ctl("pause", check=0)
        status = self.status()
        until = int(self.property("PausedUntil"))
        self.assertAlmostEqual(until - time.time(), 3600, delta=5)
        self.assertEqual(status["state"], "paused")
        self.ctl("resume", check=0)
        self.assertEqual(self.status()["state"], "active")

    def test_pause_until_time_of_day(self):
        # A minute boundary at least two minutes ahead, in local time.
        target = time.localtime(time.time() + 180)
        hhmm = time.strftime("%H:%M", target)
        self.ctl("pause", "--until", hhmm, check=0)
        until = int(self.property("PausedUntil"))
        self.assertEqual(time.strftime("%H:%M", time.localtime(until)), hhmm)
        self.assertIn(f"Paused until {hhmm}", self.ctl("status", check=0).stdout)


    def test_duration_words_need_no_quotes(self):
        # The words of a duration join into one: "pause 1h 30min".
        self.assertIn("Paused for 1h 30min", self.ctl("pause", "1h", "30min", check=0).stdout)
        until = int(self.property("PausedUntil"))
        self.assertAlmostEqual(until - time.time(), 5400, delta=5)
        self.assertIn("Paused for 1h,", self.ctl("pause", "1", "hour", check=0).stdout)
        # "M" is a month in systemd's syntax: asked about, not taken.
        result = self.ctl("pause", "1M")
        self.assertEqual(result.returncode, 2)
        self.assertIn("'1M' is 30d 10h 30min: M counts months; write min for minutes",
                      result.stderr)
        self.assertAlmostEqual(int(self.property("PausedUntil")) - time.time(), 3600, delta=5)

    def local_noon_env(self):
        """An environment whose local time is around noon, so that "a few
        minutes ago" is today whatever the real time."""
        offset = 12 - time.gmtime().tm_hour
        env = dict(self.env, TZ=f"LMB{-offset:+d}")
        return env, offset * 3600

    def test_until_a_time_just_passed_is_refused(self):
        env, offset = self.local_noon_env()
        self.env = env
        hhmm = time.strftime("%H:%M", time.gmtime(time.time() + offset - 180))
        result = self.ctl("pause", "--until", hhmm)
        self.assertEqual(result.returncode, 2, result.stderr)
        # 3 min and some seconds ago; 4 min if a minute turns in between.
        self.assertRegex(result.stderr, rf"^limberctl pause: {hhmm} was [34]min( \d+s)? ago: "
                                        "that would pause until tomorrow")
        self.assertEqual(self.status()["state"], "active")
        # Passed long ago today: tomorrow's, and said so.
        hhmm = time.strftime("%H:%M", time.gmtime(time.time() + offset - 2 * 3600))
        out = self.ctl("pause", "--until", hhmm, check=0).stdout
        self.assertIn(f"({hhmm} has passed today)", out)
        until = int(self.property("PausedUntil"))
        self.assertAlmostEqual(until - time.time(), 22 * 3600, delta=90)


class SnoozeSkipTest(LimberTestCase):
    def test_snooze_shown_break(self):
        self.wait_for_popups()
        out = self.ctl("snooze", "3s", check=0).stdout
        self.assertRegex(out, r"^Snoozed by 3s: the next break comes in [23]s \(around \d\d:\d\d\)\.$")
        withdrawn = wait_until(self.close_calls, message="the pop-up to be withdrawn")
        status = self.status()
        self.assertEqual(status["state"], "snoozed")
        self.assertEqual(status["today"]["snoozed"], 1)
        again = self.wait_for_popups(2)[1]
        self.assertGreaterEqual(again["time"] - withdrawn[0][0], 2.5)

    def test_snooze_default_length(self):
        self.wait_for_popups()
        self.ctl("snooze", check=0)
        # The configured snooze is 2s.
        self.assertIn("Snoozed by 2s", self.ctl("snooze", check=0).stdout)

    def test_skip_starts_new_interval(self):
        self.wait_for_popups()
        self.ctl("skip", check=0)
        wait_until(self.close_calls, message="the pop-up to be withdrawn")
        status = self.status()
        self.assertEqual(status["today"]["skipped"], 1)
        self.assertLess(status["worked_seconds"], 2)
        self.assertIn(status["state"], ("active", "break"))


class NothingToSkipTest(LimberTestCase):
    config = SLOW_CONFIG

    def test_skip_with_no_break_records_nothing(self):
        # Working toward the next break: nothing to skip, and no skip in the
        # history or the counts; the message says when the next one is.
        result = self.ctl("skip")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertRegex(result.stderr, r"^limberctl skip: there is no break to skip "
                                        r"\(next break around \d\d:\d\d\); nothing was recorded\n$")
        self.ctl("pause", "1h", check=0)
        result = self.ctl("skip")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("no break to skip (paused until", result.stderr)
        self.assertEqual(self.status()["today"]["skipped"], 0)
        self.assertEqual(self.status()["state"], "paused")
        with open(self.path("state", "limber", "history"), encoding="utf-8") as f:
            self.assertNotIn("skipped", f.read())
        # A break taken now can be skipped, once.
        self.ctl("break", check=0)
        self.ctl("skip", check=0)
        self.assertEqual(self.ctl("skip").returncode, 1)
        self.assertEqual(self.status()["today"]["skipped"], 1)


class BreakNowTest(LimberTestCase):
    config = SLOW_CONFIG

    def test_snoozing_a_break_asked_for_early(self):
        # A break taken before it was due, snoozed: back after the snooze
        # asked for (3s), not after the rest of the hour.
        self.ctl("break", check=0)
        self.wait_for_popups(1)
        out = self.ctl("snooze", "3s", check=0).stdout
        self.assertRegex(out, r"the next break comes in [23]s ")
        withdrawn = wait_until(self.close_calls, message="the pop-up to be withdrawn")
        again = self.wait_for_popups(2)[1]
        self.assertGreaterEqual(again["time"] - withdrawn[0][0], 2.5)

    def test_break_now(self):
        self.assertEqual(self.notify_calls(), [])
        self.assertIn("Break time", self.ctl("break", check=0).stdout)
        popup = self.wait_for_popups()[0]
        self.assertEqual(popup["hints"]["urgency"], 1)
        self.assertEqual(self.status()["state"], "break")
        # Asking again does not stack a second pop-up.
        self.ctl("break", check=0)
        time.sleep(0.3)
        self.assertEqual(len(self.notify_calls()), 1)

    def test_break_now_ends_pause(self):
        self.ctl("pause", "1h", check=0)
        self.ctl("break", check=0)
        self.wait_for_popups()
        self.assertFalse(self.status()["paused"])

    def test_snooze_ahead_of_time(self):
        before = self.status()["next_break_in_seconds"]
        out = self.ctl("snooze", "10min", check=0).stdout
        # The break was an hour off: now it is 1h 10min off.
        self.assertRegex(out, r"^Snoozed by 10min: the next break comes in 1h 10min ")
        status = self.status()
        self.assertEqual(status["state"], "snoozed")
        self.assertAlmostEqual(status["next_break_in_seconds"] - before, 600, delta=3)
        # Nothing was due, so nothing counts as snoozed.
        self.assertEqual(status["today"]["snoozed"], 0)


class StatusTest(LimberTestCase):
    config = SLOW_CONFIG

    def test_status_for_people(self):
        # "choosing…" for a moment at start (long under valgrind).
        self.wait_for_source("none")
        result = self.ctl(check=0)
        lines = result.stdout.splitlines()
        self.assertRegex(lines[0], r"^Active: next break in (59min|1h) \(around \d\d:\d\d\)\.$")
        self.assertIn("a break after 1h to 2h of work", result.stdout)
        self.assertIn("0 taken, 0 snoozed, 0 skipped, 0 natural", result.stdout)
        self.assertIn("none (counting wall time)", result.stdout)
        self.assertEqual(result.stderr, "")

    def test_status_json(self):
        self.wait_for_source("none")
        status = self.status()
        self.assertEqual(status["version"], "0.1.0")
        self.assertEqual(status["state"], "active")
        self.assertFalse(status["paused"])
        self.assertEqual(status["interval_min_seconds"], 3600)
        self.assertEqual(status["interval_max_seconds"], 7200)
        self.assertAlmostEqual(status["next_break_in_seconds"], 3600, delta=5)
        self.assertEqual(status["activity_source"], "none")
        self.assertEqual(status["settings"]["snooze"], 2)
        self.assertEqual(status["today"], {"taken": 0, "snoozed": 0, "skipped": 0, "natural": 0,
                                           "deferred": 0})

    def test_worked_seconds_are_live(self):
        first = int(self.property("WorkedSeconds"))
        time.sleep(1.2)
        # No event happened in between, yet the value moved on.
        self.assertGreaterEqual(int(self.property("WorkedSeconds")) - first, 1)

    def test_monitor_follows_breaks(self):
        import json
        import subprocess

        monitor = subprocess.Popen(  # pylint: disable=consider-using-with
            [limbertest.LIMBERCTL, "monitor", "--json"],
            env=self.env, stdout=subprocess.PIPE, text=True,
        )
        try:
            first = json.loads(monitor.stdout.readline())
            self.assertEqual(first["event"], "limberd")
            # Then where limberd is now, before anything happens.
            current = json.loads(monitor.stdout.readline())
            self.assertEqual((current["event"], current["value"]), ("state", "active"))
            self.ctl("break", check=0)
            events = [json.loads(monitor.stdout.readline()) for _ in range(2)]
            self.assertIn({"event": "break-started", "value": "normal"},
                          [{k: e[k] for k in ("event", "value")} for e in events])
            self.assertIn({"event": "state", "value": "break"},
                          [{k: e[k] for k in ("event", "value")} for e in events])
            self.ctl("skip", check=0)
            events = [json.loads(monitor.stdout.readline()) for _ in range(2)]
            self.assertIn("skipped", [e["value"] for e in events])
            # A setting changed is named, with its value.
            self.ctl("set", "lull", "3s", check=0)
            event = json.loads(monitor.stdout.readline())
            self.assertEqual((event["event"], event["value"]), ("settings", "lull=3s"))
            # The end of a pause is said, once.
            self.ctl("pause", "1h", check=0)
            self.ctl("resume", check=0)
            events = [json.loads(monitor.stdout.readline()) for _ in range(3)]
            self.assertEqual([(e["event"], e["value"]) for e in events],
                             [("state", "paused"), ("pause-ended", "active"),
                              ("state", "active")])
        finally:
            monitor.terminate()
            self.assertEqual(monitor.wait(timeout=10), 0)



class FireAndForgetTest(LimberTestCase):
    """A call whose sender does not wait for the reply, as a desktop
    keybinding or a script sends it, is honoured every time: the sender
    may be gone before limberd handles it."""

    config = SLOW_CONFIG
    start_notification_server = False
    TRIES = 10

    def pauses_taken(self, command):
        taken = 0
        for _ in range(self.TRIES):
            self.limber_proxy().Resume()
            self.assertEqual(str(self.property("State")), "active")
            subprocess.run(command, env=self.env, check=True, timeout=30)
            try:
                wait_until(lambda: str(self.property("State")) == "paused", 2.0,
                           "the pause")
                taken += 1
            except AssertionError:
                pass
        return taken

    def test_dbus_send_without_reply(self):
        taken = self.pauses_taken(
            ["dbus-send", "--session", "--type=method_call", f"--dest={limbertest.BUS_NAME}",
             limbertest.OBJECT_PATH, f"{limbertest.BUS_NAME}.Pause", "uint64:3600"])
        self.assertEqual(taken, self.TRIES,
                         f"{taken}/{self.TRIES} pauses taken\n{self.daemon_output()}")
        self.assertNotIn("refused", self.daemon_output())

    def test_busctl_expect_reply_no(self):
        taken = self.pauses_taken(
            ["busctl", f"--address={self.env['DBUS_SESSION_BUS_ADDRESS']}", "call",
             "--expect-reply=no", limbertest.BUS_NAME, limbertest.OBJECT_PATH,
             limbertest.BUS_NAME, "Pause", "t", "3600"])
        self.assertEqual(taken, self.TRIES,
                         f"{taken}/{self.TRIES} pauses taken\n{self.daemon_output()}")
        self.assertNotIn("refused", self.daemon_output())

if __name__ == "__main__":
    limbertest.main()
