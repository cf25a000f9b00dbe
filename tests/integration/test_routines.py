#!/usr/bin/python3
"""Routines as data, guided breaks, break kinds and check-ins, through the
real limberctl and limberd: routines from the config, with a bad one
reported; the guided routine followed step by step over D-Bus; the
weekly check-in stored and checked; the kinds on demand."""

import json
import os
import subprocess
import time

import limbertest
from limbertest import LimberTestCase, wait_until

# A break that never comes by itself: the tests ask for one.
SLOW = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})

DESK_RESET = """
[routine desk-reset]
title=Desk reset
step1=Stand up and walk to the window
step1-duration=2s
step2=Roll your shoulders back
step2-count=5
step2-duration=3s
step2-cue=Slowly, from the shoulder blades
"""

BROKEN = """
[routine broken]
step1=Fine
step2=This text is far too long for one line of a notification banner
"""


class RoutineCase(LimberTestCase):
    config = SLOW
    routines = DESK_RESET

    def write_config(self, settings, header="# written by the test\n"):
        super().write_config(settings, header)
        with open(self.config_path, "a", encoding="utf-8") as f:
            f.write(self.routines)

    @property
    def history_path(self):
        return self.path("state", "limber", "history")

    def history(self):
        if not os.path.exists(self.history_path):
            return []
        with open(self.history_path, encoding="utf-8") as f:
            return [line.split()[1:] for line in f]

    def step(self):
        return {str(k): v for k, v in self.property("Step").items()}


class RoutineListTest(RoutineCase):
    config = dict(SLOW, **{"micro-break-routine": "desk-reset"})
    routines = DESK_RESET + BROKEN

    def test_list_and_show_from_config(self):
        out = self.ctl("routine", check=0).stdout
        self.assertRegex(out, r"micro-break\s+4 steps, 1min 25s\s+built in\n")
        self.assertRegex(out, r"desk-reset\s+2 steps, 5s\s+yours, for micro-breaks\n")
        self.assertNotIn("broken", out)
        self.assertEqual(self.ctl("routine", "list", check=0).stdout, out)

        listed = json.loads(self.ctl("routine", "list", "--json", check=0).stdout)
        self.assertEqual([r["name"] for r in listed],
                         ["micro-break", "posture-check", "stretch", "desk-reset"])
        self.assertEqual(listed[3]["used_by"], ["micro-break"])
        self.assertFalse(listed[3]["builtin"])

        shown = json.loads(self.ctl("routine", "show", "desk-reset", "--json", check=0).stdout)
        self.assertEqual(shown["title"], "Desk reset")
        self.assertEqual(shown["step_list"][1], {"text": "Roll your shoulders back",
                                                 "cue": "Slowly, from the shoulder blades",
                                                 "count": 5, "seconds": 3})
        text = self.ctl("routine", "show", "micro-break", check=0).stdout
        # The guide's micro-break, step by step, and when to stop.
        self.assertIn("1. Stand up, roll your shoulders forward  (5 times, about 20s)", text)
        self.assertIn("3. 3 deep breaths, squeeze your shoulder blades  (3 times, about 20s)",
                      text)
        self.assertIn("4. Gentle neck stretches  (30s)", text)
        self.assertIn("Stop if anything hurts sharply, tingles or goes numb.", text)

        result = self.ctl("routine", "show", "nope")
        self.assertEqual(result.returncode, 2)
        self.assertIn("there is no routine 'nope'; the routines are: micro-break, "
                      "posture-check, stretch, desk-reset", result.stderr)
        for args, message in ((["routine", "dance"], "unknown action 'dance'"),
                              (["routine", "show"], "missing NAME"),
                              (["routine", "start", "x"], "unexpected argument 'x'")):
            result = self.ctl(*args)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(message, result.stderr)

    def test_bad_routine_reported_rest_applies(self):
        status = self.status()
        self.assertIn(f"{self.config_path}: [routine broken] step 2: the text is 63 "
                      "characters long", status["config_error"])
        self.assertIn("the routine is left out", status["config_error"])
        # The rest of the file applies: its settings and its good routine.
        self.assertEqual(status["settings"]["micro-break-routine"], "desk-reset")
        self.assertEqual(status["interval_min_seconds"], 3600)
        self.assertIn("[routine broken] step 2", self.ctl("status", check=0).stdout)
        result = self.ctl("reload", check=1)
        self.assertIn("[routine broken] step 2", result.stderr)
        # Set refuses a routine there is not.
        result = self.ctl("set", "stretch-routine", "broken")
        self.assertEqual(result.returncode, 2)
        self.assertIn("there is no routine 'broken'", result.stderr)
        self.assertEqual(self.ctl("set", "stretch-routine", "desk-reset", check=0).stdout,
                         "stretch-routine = desk-reset\n")

    def test_safety_needs_no_limberd(self):
        self.stop_limberd()
        out = self.ctl("routine", "safety", check=0).stdout
        for flag in ("numbness or tingling in your arms or hands",
                     "sharp or shooting pain with any movement",
                     "spreads down your arms", "a recent injury",
                     "physical therapist"):
            self.assertIn(flag, out)


