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
        key = {"Done": "default"}.get(label, label.lower())
        with open(self.pick_file, "w", encoding="utf-8") as f:
            f.write(key)
        self.dunstctl("context")

    def close_by_user(self, found):
        # A left or right click on stock dunst.
        self.dunstctl("close")

    def test_history_holds_what_was_shown(self):
        self.show_break()
        self.choose("Done", None)
        wait_until(lambda: self.displayed() == 0, message="the pop-up to go")
        shown = json.loads(self.dunstctl("history"))["data"][0][0]
        self.assertEqual(shown["appname"]["data"], "limber")
        self.assertEqual(shown["summary"]["data"], "Time for a micro-break")
        # dunst keeps the body as it hands it to Pango: "&" escaped there.
        self.assertIn("Roll your shoulders 5 times forward &amp; 5 times backward",
                      shown["body"]["data"])
        self.assertEqual(shown["category"]["data"], "x-limber.break")

    def test_snooze_through_dunst_brings_it_back(self):
        # Overdue at 4s of work, snoozed for 2s.
        self.stop_limberd()
        self.write_config(dict(self.config, **{"interval-min": "2s", "interval-max": "4s"}))
        self.start_limberd()
        self.show_break()
        self.choose("Snooze", None)
        wait_until(lambda: self.status()["today"]["snoozed"] == 1, message="a snooze")
        wait_until(lambda: self.displayed() == 0, message="the pop-up to go")
        self.wait_for_notify(2)
        # And overdue at 4s of work: critical, in dunst's colours for it.
        self.wait_for_state("overdue")
        found = self.wait_drawn("overdue")
        keep_artifact(found.shot, "dunst-popup-overdue.png")


if __name__ == "__main__":
    limbertest.main()
