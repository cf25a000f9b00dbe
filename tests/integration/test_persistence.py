#!/usr/bin/python3
"""State and history on disk: a restart carries on (or, after a break,
starts over), a damaged state file is set aside, the history feeds
limberctl stats and survives restarts."""

import fcntl
import glob
import json
import os
import pty
import stat
import struct
import subprocess
import termios
import time

import limbertest
from limbertest import LimberTestCase, wait_until

# Longer than a restart takes, valgrind's included.
NATURAL_BREAK = round(4 * limbertest.SLOWDOWN)
# Saves every 6 s (24 s under valgrind).
CRASH_NATURAL_BREAK = round(12 * limbertest.SLOWDOWN)

SLOW = dict(limbertest.FAST_CONFIG, **{
    "interval-min": "1h", "interval-max": "2h", "natural-break": f"{NATURAL_BREAK}s",
    "break-length": "1s",
})


class PersistenceTest(LimberTestCase):
    config = SLOW

    @property
    def state_path(self):
        return self.path("state", "limber", "state")

    @property
    def history_path(self):
        return self.path("state", "limber", "history")

    def restart(self, after=0.0):
        self.stop_limberd()
        time.sleep(after)
        self.start_limberd()

    def test_restart_within_natural_break_carries_on(self):
        # Longer at work than a natural break, with nothing else changing:
        # the state saved as limberd stops must have the work up to then,
        # or the restart would take all that time as time away.
        time.sleep(NATURAL_BREAK + 1.0)
        self.restart()
        status = self.status()
        # The work is still there, and so is the time down.
        self.assertGreaterEqual(status["worked_seconds"], NATURAL_BREAK + 1)
        self.assertEqual(status["today"]["natural"], 0)
        self.assertEqual(stat.S_IMODE(os.stat(self.state_path).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.dirname(self.state_path)).st_mode),
                         0o700)

    def test_restart_after_natural_break_starts_over(self):
        time.sleep(2.0)
        stopped = time.time()
        self.restart(after=NATURAL_BREAK + 0.5)
        status = self.status()
        self.assertLess(status["worked_seconds"], 2)
        # Away for longer than natural-break: that was a break, dated when
        # the work before it stopped (a night away belongs to the evening).
        self.assertEqual(status["today"]["natural"], 1)
        # Stats write out what is pending first.
        self.ctl("stats", check=0)
        with open(self.history_path, encoding="utf-8") as f:
            natural = [line.split() for line in f if " natural " in line]
        self.assertEqual(len(natural), 1)
        self.assertLessEqual(int(natural[0][0]), stopped + 1)
        # With the work before it (2 s of sleep, less limberd's start).
        self.assertGreaterEqual(int(natural[0][2]), 1)

    def test_kill_9_keeps_an_acknowledged_skip(self):
        # A save with some work in it (the pause and resume), more work,
        # then a skip resets the counter: that reset must be on disk.
        time.sleep(2.0)
        self.ctl("pause", "1h", check=0)
        self.ctl("resume", check=0)
        time.sleep(1.0)
        self.ctl("break", check=0)
        self.ctl("skip", check=0)
        skipped = time.monotonic()
        self.daemon.kill()
        self.daemon.wait()
        self.start_limberd()
        worked = self.status()["worked_seconds"]
        self.assertLessEqual(worked, time.monotonic() - skipped + 1)

    def test_pause_survives_restart(self):
        self.ctl("pause", "1h", check=0)
        until = int(self.property("PausedUntil"))
        self.restart(after=5.0)
        self.assertEqual(self.status()["state"], "paused")
        self.assertAlmostEqual(int(self.property("PausedUntil")), until, delta=2)

    def test_break_on_screen_comes_back_after_restart(self):
        self.ctl("break", check=0)
        self.wait_for_popups(1)
        self.restart()
        # Shown again by the new limberd, on the same server.
        self.wait_for_popups(2)
        self.assertEqual(self.status()["state"], "break")
        # One break, shown once as far as the history goes (stats write
        # out what is pending first).
        self.ctl("stats", check=0)
        with open(self.history_path, encoding="utf-8") as f:
            self.assertEqual([line.split()[1] for line in f], ["shown"])

    def test_damaged_state_is_set_aside(self):
        self.stop_limberd()
        # A limberd stopped early (valgrind is slow) may not have made its
        # directory yet.
        os.makedirs(os.path.dirname(self.state_path), mode=0o700, exist_ok=True)
        with open(self.state_path, "w", encoding="utf-8") as f:
            f.write("[state]\nversion=1\nworked=\x00\x01garbage")
        self.start_limberd()
        self.assertEqual(self.status()["state"], "active")
        aside = glob.glob(self.state_path + ".corrupt-*")
        self.assertEqual(len(aside), 1)
        self.assertIn("moved it to", self.daemon_output())
        # And a fresh state is written at the next change.
        self.ctl("pause", "5min", check=0)
        wait_until(lambda: os.path.exists(self.state_path), message="a new state file")

    def test_history_feeds_stats_and_survives_restart(self):
        self.ctl("break", check=0)
        self.wait_for_popups(1)
        self.take_break()
        wait_until(lambda: self.status()["today"]["taken"] == 1, message="a break taken")
        self.ctl("snooze", "10min", check=0)
        self.ctl("skip", check=0)
        self.ctl("pause", "1h", check=0)
        self.ctl("resume", check=0)

        with open(self.history_path, encoding="utf-8") as f:
            kinds = [line.split()[1] for line in f]
        self.assertEqual(kinds, ["shown", "done", "skipped", "paused", "resumed"])
        self.assertEqual(stat.S_IMODE(os.stat(self.history_path).st_mode), 0o600)

        self.restart()
        status = self.status()
        self.assertEqual(status["today"]["taken"], 1)
        self.assertEqual(status["today"]["skipped"], 1)
        stats = json.loads(self.ctl("stats", "--json", check=0).stdout)
        self.assertEqual(len(stats["days"]), 7)
        today = stats["days"][-1]
        self.assertEqual(today["date"], time.strftime("%Y-%m-%d"))
        self.assertEqual((today["shown"], today["taken"], today["skipped"]), (1, 1, 1))
        self.assertEqual(stats["damaged_history_lines"], 0)
        # A day with a skip starts no streak.
        self.assertEqual(stats["streak_days"], 0)

    def test_stats_for_people(self):
        self.ctl("break", check=0)
        self.wait_for_popups(1)
        self.take_break()
        wait_until(lambda: self.status()["today"]["taken"] == 1, message="a break taken")
        out = self.ctl("stats", "--days", "3", check=0).stdout
        lines = out.splitlines()
        self.assertTrue(lines[0].startswith("Breaks over the last 3 days"))
        self.assertRegex(lines[-2], r"^Today\s+1\s+0\s+0\s+0 ")
        self.assertEqual(lines[-1], "Streak: 1 working day in a row with every break taken.")

    def on_terminal(self, *args, columns=80, **env):
        """limberctl @args on a terminal @columns wide: what it shows."""
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        environment = dict(self.env, TERM="xterm", **env)
        environment.pop("COLUMNS", None)
        environment.pop("NO_COLOR", None)
        environment.update(env)
        proc = subprocess.Popen([limbertest.LIMBERCTL, *args], env=environment,
                                stdin=slave, stdout=slave, stderr=slave)
        os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        os.close(master)
        self.assertEqual(proc.wait(timeout=30), 0, out)
        return out.decode().replace("\r\n", "\n")

    def test_stats_fit_the_terminal_in_colour(self):
        # A busy week, so that the bars are as long as they get (written
        # before a slow limberd has made its directory, under valgrind).
        now = int(time.time())
        os.makedirs(os.path.dirname(self.history_path), mode=0o700, exist_ok=True)
        with open(self.history_path, "a", encoding="utf-8") as f:
            for day in range(1, 7):
                f.write(f"{now - day * 86400} done {12 * 3600}\n")
        # Read as limberd starts.
        self.restart()
        wide = self.on_terminal("stats", columns=120, NO_COLOR="1")
        self.assertIn("█" * 24, wide)
        for columns in (80, 70):
            lines = self.on_terminal("stats", columns=columns, NO_COLOR="1").splitlines()
            self.assertIn("(bar: one block", lines[0])
            self.assertLessEqual(max(len(line) for line in lines), columns, lines)
            self.assertIn("█", "".join(lines))
        # Too narrow for a bar: none, and no promise of one.
        narrow = self.on_terminal("stats", columns=60, NO_COLOR="1")
        self.assertNotIn("█", narrow)
        self.assertNotIn("(bar", narrow)
        # COLUMNS decides over the terminal's width.
        self.assertIn("█" * 24, self.on_terminal("stats", columns=60, COLUMNS="200",
                                                  NO_COLOR="1"))
        # Colour on a terminal only, and never with NO_COLOR or in JSON.
        self.assertIn("\033[32m█", self.on_terminal("stats", columns=100))
        self.assertIn("\033[", self.on_terminal("status"))
        self.assertNotIn("\033[", self.on_terminal("status", NO_COLOR="1"))
        self.assertNotIn("\033[", self.on_terminal("status", "--json"))
        self.assertNotIn("\033[", self.on_terminal("stats", "--json"))
        self.assertNotIn("\033[", self.ctl("status", check=0).stdout)

    def test_damaged_history_lines_are_skipped(self):
        self.ctl("break", check=0)
        self.ctl("skip", check=0)
        # The history is read as limberd starts, not at every stats call.
        self.stop_limberd()
        with open(self.history_path, "a", encoding="utf-8") as f:
            f.write("garbage\n17956x done\n")
        self.start_limberd()
        stats = json.loads(self.ctl("stats", "--json", "--days", "1", check=0).stdout)
        self.assertEqual(stats["days"][0]["skipped"], 1)
        self.assertEqual(stats["damaged_history_lines"], 2)
        # Once seen, the damage is compacted away.
        with open(self.history_path, encoding="utf-8") as f:
            self.assertNotIn("garbage", f.read())
        stats = json.loads(self.ctl("stats", "--json", "--days", "1", check=0).stdout)
        self.assertEqual(stats["damaged_history_lines"], 0)
        self.assertEqual(stats["days"][0]["skipped"], 1)

    def test_stats_bad_arguments(self):
        for args in (["--days", "0"], ["--days", "367"], ["--days", "x"], ["now"]):
            with self.subTest(args=args):
                result = self.ctl("stats", *args)
                self.assertEqual(result.returncode, 2)
                self.assertEqual(len(result.stderr.splitlines()), 1)


