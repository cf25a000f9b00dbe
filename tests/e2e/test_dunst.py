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

        # The offer: the routine, a step a line.
        self.assertEqual(self.status()["state"], "break")

        # A click on the pop-up (its default action) starts the routine;
        # Stop, picked from dunst's own action menu, ends it, taken.
        self.choose("default")
        wait_until(lambda: self.step().get("step") == 1, message="the first step")
        wait_until(self.displayed, message="dunst to display the step")
        self.choose("stop")
        status = wait_until(lambda: (s := self.status())["today"]["taken"] == 1 and s,
                            message="the break to count as taken")
        self.assertEqual(status["state"], "active")
        wait_until(lambda: self.displayed() == 0, message="the pop-up to go")

        # dunst's history holds what it showed: one notification, the offer
        # updated in place into the step (the offer's text is in
        # PopupTest).
        shown = self.history()
        self.assertEqual(len(shown), 1, shown)
        step = shown[0]
        self.assertEqual(step["appname"]["data"], "limber")
        self.assertEqual(step["category"]["data"], "x-limber.break")
        self.assertEqual(step["summary"]["data"], "Stand up, roll your shoulders forward")
        self.assertTrue(step["body"]["data"].startswith("Step 1 of 4 · 5 times · "))

    def step(self):
        return {str(k): v for k, v in self.property("Step").items()}

    def test_guided_step_two_on_screen(self):
        wait_until(self.displayed, message="dunst to display the pop-up")
        self.choose("default")  # Start
        wait_until(lambda: self.step().get("step") == 1, message="step 1")
        wait_until(self.displayed, message="dunst to display step 1")
        self.choose("default")  # Next
        step = wait_until(lambda: (s := self.step()).get("step") == 2 and s,
                          message="step 2")
        self.assertEqual(step["text"], "Now roll them backward")
        wait_until(self.displayed, message="dunst to display step 2")
        # Step 2 lasts 15s; its countdown changes every 5s: the screenshot
        # is of step 2 whatever the second.
        shot = self.screenshot("guided-step2")
        self.keep_artifact(shot, "dunst-guided-step2.png")
        self.assertGreater(self.changed_pixels(self.blank, shot), 20000)
        self.assertEqual(self.step()["step"], 2)
        self.choose("stop")
        wait_until(lambda: self.status()["today"]["taken"] == 1, message="taken")
        wait_until(lambda: self.displayed() == 0, message="the pop-up to go")
        shown = [n["summary"]["data"] for n in self.history()]
        self.assertIn("Now roll them backward", shown)
        step2 = next(n for n in self.history()
                     if n["summary"]["data"] == "Now roll them backward")
        self.assertRegex(step2["body"]["data"],
                         r"^Step 2 of 4 · 5 times · \d+s left\n5 slow circles")
        # The first guided break says when to stop.
        self.assertIn("Stop if anything hurts sharply, tingles or goes numb.",
                      step2["body"]["data"])

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
