#!/usr/bin/python3
"""End to end: do not disturb on a real dunst, drawing on Xvfb. With dunst
paused (dunstctl set-paused true) limberd holds its pop-up: dunst shows
nothing and queues nothing, and limberctl status lists the hold; unpaused,
the break that came due meanwhile is offered, once."""

import subprocess

from desktop import X11Screen
import limbertest
from limbertest import LimberTestCase, wait_until

DEFERRED_TITLE = "You missed a micro-break"


class DunstDndTest(LimberTestCase):
    # Nobody types on this Xvfb: count wall time, not the X idle counter.
    config = dict(limbertest.FAST_CONFIG, **{"activity-source": "none"})
    start_notification_server = False
    start_daemon = False  # started once dunst is up, and paused

    def setUp(self):
        super().setUp()
        screen = X11Screen(self.env, height=300)
        self.addCleanup(screen.stop)
        self.env["DISPLAY"] = screen.env["DISPLAY"]
        self.dunst = subprocess.Popen(  # pylint: disable=consider-using-with
            ["dunst"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(self.stop_server, self.dunst)
        wait_until(lambda: self.bus.name_has_owner("org.freedesktop.Notifications"),
                   message="dunst on the bus")

    def dunstctl(self, *args):
        return subprocess.run(["dunstctl", *args], env=self.env, capture_output=True,
                              text=True, check=True).stdout.strip()

    def count(self, which):
        return int(self.dunstctl("count", which))

    def dnd_holds(self):
        return [h for h in self.status()["holds"] if h["kind"] == "dnd"]

    def test_paused_dunst_holds_the_popup_and_unpausing_offers_it(self):
        self.dunstctl("set-paused", "true")
        self.start_limberd()
        (hold,) = wait_until(self.dnd_holds, message="the do-not-disturb hold")
        self.assertEqual(hold["who"], "dunst")
        # Past interval-max (4s): the break came due and waits.
        wait_until(lambda: self.status()["today"]["deferred"] == 1, message="a deferred break")
        status = self.status()
        self.assertEqual(status["state"], "held")
        self.assertIsNone(status["popup"])
        self.assertRegex(self.ctl("status", check=0).stdout,
                         r"\n  Holds:     dnd    do not disturb \(dunst\), since \d\d:\d\d\n")
        # Held, not pushed into dunst's queue to burst out later.
        self.assertEqual((self.count("displayed"), self.count("waiting")), (0, 0))

        self.dunstctl("set-paused", "false")
        wait_until(lambda: self.count("displayed") == 1, message="the deferred break shown")
        wait_until(lambda: self.status()["popup"] == "on-screen", message="on screen")
        self.assertEqual(self.dnd_holds(), [])

        # Paused again with the offer on screen: taken down, not queued.
        self.dunstctl("set-paused", "true")
        wait_until(lambda: self.status()["state"] == "held", message="held again")
        wait_until(lambda: self.count("displayed") + self.count("waiting") == 0,
                   message="the offer taken down")
        self.dunstctl("set-paused", "false")
        wait_until(lambda: self.count("displayed") == 1, message="offered again")
        # What dunst showed: the deferred offer.
        self.dunstctl("close")
        wait_until(lambda: self.dunstctl("history") and
                   '"You missed a micro-break' in self.dunstctl("history"),
                   message="the offer in dunst's history")


if __name__ == "__main__":
    limbertest.main()
