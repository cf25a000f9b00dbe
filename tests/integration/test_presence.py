#!/usr/bin/python3
"""Where the break pop-up really is: on screen, waiting in the server's
notification list, or not shown at all (and why) — and what that changes:
`limberctl break` and `status` say it, a break nobody saw is not credited
for walking away, and a server that hangs delays no other answer."""

import os
import signal
import subprocess
import time

import limbertest
from limbertest import LimberTestCase, wait_until

# Breaks only when asked for; away for 2s after a pop-up is a break done,
# away for 4s with none is a natural break.
QUIET = dict(limbertest.FAST_CONFIG, **{
    "interval-min": "1h", "interval-max": "2h", "lull": "1s",
    "natural-break": "4s", "break-length": "2s",
})

class NoServerTest(LimberTestCase):
    config = QUIET
    start_notification_server = False

    def test_break_without_a_server_is_not_on_screen(self):
        result = self.ctl("break", check=1)
        self.assertIn("not on screen: no notification server is running", result.stderr)
        self.assertNotIn("on screen.", result.stdout)
        status = self.status()
        # Still due, and said so.
        self.assertEqual(status["state"], "break")
        self.assertEqual(status["popup"], "not-shown")
        self.assertIn("no notification server", status["popup_problem"])
        text = self.ctl("status", check=0).stdout
        self.assertIn("not on screen: no notification server is running", text)
        # A server comes: the break shows, and that is said too.
        self.start_notifications()
        self.wait_for_popups(1)
        status = wait_until(lambda: (s := self.status())["popup"] == "on-screen" and s,
                            message="the pop-up on screen")
        self.assertIsNone(status["popup_problem"])
        self.assertIn("Break on screen since", self.ctl("status", check=0).stdout)

class RefusingServerTest(LimberTestCase):
    config = QUIET

    def test_refused_popup_is_not_on_screen(self):
        self.notifications_mock.AddMethod(
            limbertest.NOTIFY_IFACE, "Notify", "susssasa{sv}i", "u",
            "raise dbus.exceptions.DBusException('too many notifications', "
            "name='org.freedesktop.DBus.Error.LimitsExceeded')")
        result = self.ctl("break", check=1)
        self.assertIn("the notification server refused it (too many notifications)",
                      result.stderr)
        self.assertEqual(self.status()["popup"], "not-shown")

