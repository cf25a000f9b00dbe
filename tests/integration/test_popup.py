#!/usr/bin/python3
"""The break pop-up: what limberd sends the notification server, and what
it does with the user's answer."""

import time

import dbus

import limbertest
from limbertest import LimberTestCase, wait_until


class PopupTest(LimberTestCase):
    def test_popup_carries_routine_and_actions(self):
        popup = self.wait_for_popups()[0]
        # Not before interval-min (2s) of work.
        self.assertGreaterEqual(popup["time"] - self.daemon_started_at, 2.0)
        self.assertEqual(popup["app_name"], "limber")
        self.assertEqual(popup["summary"], "Time for a micro-break")
        # The routine, a step a line: legible before it is started.
        self.assertEqual(popup["body"].splitlines(), [
            "• Stand up, roll your shoulders forward (5 times, about 20s)",
            "• Now roll them backward (5 times, about 15s)",
            "• 3 deep breaths, squeeze your shoulder blades (3 times, about 20s)",
            "• Gentle neck stretches (30s)"])
        # Actions come in (key, label) pairs.
        actions = dict(zip(popup["actions"][::2], popup["actions"][1::2]))
        # One Start: a server not known to hide the default action may draw
        # it as a button (xfce4-notifyd does), so Start is the default
        # action: a click on the pop-up starts the routine.
        self.assertEqual(actions["default"], "Start")
        labels = list(actions.values())
        self.assertEqual(len(labels), len(set(labels)), f"a label twice: {labels}")
        self.assertEqual(actions["snooze"], "Snooze 2s")
        self.assertEqual(actions["skip"], "Skip")
        self.assertEqual(popup["hints"]["desktop-entry"], "io.github.limber.Limber")
        self.assertEqual(popup["hints"]["urgency"], 1)
        self.assertTrue(popup["hints"]["resident"])
        # Stays until acted on.
        self.assertEqual(popup["timeout"], 0)
        self.assertEqual(self.status()["state"], "break")

    def test_unanswered_popup_escalates(self):
        first = self.wait_for_popups(1)[0]
        self.assertEqual(first["hints"]["urgency"], 1)
        # At interval-max (4s of work) the same pop-up turns critical.
        update = self.wait_for_popups(2)[1]
        self.assertEqual(update["replaces_id"], self.notification_id())
        self.assertEqual(update["hints"]["urgency"], 2)
        self.assertGreaterEqual(update["time"] - first["time"], 1.5)
        self.assertEqual(self.status()["state"], "overdue")

    def test_start_then_stop_ends_break(self):
        self.wait_for_popups()
        self.take_break()
        wait_until(self.close_calls, message="the pop-up to be withdrawn")
        status = self.wait_for_state("active")
        self.assertEqual(status["today"]["taken"], 1)
        self.assertLess(status["worked_seconds"], 2)

    def test_snooze_action_postpones(self):
        self.wait_for_popups()
        self.invoke_action("snooze")
        wait_until(self.close_calls, message="the pop-up to be withdrawn")
        status = self.status()
        self.assertIn(status["state"], ("snoozed", "break"))
        self.assertEqual(status["today"]["snoozed"], 1)
        # Back after the 2s snooze.
        calls = self.wait_for_popups(2)
        self.assertGreaterEqual(calls[1]["time"] - self.close_calls()[0][0], 1.5)

    def test_skip_action(self):
        self.wait_for_popups()
        self.invoke_action("skip")
        wait_until(self.close_calls, message="the pop-up to be withdrawn")
        self.assertEqual(self.status()["today"]["skipped"], 1)

    def test_default_action_starts_the_routine(self):
        self.wait_for_popups()
        # A click on the pop-up: the routine starts, nothing is taken yet.
        self.invoke_action("default")
        step = wait_until(lambda: (c := self.notify_calls()[-1])["summary"]
                          == "Stand up, roll your shoulders forward" and c,
                          message="the first step")
        self.assertTrue(step["body"].startswith("Step 1 of 4 · 5 times · 20s left"))
        self.assertEqual(self.status()["today"]["taken"], 0)

    def test_popup_closed_by_server_comes_back(self):
        self.wait_for_popups()
        # The server expires it (reason 1), despite the request for no
        # timeout: it returns after the 2s snooze, not at once, not never.
        nid = self.notification_id()
        self.notifications_mock.EmitSignal(
            limbertest.NOTIFY_IFACE, "NotificationClosed", "uu",
            [dbus.UInt32(nid), dbus.UInt32(1)])
        status = self.wait_for_state("snoozed")
        self.assertEqual(status["today"], {"taken": 0, "snoozed": 0, "skipped": 0,
                                           "natural": 0, "deferred": 0})
        expired_at = time.time()
        again = self.wait_for_popups(2)[1]
        self.assertEqual(again["replaces_id"], 0)
        self.assertGreaterEqual(again["time"] - expired_at, 1.0)

    def test_stale_action_is_ignored(self):
        self.wait_for_popups()
        self.ctl("skip", check=0)
        # An answer to the pop-up that is already gone changes nothing: the
        # notifier forgot it when it withdrew it, so libnotify no longer
        # hands on its actions. (LateAnswerTest covers limberd's own guard.)
        self.invoke_action("snooze", notification_id=1)
        time.sleep(0.3)
        status = self.status()
        self.assertEqual(status["today"]["snoozed"], 0)
        self.assertEqual(status["today"]["skipped"], 1)


