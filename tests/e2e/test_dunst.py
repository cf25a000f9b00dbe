#!/usr/bin/python3
"""End to end: the real limberd shows its pop-up on a real notification
server, dunst, drawing on Xvfb. The test reads the notification back from
dunst, answers it through dunst's own action menu, and keeps a screenshot
as an artifact."""

import json
import os
import shutil
import subprocess
import time

import limbertest
from limbertest import LimberTestCase, wait_until

ARTIFACTS = os.environ.get("LIMBER_ARTIFACTS", os.path.join(os.getcwd(), "e2e-artifacts"))

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


class DunstTest(LimberTestCase):
    # Nobody types on this Xvfb: count wall time, not the X idle counter.
    config = dict(limbertest.FAST_CONFIG, **{"activity-source": "none"})
    start_notification_server = False
    start_daemon = False  # started once dunst is up

    def setUp(self):
        super().setUp()
        self.xvfb = self.start_xvfb()
        self.pick_file = self.path("pick")
        dmenu = self.path("dmenu.sh")
        with open(dmenu, "w", encoding="utf-8") as f:
            f.write(DMENU.format(pick=self.pick_file))
        os.chmod(dmenu, 0o755)
        dunstrc = self.path("dunstrc")
        with open(dunstrc, "w", encoding="utf-8") as f:
            f.write(DUNSTRC.format(dmenu=dmenu))
        self.dunst = subprocess.Popen(  # pylint: disable=consider-using-with
            ["dunst", "-config", dunstrc], env=self.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: self.bus.name_has_owner("org.freedesktop.Notifications"),
                   message="dunst on the bus")
        self.blank = self.screenshot("blank")
        self.start_limberd()

    def tearDown(self):
        super().tearDown()
        self.dunst.terminate()
        self.dunst.wait()
        self.xvfb.terminate()
        self.xvfb.wait()

    def start_xvfb(self):
        """Xvfb on a display it picks itself (-displayfd)."""
        read_end, write_end = os.pipe()
        xvfb = subprocess.Popen(  # pylint: disable=consider-using-with
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "800x300x24",
             "-nolisten", "tcp"],
            pass_fds=[write_end], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        with os.fdopen(read_end) as f:
            display = f.readline().strip()
        self.assertTrue(display, "Xvfb gave no display number")
        self.env["DISPLAY"] = f":{display}"
        return xvfb

    def screenshot(self, name):
        path = self.path(f"{name}.png")
        subprocess.run(["import", "-window", "root", path], env=self.env, check=True)
        return path

    def keep_artifact(self, path, name):
        os.makedirs(ARTIFACTS, exist_ok=True)
        target = os.path.join(ARTIFACTS, name)
        shutil.copyfile(path, target)
        return target

    def changed_pixels(self, a, b):
        """How many pixels differ between two screenshots."""
        result = subprocess.run(["compare", "-metric", "AE", a, b, "null:"],
                                capture_output=True, text=True, check=False)
        return int(float(result.stderr.split()[0]))

    def dunstctl(self, *args):
        return subprocess.run(["dunstctl", *args], env=self.env, capture_output=True,
                              text=True, check=True).stdout

    def displayed(self):
        return int(self.dunstctl("count", "displayed").strip())

    def history(self):
        return json.loads(self.dunstctl("history"))["data"][0]

    def choose(self, action):
        with open(self.pick_file, "w", encoding="utf-8") as f:
            f.write(action)
        self.dunstctl("context")

    def test_popup_on_screen_and_answered_through_dunst(self):
        wait_until(self.displayed, message="dunst to display the pop-up")
        shot = self.screenshot("popup")
        self.keep_artifact(shot, "dunst-popup.png")
        # Something was drawn: a few thousand pixels of pop-up.
        self.assertGreater(self.changed_pixels(self.blank, shot), 20000)

        # Done, picked from dunst's own action menu, ends the break.
        self.choose("default")
        status = wait_until(lambda: (s := self.status())["today"]["taken"] == 1 and s,
                            message="the break to count as taken")
        self.assertEqual(status["state"], "active")
        wait_until(lambda: self.displayed() == 0, message="the pop-up to go")

        # dunst's history holds what it showed.
        shown = self.history()[0]
        self.assertEqual(shown["appname"]["data"], "limber")
        self.assertEqual(shown["summary"]["data"], "Time for a micro-break")
        body = shown["body"]["data"]
        self.assertIn("Roll your shoulders 5 times forward, then 5 times backward", body)
        self.assertIn("3 deep breaths", body)
        self.assertIn("30 seconds", body)
        self.assertEqual(shown["category"]["data"], "x-limber.break")

    def test_snooze_through_dunst_brings_it_back(self):
        wait_until(self.displayed, message="dunst to display the pop-up")
        self.choose("snooze")
        wait_until(lambda: self.status()["today"]["snoozed"] == 1, message="a snooze")
        wait_until(lambda: self.displayed() == 0, message="the pop-up to go")
        # Back after the 2s snooze, and overdue by then (interval-max 4s).
        wait_until(self.displayed, message="the pop-up to come back")
        shot = self.screenshot("overdue")
        self.keep_artifact(shot, "dunst-popup-overdue.png")
        self.assertEqual(self.status()["state"], "overdue")


if __name__ == "__main__":
    limbertest.main()
