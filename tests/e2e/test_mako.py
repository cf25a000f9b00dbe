#!/usr/bin/python3
"""End to end on mako, the notification daemon of sway and other wlroots
desktops, under headless sway (run as nobody: sway refuses root). mako
draws no buttons: Start is the default action, a click (here makoctl
invoke, mako's own control); the others come from `makoctl menu`. Its
screenshots are taken with grim. See servercases.py for the story."""

import os
import shutil
import subprocess
import tempfile

import limbertest
from limbertest import LimberTestCase, wait_until
from desktop import NOTIFICATIONS, Sway, run
from servercases import AnswerCases, ServerCases

class MakoTest(AnswerCases, ServerCases, LimberTestCase):
    server = "mako"
    draws_buttons = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Not under the class's dir: nobody may not enter that one.
        sway_dir = tempfile.mkdtemp(prefix="limber-sway-")
        cls.addClassCleanup(shutil.rmtree, sway_dir, True)
        cls.sway = Sway(sway_dir, os.path.join(cls.class_tmp, "sway.log"))
        cls.addClassCleanup(cls.sway.stop)
        # mako as it comes: no config file in the test's home.
        cls.client_env = cls.sway.client_env(os.environ)
        with open(os.path.join(cls.class_tmp, "mako.log"), "w", encoding="utf-8") as log:
            mako = subprocess.Popen(  # pylint: disable=consider-using-with
                ["mako"], env=cls.client_env,
                stdout=log, stderr=subprocess.STDOUT)
        cls.addClassCleanup(cls.stop_server, mako)
        wait_until(lambda: cls.bus.name_has_owner(NOTIFICATIONS[0]), message="mako on the bus")
        cls.start_server()

    @classmethod
    def screenshot(cls, name):
        return cls.sway.screenshot(os.environ, cls.shot_path(name))

    def makoctl(self, *args):
        return run(self.client_env, "makoctl", *args)

    def choose(self, label, found):
        # "default" is what a click on the pop-up does.
        self.makoctl("invoke", "-n", str(self.wait_for_notify()[-1]["id"]),
                     self.action_key(label))

    def close_by_user(self, found):
        # What a right click does, and makoctl dismiss.
        self.makoctl("dismiss", "-n", str(self.wait_for_notify()[-1]["id"]))


if __name__ == "__main__":
    limbertest.main()