class GuidedTest(RoutineCase):
    config = dict(SLOW, **{"micro-break-routine": "desk-reset"})

    def test_timed_steps_run_out_then_the_break_is_taken(self):
        self.assertEqual(self.step(), {})
        out = self.ctl("routine", "start", check=0).stdout
        self.assertEqual(out, "Routine started: step 1 of 2, Stand up and walk to the "
                              "window (2s left)\n")
        step = self.step()
        self.assertEqual((step["routine"], step["step"], step["steps"], step["phase"]),
                         ("desk-reset", 1, 2, "step"))
        # The first guided break says when to stop.
        self.assertTrue(step["safety"])
        self.assertEqual(self.status()["break_kind"], "micro-break")
        started = time.monotonic()
        step = wait_until(lambda: (s := self.step()).get("step") == 2 and s,
                          message="step 2, by itself")
        self.assertGreaterEqual(time.monotonic() - started, 1.5)
        self.assertEqual(step["text"], "Roll your shoulders back")
        self.assertEqual(step["count"], 5)
        self.assertIn("Routine:   desk-reset, step 2 of 2: Roll your shoulders back",
                      self.ctl("status", check=0).stdout)
        # Once every step ran out: thanks, and the break taken, completed.
        wait_until(lambda: self.step().get("phase") == "thanks", message="the thanks")
        status = self.wait_for_state("active")
        self.assertEqual(status["today"]["taken"], 1)
        self.assertIn(["done", "0", "micro-break", "completed"],
                      [h[:1] + ["0"] + h[2:] for h in self.history()])
        wait_until(lambda: self.step() == {}, message="the routine gone")
        stats = json.loads(self.ctl("stats", "--json", check=0).stdout)
        self.assertEqual(stats["days"][-1]["routines_completed"], 1)

    def test_next_then_stop(self):
        self.ctl("break", check=0)
        self.ctl("routine", "start", check=0)
        self.assertEqual(self.ctl("routine", "next", check=0).stdout,
                         "Next: step 2 of 2, Roll your shoulders back (3s left)\n")
        self.assertEqual(self.ctl("routine", "stop", check=0).stdout,
                         "Routine stopped; the break counts as taken.\n")
        self.assertEqual(self.status()["today"]["taken"], 1)
        self.assertEqual(self.history()[-1][2:], ["micro-break", "stopped"])
        result = self.ctl("routine", "next")
        self.assertEqual(result.returncode, 1)
        self.assertIn("no routine is running to move on; 'limberctl routine start' "
                      "starts one", result.stderr)
        # The second guided break no longer says when to stop.
        self.ctl("routine", "start", check=0)
        self.assertFalse(self.step()["safety"])

    def test_snooze_ends_the_routine(self):
        self.ctl("routine", "start", check=0)
        self.ctl("snooze", check=0)
        self.assertEqual(self.step(), {})
        self.assertEqual(self.status()["today"]["snoozed"], 1)


class WalkAwayTest(RoutineCase):
    """The screen locks mid-routine: the break is taken, walked away."""

    config = dict(SLOW, **{"micro-break-routine": "desk-reset",
                           "activity-source": "logind"})
    start_daemon = False

    def setUp(self):
        super().setUp()
        self.start_logind()
        self.start_limberd()
        self.wait_for_source("logind")

    def test_locking_mid_routine_is_walking_away(self):
        self.ctl("routine", "start", check=0)
        # Idle at the keyboard is following the routine, not walking away.
        self.set_idle_hint(True, since_seconds_ago=0)
        time.sleep(0.5)
        self.assertEqual(self.step()["step"], 1)
        self.session_properties(LockedHint=True)
        wait_until(lambda: self.status()["today"]["taken"] == 1, message="the break taken")
        # Written once the change is on disk: soon after the count.
        last = wait_until(lambda: (h := self.history()) and h[-1][2:] or None,
                          message="the break in the history")
        self.assertEqual(last, ["micro-break", "walked-away"])
        self.assertEqual(self.step(), {})