class LateAnswerTest(LimberTestCase):
    """An answer that comes after the break ended another way changes
    nothing."""

    config = dict(limbertest.FAST_CONFIG, **{"break-length": "1s",
                                             "activity-source": "logind"})
    start_daemon = False

    def setUp(self):
        super().setUp()
        self.start_logind()
        self.start_limberd()
        self.wait_for_source("logind")

    def test_answer_after_the_break_ended_is_ignored(self):
        self.wait_for_popups()
        nid = self.notification_id()
        # logind says the user has been away since before the pop-up: the
        # break ends as taken, and the pop-up is withdrawn.
        self.set_idle_hint(True, since_seconds_ago=30)
        wait_until(lambda: self.status()["today"]["taken"] == 1, message="the break taken")
        wait_until(self.close_calls, message="the pop-up withdrawn")
        # A click on Skip that the server sends late, for that pop-up.
        self.invoke_action("skip", notification_id=nid)
        time.sleep(0.3)
        status = self.status()
        self.assertEqual(status["today"], {"taken": 1, "snoozed": 0, "skipped": 0,
                                           "natural": 0, "deferred": 0})


class ClosedPopupTest(LimberTestCase):
    """Closing the pop-up (reason 2) is seen, not skipped."""

    # Overdue 1s after the pop-up; the closed break ends 4s of work later.
    config = dict(limbertest.FAST_CONFIG, **{"interval-max": "3s", "snooze": "4s"})

    def test_closed_popup_is_seen_not_skipped(self):
        self.wait_for_popups()
        self.close_by_user()
        status = self.wait_for_state("closed")
        self.assertEqual(status["today"], {"taken": 0, "snoozed": 0, "skipped": 0,
                                           "natural": 0, "deferred": 0})
        self.assertIn("Break seen (the pop-up was closed): step away for 1min",
                      self.ctl("status", check=0).stdout)
        # A snooze's worth of work later it ends as closed, not skipped, and
        # the interval starts over.
        self.wait_for_state("active", timeout=20)
        self.assertEqual(self.status()["today"]["skipped"], 0)
        with open(self.path("state", "limber", "history"), encoding="utf-8") as f:
            kinds = [line.split()[1] for line in f]
        self.assertEqual(kinds[:2], ["shown", "closed"])
        self.assertNotIn("skipped", kinds)
        # It was not put back when it turned overdue: no critical pop-up.
        self.assertEqual([c["hints"]["urgency"] for c in self.notify_calls()
                          if c["hints"]["urgency"] != 1], [])