class CrashRestartTest(LimberTestCase):
    """While work is counted, limberd saves the counter every half
    natural-break: killed without a chance to save and restarted at once,
    it carries on instead of taking the unsaved work for a break. The
    natural break is long enough that a save up to a second late and a
    slow restart stay well inside it."""

    config = dict(SLOW, **{"natural-break": f"{CRASH_NATURAL_BREAK}s"})

    def test_crash_restart_carries_on(self):
        # Longer than natural-break: without the saves, the restart would
        # see all of it as time away.
        time.sleep(CRASH_NATURAL_BREAK * 1.25)
        self.daemon.kill()
        self.daemon.wait()
        self.start_limberd()
        status = self.status()
        self.assertEqual(status["today"]["natural"], 0)
        self.assertGreaterEqual(status["worked_seconds"], CRASH_NATURAL_BREAK)


class ClosedBreakRestartTest(LimberTestCase):
    """A break whose pop-up the user closed (seen, not skipped) stays
    closed across a restart, a kill -9 included: not shown again, and
    stepping away from the keyboard still counts as the break done."""

    # A snooze's worth of work would end the closed break: longer than
    # the test.
    config = dict(SLOW, **{"snooze": "10min", "lull": "1s"})
    start_daemon = False

    def setUp(self):
        super().setUp()
        self.start_mutter()
        self.mutter.StartTyping()
        self.start_limberd()
        self.wait_for_source("mutter")

    def state_file(self):
        with open(self.path("state", "limber", "state"), encoding="utf-8") as f:
            return f.read()

    def test_kill_9_keeps_a_closed_break_closed(self):
        self.ctl("break", check=0)
        self.wait_for_popups(1)
        self.close_by_user()
        self.wait_for_state("closed")
        # On disk without waiting for limberd to stop.
        wait_until(lambda: "closed=true" in self.state_file(),
                   message="the closed break in the state file")
        self.daemon.kill()
        self.daemon.wait()
        self.start_limberd()
        self.wait_for_source("mutter")
        self.assertEqual(self.status()["state"], "closed")
        self.mutter.StopTyping()
        status = wait_until(lambda: (s := self.status())["today"]["taken"] == 1 and s,
                            message="stepping away to count as the break done")
        self.assertEqual(status["today"]["skipped"], 0)
        # Never put back on screen.
        self.assertEqual(len(self.notify_calls()), 1)


if __name__ == "__main__":
    limbertest.main()