class HungServerTest(LimberTestCase):
    """A stopped server: BreakNow answers once Notify times out, and every
    other call is answered meanwhile."""

    config = QUIET

    def test_stopped_server_delays_nothing_else(self):
        os.kill(self.notification_server.pid, signal.SIGSTOP)
        try:
            asked = subprocess.Popen(  # pylint: disable=consider-using-with
                [limbertest.LIMBERCTL, "break"], env=self.env, text=True,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            wait_until(lambda: self.status()["popup"] == "sending",
                       message="the pop-up on its way")
            # limberd answers the rest while Notify waits.
            for command in (["status"], ["get", "snooze"], ["stats"], ["set", "lull", "2s"]):
                self.ctl(*command, check=0)
            self.assertIsNone(asked.poll(), "break answered before the server did")
            _, err = asked.communicate(timeout=30)
            self.assertEqual(asked.returncode, 1)
            self.assertIn("the notification server does not answer", err)
        finally:
            os.kill(self.notification_server.pid, signal.SIGCONT)

class UnseenWalkAwayTest(LimberTestCase):
    """Stepping away from a break nobody could see is no break taken."""

    config = QUIET
    start_daemon = False
    start_notification_server = False

    def setUp(self):
        super().setUp()
        self.start_logind()
        self.start_mutter()
        self.mutter.StartTyping()
        self.start_limberd()
        self.wait_for_source("mutter+logind")

    def test_walking_away_from_an_unseen_break_is_not_done(self):
        self.ctl("break", check=1)
        self.mutter.StopTyping()
        stopped = time.monotonic()
        # Past break-length (2s), short of natural-break (4s): nothing yet.
        time.sleep(3.0)
        status = self.status()
        if time.monotonic() - stopped < 3.8:
            self.assertEqual(status["today"]["taken"], 0)
            self.assertEqual(status["state"], "break")
        # Away for natural-break: a natural break, not a break done.
        status = wait_until(lambda: (s := self.status())["today"]["natural"] == 1 and s,
                            message="a natural break")
        self.assertEqual(status["today"]["taken"], 0)
        self.assertEqual(status["state"], "idle")

    def test_walking_away_counts_from_when_it_is_shown(self):
        self.ctl("break", check=1)
        time.sleep(1.0)
        self.start_notifications()
        self.wait_for_popups(1)
        self.mutter.StopTyping()
        status = wait_until(lambda: (s := self.status())["today"]["taken"] == 1 and s,
                            message="the break done by stepping away")
        self.assertEqual(status["today"]["natural"], 0)

class PauseEndTest(LimberTestCase):
    config = QUIET

    def test_end_of_a_pause_is_said_once(self):
        self.ctl("pause", "1s", check=0)
        notice = wait_until(
            lambda: [c for c in self.notify_calls() if c["summary"] == "Reminders are back"],
            message="the notice")
        self.assertEqual(len(notice), 1)
        self.assertTrue(notice[0]["hints"]["transient"])
        self.assertEqual(notice[0]["actions"], [])
        self.assertEqual(self.status()["state"], "active")
        # A pause ended on request is not told again.
        self.ctl("pause", "1h", check=0)
        self.ctl("resume", check=0)
        time.sleep(0.5)
        self.assertEqual(
            len([c for c in self.notify_calls() if c["summary"] == "Reminders are back"]), 1)

class BannerTest(LimberTestCase):
    """A server that moves banners into its list (GNOME Shell's name, from
    GetServerInformation): after its banner time, the break is said to be
    waiting in the list; a critical update is back on screen."""

    config = dict(QUIET, **{"interval-min": "1s", "interval-max": "9s",
                            "activity-source": "none"})

    def setUp(self):
        self.start_daemon = False
        super().setUp()
        self.notifications_mock.AddMethod(
            limbertest.NOTIFY_IFACE, "GetServerInformation", "", "ssss",
            'ret = ("gnome-shell", "GNOME", "43.9", "1.2")')
        self.start_limberd()

    def test_banner_moves_into_the_list(self):
        popup = self.wait_for_popups(1)[0]
        shown = time.monotonic()
        # GNOME draws no button for the default action: Start has its own.
        actions = dict(zip(popup["actions"][::2], popup["actions"][1::2]))
        self.assertEqual(actions["start"], "Start")
        self.assertEqual(actions["default"], "")
        self.assertEqual(self.status()["popup"], "on-screen")
        status = wait_until(lambda: (s := self.status())["popup"] == "in-list" and s,
                            message="the banner gone into the list")
        self.assertGreaterEqual(time.monotonic() - shown, 4.5)
        self.assertEqual(status["state"], "break")
        self.assertIn("waiting in the notification list", self.ctl("status", check=0).stdout)
        # Overdue at 9s of work: critical, which GNOME keeps on screen.
        wait_until(lambda: self.status()["state"] == "overdue", timeout=15,
                   message="the break overdue")
        wait_until(lambda: self.status()["popup"] == "on-screen", message="back on screen")
        time.sleep(5.5)  # past the 5 s a normal banner gets
        self.assertEqual(self.status()["popup"], "on-screen")

class BubbleLeftUpTest(LimberTestCase):
    """notification-daemon 3.20 forgets a closed notification but leaves
    its bubble up: limberd withdraws there with a transient update that
    expires at once (the real one is in e2e/test_x11_servers.py)."""

    config = QUIET
    start_daemon = False

    def setUp(self):
        super().setUp()
        self.notifications_mock.AddMethod(
            limbertest.NOTIFY_IFACE, "GetServerInformation", "", "ssss",
            'ret = ("Notification Daemon", "GNOME", "3.20.0", "1.2")')
        self.start_limberd()

    def test_withdrawn_by_an_update_that_expires(self):
        self.ctl("break", check=0)
        popup = self.wait_for_popups(1)[0]
        # Done has a button of its own: the bubble itself is the default.
        self.assertEqual(dict(zip(popup["actions"][::2], popup["actions"][1::2]))["default"], "")
        self.ctl("skip", check=0)
        update = self.wait_for_popups(2)[1]
        self.assertEqual(update["replaces_id"], self.notification_id())
        self.assertEqual(update["timeout"], 1)
        self.assertTrue(update["hints"]["transient"])
        self.assertEqual(update["actions"], [])
        self.assertEqual(self.close_calls(), [])


class BannerReturnTest(LimberTestCase):
    """GNOME Shell keeps a banner that came while the user was away until
    input comes, and takes it into the list 2 s later (plus its slide-out);
    the real GNOME is held to this in e2e/test_gnome_shell.py."""

    config = dict(QUIET, **{"break-length": "1min", "natural-break": "5min"})
    start_daemon = False

    def setUp(self):
        super().setUp()
        self.notifications_mock.AddMethod(
            limbertest.NOTIFY_IFACE, "GetServerInformation", "", "ssss",
            'ret = ("gnome-shell", "GNOME", "43.9", "1.2")')
        self.start_mutter()
        self.mutter.StartTyping()
        self.start_limberd()
        self.wait_for_source("mutter")

    def test_banner_waits_for_the_user_to_come_back(self):
        # Shown to nobody: asked for once the user has gone idle.
        self.mutter.StopTyping()
        self.wait_for_state("idle")
        self.ctl("break", check=0)
        self.wait_for_popups(1)
        wait_until(lambda: self.status()["popup"] == "on-screen", message="on screen")
        time.sleep(3.0)
        self.assertEqual(self.status()["popup"], "on-screen")
        self.mutter.StartTyping()
        back = time.monotonic()
        wait_until(lambda: self.status()["popup"] == "in-list",
                   message="the banner gone into the list")
        self.assertGreaterEqual(time.monotonic() - back, 2.2)
        self.assertLess(time.monotonic() - back, 3.0 + limbertest.slack(1.0))


if __name__ == "__main__":
    limbertest.main()
