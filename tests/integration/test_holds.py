#!/usr/bin/python3
"""Holds: leases bound to the caller (Inhibit/Uninhibit), limberctl pause
--while and --reason, and the break that came due meanwhile offered once
the holds end, recorded as deferred."""

import os
import subprocess
import sys
import time

import dbus

import limbertest
from limbertest import LimberTestCase, wait_until

HELPERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "helpers")
DEFERRED_TITLE = "You missed a micro-break"
SLOW_CONFIG = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})


class LeaseClient:
    """limberd's client in a process of its own (helpers/lease_client.py)."""

    def __init__(self, test):
        self.proc = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, os.path.join(HELPERS, "lease_client.py")],
            env=test.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.name = self.proc.stdout.readline().strip()
        test.addCleanup(self.close)

    def ask(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def inhibit(self, reason, seconds=0):
        answer = self.ask(f"inhibit {reason} {seconds}")
        return int(answer) if answer.isdigit() else answer

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        self.proc.stdout.close()


class HoldTestCase(LimberTestCase):
    def holds(self, kind=None):
        return [h for h in self.status()["holds"] if kind is None or h["kind"] == kind]

    def wait_for_holds(self, count, kind=None, timeout=10.0):
        return wait_until(lambda: len(h := self.holds(kind)) == count and (h or True),
                          timeout, f"{count} hold(s)")

    def deferred_offers(self):
        return [c for c in self.notify_calls() if c["summary"].startswith(DEFERRED_TITLE)]

    def history(self):
        path = self.path("state", "limber", "history")
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as f:
            return [line.split() for line in f]


class LeaseTest(HoldTestCase):
    config = SLOW_CONFIG

    def test_lease_ends_when_its_holder_leaves(self):
        client = LeaseClient(self)
        cookie = client.inhibit("presenting the roadmap")
        self.assertGreater(cookie, 0)
        (hold,) = self.holds()
        self.assertEqual(hold["kind"], "lease")
        self.assertEqual(hold["reason"], "presenting the roadmap")
        self.assertEqual(hold["id"], cookie)
        self.assertRegex(hold["who"], r"^python3 \(pid \d+\)$")
        self.assertIsNotNone(hold["since"])
        self.assertIsNone(hold["until"])
        self.assertEqual(self.status()["state"], "held")
        out = self.ctl("status", check=0).stdout
        self.assertRegex(out, r"Holds:\s+lease\s+“presenting the roadmap”, by python3 \(pid \d+\), "
                              r"since \d\d:\d\d\n")
        # The holder exits: its name leaves the bus, and the lease with it.
        client.close()
        self.wait_for_holds(0)
        self.assertEqual(self.status()["state"], "active")

    def test_lease_ends_when_released(self):
        client = LeaseClient(self)
        first = client.inhibit("one")
        second = client.inhibit("two")
        self.assertNotEqual(first, second)
        self.wait_for_holds(2)
        # Only its holder ends a lease.
        other = LeaseClient(self)
        answer = other.ask(f"uninhibit {first}")
        self.assertTrue(answer.startswith("error io.github.limber.Limber1.Error.InvalidArgument"), answer)
        self.assertIn("another connection's", answer)
        self.assertEqual(client.ask(f"uninhibit {first}"), "ok")
        (hold,) = self.holds()
        self.assertEqual(hold["reason"], "two")
        # Once ended, the cookie finds nothing.
        answer = client.ask(f"uninhibit {first}")
        self.assertIn(f"no lease has cookie {first}", answer)
        self.assertEqual(client.ask(f"uninhibit {second}"), "ok")
        self.assertEqual(self.holds(), [])

    def test_lease_expires(self):
        client = LeaseClient(self)
        taken = time.time()
        client.inhibit("a short one", 2)
        (hold,) = self.holds()
        self.assertIsNotNone(hold["until"])
        self.wait_for_holds(0)
        self.assertGreaterEqual(time.time() - taken, 1.5)
        # The holder is still there; its lease is not.
        self.assertIsNone(client.proc.poll())
        self.assertIn("no lease has cookie", client.ask(f"uninhibit {hold['id']}"))

    def test_bad_leases_are_refused(self):
        client = LeaseClient(self)
        answer = client.inhibit("x" * 201)
        self.assertIn("InvalidArgument", answer)
        self.assertIn("201 bytes long; at most 200", answer)
        answer = client.inhibit("long", 32 * 86400)
        self.assertIn("longer than the 31d allowed", answer)
        self.assertEqual(self.holds(), [])


class DeferredTest(HoldTestCase):
    def test_break_due_under_a_lease_is_offered_after_it(self):
        client = LeaseClient(self)
        client.inhibit("in a meeting")
        # Well past interval-max (4s): nothing shows; the break waits.
        wait_until(lambda: self.status()["today"]["deferred"] == 1, message="a deferred break")
        time.sleep(limbertest.slack(3))
        self.assertEqual(self.notify_calls(), [])
        status = self.status()
        self.assertEqual(status["state"], "held")
        self.assertGreater(status["worked_seconds"], 4)
        self.assertIn("Held: a break came due at", self.ctl("status", check=0).stdout)

        client.close()
        (offer,) = self.wait_for_popups(1)
        self.assertRegex(offer["summary"], rf"^{DEFERRED_TITLE} (a moment|1 minute) ago — take it now\?$")
        self.assertEqual(offer["hints"]["urgency"], 1)
        # Once: not offered again. A fresh offer, it turns urgent only
        # after a window's worth of work (interval-max - interval-min, 2s),
        # by updating the pop-up.
        time.sleep(limbertest.slack(1.5))
        calls = self.notify_calls()
        self.assertEqual(len(self.deferred_offers()), 1)
        for later in calls[1:]:
            self.assertEqual(later["hints"]["urgency"], 2)
            self.assertEqual(later["replaces_id"], self.notification_id(0))
            self.assertGreaterEqual(later["time"] - offer["time"], 1.0)
        kinds = [line[1] for line in self.history()]
        self.assertEqual(kinds.count("deferred"), 1)
        self.assertLess(kinds.index("deferred"), kinds.index("shown"))
        self.take_break()
        wait_until(lambda: self.status()["today"]["taken"] == 1, message="the break taken")
        stats = self.ctl("stats", "--json", "--days", "1", check=0).stdout
        self.assertIn('"deferred" : 1', stats)
        self.assertRegex(self.ctl("stats", "--days", "1", check=0).stdout,
                         r"deferred[\s\S]*\nToday\s+1\s+0\s+0\s+0\s+1 ")

    def test_lease_withdraws_the_break_on_screen(self):
        self.wait_for_popups(1)
        client = LeaseClient(self)
        client.inhibit("sharing my screen")
        wait_until(self.close_calls, message="the pop-up withdrawn")
        self.assertEqual(self.status()["state"], "held")
        client.close()
        calls = self.wait_for_popups(2)
        self.assertTrue(calls[1]["summary"].startswith(DEFERRED_TITLE))
        self.assertEqual(self.status()["today"]["deferred"], 1)


class PauseWhileTest(HoldTestCase):
    config = SLOW_CONFIG

    def test_pause_while_holds_as_long_as_the_command_runs(self):
        started = time.monotonic()
        proc = subprocess.Popen(  # pylint: disable=consider-using-with
            [limbertest.LIMBERCTL, "pause", "--while", "--", "sleep", "3"],
            env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        (hold,) = self.wait_for_holds(1)
        self.assertEqual(hold["kind"], "lease")
        self.assertEqual(hold["reason"], "running sleep 3")
        self.assertRegex(hold["who"], r"^limberctl \(pid \d+\)$")
        out, err = proc.communicate(timeout=30)
        ended = time.monotonic()
        self.assertEqual((proc.returncode, out, err), (0, "", ""))
        self.assertGreaterEqual(ended - started, 3)
        # Released as limberctl exits, not some time later.
        self.assertEqual(self.holds(), [])

    def test_pause_while_passes_the_exit_status_on(self):
        for command, status in ((["sh", "-c", "exit 7"], 7),
                                (["sh", "-c", "kill -TERM $$"], 128 + 15),
                                (["true"], 0)):
            result = self.ctl("pause", "--while", "--reason", "a test", "--", *command)
            self.assertEqual(result.returncode, status, (command, result.stderr))
        result = self.ctl("pause", "--while", "--", "no-such-command-here")
        self.assertEqual(result.returncode, 127)
        self.assertIn("limberctl pause: cannot run 'no-such-command-here'", result.stderr)
        self.assertEqual(self.holds(), [])

    def test_pause_while_usage(self):
        for args, message in (
                (["--while"], "--while needs a command"),
                (["--while", "1h", "--", "true"], "give no DURATION with it"),
                (["--while", "--until", "15:00", "--", "true"], "without --until or --indefinitely"),
                (["--reason", "x" * 201], "at most 200 are allowed")):
            result = self.ctl("pause", *args)
            self.assertEqual(result.returncode, 2, (args, result.stderr))
            self.assertIn(message, result.stderr)

    def test_pause_reason_labels_the_pause(self):
        target = time.localtime(time.time() + 180)
        hhmm = time.strftime("%H:%M", target)
        out = self.ctl("pause", "--until", hhmm, "--reason", "standup", check=0).stdout
        self.assertIn("Paused for", out)
        (hold,) = self.holds()
        self.assertEqual(hold["kind"], "pause")
        self.assertEqual(hold["reason"], "standup")
        self.assertEqual(hold["id"], 0)
        self.assertRegex(hold["who"], r"^limberctl \(pid \d+\)$")
        # A pause is a number of seconds from the call: one that arrives
        # late (valgrind, a loaded machine) ends a second past the minute.
        self.assertRegex(hold["until"], rf"T{hhmm}:0[01]")
        self.assertRegex(self.ctl("status", check=0).stdout,
                         rf"Holds:\s+pause\s+“standup”, by limberctl \(pid \d+\), "
                         rf"since \d\d:\d\d, until {hhmm}\n")
        # A pause without a reason has none, even after one that had.
        self.ctl("pause", "10min", check=0)
        self.assertEqual(self.holds()[0]["reason"], "")
        self.ctl("resume", check=0)
        self.assertEqual(self.holds(), [])


if __name__ == "__main__":
    limbertest.main()