class NoActionsTest(LimberTestCase):
    """A server without actions gets plain instructions instead; one that
    can neither answer nor keep a notification (notify-osd) shows it for a
    while of its own, and then it has been seen."""

    capabilities = "body"

    def test_instructions_instead_of_actions(self):
        popup = self.wait_for_popups()[0]
        self.assertEqual(popup["actions"], [])
        self.assertIn("limberctl snooze", popup["body"])
        self.assertIn("limberctl skip", popup["body"])
        self.assertIn("Step away for 1min", popup["body"])
        # The whole routine at once, a step a line, and how to be walked
        # through it anyway.
        lines = popup["body"].splitlines()
        self.assertEqual(lines[:4], [
            "• Stand up, roll your shoulders forward (5 times, about 20s)",
            "• Now roll them backward (5 times, about 15s)",
            "• 3 deep breaths, squeeze your shoulder blades (3 times, about 20s)",
            "• Gentle neck stretches (30s)"])
        self.assertIn("limberctl routine start", popup["body"])
        # Not "never expires": notify-osd makes that a dialog nobody can
        # take down. The server's own timeout instead.
        self.assertEqual(popup["timeout"], -1)

    def test_its_time_running_out_is_seen(self):
        self.wait_for_popups()
        self.notifications_mock.EmitSignal(
            limbertest.NOTIFY_IFACE, "NotificationClosed", "uu",
            [dbus.UInt32(self.notification_id()), dbus.UInt32(1)])
        # As if closed: stepping away still counts, nothing is skipped.
        status = self.wait_for_state("closed")
        self.assertEqual((status["today"]["snoozed"], status["today"]["skipped"]), (0, 0))


class PersistentNoActionsTest(LimberTestCase):
    """Without actions but with persistence, the server keeps it: asked
    never to expire, and an expiry is the server's doing, not a look."""

    capabilities = "body persistence"

    def test_kept_until_withdrawn(self):
        popup = self.wait_for_popups()[0]
        self.assertEqual(popup["actions"], [])
        self.assertEqual(popup["timeout"], 0)
        self.notifications_mock.EmitSignal(
            limbertest.NOTIFY_IFACE, "NotificationClosed", "uu",
            [dbus.UInt32(self.notification_id()), dbus.UInt32(1)])
        # Put off until later, as on any server that drops what it keeps.
        self.wait_for_state("snoozed")
        self.wait_for_popups(2)


class IconTest(LimberTestCase):
    """limber's icon goes where the server shows icons, and nowhere else."""

    capabilities = "body actions icon-static"

    def test_icon_where_shown(self):
        popup = self.wait_for_popups()[0]
        self.assertEqual(popup["app_icon"], "limber")

    def test_no_icon_where_not_shown(self):
        self.stop_limberd()
        self.notification_server.terminate()
        self.notification_server.wait()
        self.start_notifications("body actions")
        self.start_limberd()
        popup = self.wait_for_popups()[0]
        self.assertEqual(popup["app_icon"], "")


class MarkupTest(LimberTestCase):
    """Routine text is the user's: markup in it is shown, not rendered."""

    capabilities = "body body-markup actions"
    config = dict(limbertest.FAST_CONFIG, routine="Roll <b>5</b> times & breathe",
                  title="<i>Stretch</i>")

    def test_markup_is_escaped(self):
        popup = self.wait_for_popups()[0]
        self.assertEqual(popup["body"], "Roll &lt;b&gt;5&lt;/b&gt; times &amp; breathe")
        # The summary is plain text by the spec.
        self.assertEqual(popup["summary"], "<i>Stretch</i>")


if __name__ == "__main__":
    limbertest.main()
