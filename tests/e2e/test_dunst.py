#!/usr/bin/python3
"""End to end on dunst, drawing on Xvfb. dunst draws no buttons: its
context menu (dunstctl context, through a dmenu the test scripts) offers
the actions, and the test reads the notification back from dunst's own
history. See servercases.py for the story every server gets."""

import json
import os

import limbertest
from limbertest import LimberTestCase, wait_until
from desktop import NOTIFICATIONS, X11Screen, keep_artifact, run
from servercases import AnswerCases, ServerCases

DUNSTRC = """
[global]
    font = DejaVu Sans 11
    width = 440
    origin = top-right
    offset = 16x16
    padding = 10
    horizontal_padding = 12
    frame_width = 2
    frame_color = "#7aa2c8"
    corner_radius = 6
    dmenu = {dmenu}
    show_indicators = no
[urgency_normal]
    background = "#1e2430"
    foreground = "#e8ecf2"
    timeout = 0
[urgency_critical]
    background = "#5a1e1e"
    foreground = "#ffffff"
    frame_color = "#ff8a80"
    timeout = 0
"""

# dunst's context menu hands dmenu one line per action, such as
# "#Snooze 2s (Time for a micro-break) [1,snooze]"; this picks the line
# whose action key the test wrote to the pick file.
DMENU = """#!/bin/sh
key=$(cat "{pick}")
grep -m1 ",$key]"
"""


class DunstTest(AnswerCases, ServerCases, LimberTestCase):
    server = "dunst"
    draws_buttons = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.screen = X11Screen(os.environ, height=300)
        cls.addClassCleanup(cls.screen.stop)
        cls.pick_file = os.path.join(cls.class_tmp, "pick")
        dmenu = os.path.join(cls.class_tmp, "dmenu.sh")
        with open(dmenu, "w", encoding="utf-8") as f:
            f.write(DMENU.format(pick=cls.pick_file))
        os.chmod(dmenu, 0o755)
        dunstrc = os.path.join(cls.class_tmp, "dunstrc")
        with open(dunstrc, "w", encoding="utf-8") as f:
            f.write(DUNSTRC.format(dmenu=dmenu))
        cls.screen.spawn("dunst", "-config", dunstrc)
        wait_until(lambda: cls.bus.name_has_owner(NOTIFICATIONS[0]), message="dunst on the bus")
        cls.start_server()

    @classmethod
    def screenshot(cls, name):
        return cls.screen.screenshot(cls.shot_path(name))

    def dunstctl(self, *args):
        return run(self.screen.env, "dunstctl", *args)

    def displayed(self):
        return int(self.dunstctl("count", "displayed").strip())

    def choose(self, label, found):
        """Through dunst's action menu."""
        with open(self.pick_file, "w", encoding="utf-8") as f:
            f.write(self.action_key(label))
        self.dunstctl("context")

    def close_by_user(self, found):
        # A left or right click on stock dunst.
        self.dunstctl("close")

    def history(self):
        return json.loads(self.dunstctl("history"))["data"][0]

    def test_guided_step_two_on_screen(self):
        """Started from the pop-up (its default action, a middle click on
        stock dunst), the routine's steps follow in place; step 2 on screen."""
        self.config = dict(self.config)
        self.config.pop("routine")  # the routine's own steps, not a text
        self.stop_limberd()
        self.write_config(self.config)
        self.start_limberd()
        _, found = self.show_break()
        self.choose("Start", found)
        wait_until(lambda: self.step().get("step") == 1, message="step 1")
        found = self.wait_redrawn(found, "step1")
        self.choose("Next", found)
        step = wait_until(lambda: (s := self.step()).get("step") == 2 and s, message="step 2")
        self.assertEqual(step["text"], "Now roll them backward")
        found = self.wait_redrawn(found, "step2")
        keep_artifact(found.shot, "dunst-guided-step2.png")
        self.assertIn("backward", found.text)
        self.choose("Stop", found)
        wait_until(lambda: self.status()["today"]["taken"] == 1, message="taken")
        self.wait_gone()
        # dunst's history: one notification, the offer updated in place into
        # each step; step 2 says which it is and, the first time, when to stop.
        step2 = next(n for n in self.history()
                     if n["summary"]["data"] == "Now roll them backward")
        self.assertEqual(step2["appname"]["data"], "limber")
        self.assertEqual(step2["category"]["data"], "x-limber.break")
        self.assertRegex(step2["body"]["data"],
                         r"^Step 2 of 4 · 5 times · \d+s left\n5 slow circles")
        self.assertIn("Stop if anything hurts sharply, tingles or goes numb.",
                      step2["body"]["data"])

    def test_snooze_through_dunst_brings_it_back(self):
        # Overdue at 4s of work, snoozed for 2s.
        self.stop_limberd()
        self.write_config(dict(self.config, **{"interval-min": "2s", "interval-max": "4s"}))
        self.start_limberd()
        _, found = self.show_break()
        self.choose("Snooze", found)
        wait_until(lambda: self.status()["today"]["snoozed"] == 1, message="a snooze")
        wait_until(lambda: self.displayed() == 0, message="the pop-up to go")
        self.wait_for_notify(2)
        # And overdue at 4s of work: critical, in dunst's colours for it.
        self.wait_for_state("overdue")
        found = self.wait_drawn("overdue")
        keep_artifact(found.shot, "dunst-popup-overdue.png")


if __name__ == "__main__":
    limbertest.main()