class CheckinTest(RoutineCase):
    def test_checkin_stores_the_rating(self):
        for bad in ("0", "11", "abc", "-1", "5.5"):
            result = self.ctl("checkin", bad)
            self.assertEqual(result.returncode, 2, bad)
            self.assertIn(f"RATING is a whole number from 1 (no discomfort) to 10 (the "
                          f"worst), not '{bad}'", result.stderr)
        self.assertEqual(self.history(), [])
        out = self.ctl("checkin", "4", "--note", "stiff neck\nafter the call", check=0).stdout
        self.assertIn("Noted: 4 out of 10, with your note.", out)
        with open(self.history_path, encoding="utf-8") as f:
            line = f.read().splitlines()[-1]
        self.assertRegex(line, r"^\d+ checkin 4 stiff neck\\nafter the call$")
        stats = json.loads(self.ctl("stats", "--json", check=0).stdout)
        self.assertEqual(stats["days"][-1]["rating"], 4)
        self.assertIsNone(stats["days"][0]["rating"])
        self.assertRegex(self.ctl("stats", check=0).stdout, r"\nToday .* 4/10")
        # Straight to D-Bus: out of range is InvalidArgument.
        result = subprocess.run(
            ["gdbus", "call", "--session", "--dest", limbertest.BUS_NAME, "--object-path",
             limbertest.OBJECT_PATH, "--method", "io.github.limber.Limber1.CheckIn",
             "11", "''"], env=self.env, capture_output=True, text=True, check=False)
        self.assertIn("Error.InvalidArgument", result.stderr)

    def test_no_improvement_is_said_once(self):
        # Two weeks of breaks on weekdays, and ratings that stay at 6.
        now = int(time.time())
        os.makedirs(os.path.dirname(self.history_path), mode=0o700, exist_ok=True)
        self.stop_limberd()
        with open(self.history_path, "w", encoding="utf-8") as f:
            for day in range(14, 0, -1):
                f.write(f"{now - day * 86400} done 1800 micro-break completed\n")
            f.write(f"{now - 14 * 86400 + 60} checkin 6\n")
            f.write(f"{now - 7 * 86400 + 60} checkin 6\n")
        self.start_limberd()
        out = self.ctl("checkin", "6", check=0).stdout
        self.assertIn("a physical therapist can help", out)
        self.assertNotIn("physical therapist", self.ctl("stats", check=0).stdout)
        self.assertNotIn("physical therapist", self.ctl("checkin", "7", check=0).stdout)


class KindsTest(RoutineCase):
    def test_break_by_kind(self):
        self.ctl("break", "posture-check", check=0)
        popup = self.wait_for_popups()[0]
        self.assertEqual(popup["summary"], "Posture check")
        self.assertIn("Chin slightly tucked", popup["body"])
        status = self.status()
        self.assertEqual(status["break_kind"], "posture-check")
        self.assertIn("Posture check on screen since", self.ctl("status", check=0).stdout)
        self.ctl("skip", check=0)
        result = self.ctl("break", "nap")
        self.assertEqual(result.returncode, 2)
        self.assertIn("no break is called 'nap'", result.stderr)

    def test_status_says_what_comes_next(self):
        status = self.status()
        self.assertIn("posture-check", status["upcoming"])
        self.assertNotIn("stretch", status["upcoming"])
        self.ctl("set", "stretch-at", "23:59", check=0)
        status = self.status()
        self.assertIn("stretch", status["upcoming"])
        self.assertIn("stretch session at 23:59", self.ctl("status", check=0).stdout)
        self.ctl("set", "posture-check", "off", check=0)
        self.assertNotIn("posture-check", self.status()["upcoming"])
        self.assertEqual(self.ctl("get", "posture-check", check=0).stdout, "off\n")


if __name__ == "__main__":
    limbertest.main()
