"""One story told against every notification server Debian 12 has: the
break pop-up arrives with the routine, drawn as the server's capabilities
allow; it is answered through the server's own means; closing it is
recorded as closed, not skipped; withdrawing it takes it off the server.

A test class mixes ServerCases (and AnswerCases where the server has
actions) into LimberTestCase, starts its server once in setUpClass, and
provides:

  server            short name, for screenshots (SERVER-popup.png)
  region            where pop-ups appear (a Box), or None for anywhere
  screenshot(name)  a screenshot of the whole screen, as a path
  choose(label, found)   answer by the action labelled @label (AnswerCases);
                    @found: the pop-up's words and box on the last shot
  close_by_user(found)   close the pop-up as a person would
"""

import contextlib
import os
import shutil

import dbus

import limbertest
from limbertest import wait_until
from desktop import (BusMonitor, NOTIFICATIONS, NOTIFY_IFACE, action_labels,
                     changed_box, changed_pixels, find_word, keep_artifact,
                     text_of, words)

# Breaks only when asked for (limberctl break); nobody types on these
# screens, so wall time counts as work.
CONFIG = dict(limbertest.FAST_CONFIG, **{
    "interval-min": "1h", "interval-max": "2h", "activity-source": "none",
    # "&" shows whether the body's markup is escaped where the server reads
    # markup, and left alone where it does not.
    "routine": "Stand up, then:\\n"
               "• Roll your shoulders 5 times forward & 5 times backward\\n"
               "• Take 3 deep breaths, squeezing your shoulder blades together\\n"
               "• Stretch your neck gently for 30 seconds, side to side",
})

LABELS = {"start": "Start", "snooze": "Snooze 2s", "skip": "Skip"}
ICON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "icons",
                    "limber.svg")


class Found:
    """A pop-up as a screenshot shows it: where, and its words (read when
    first asked for)."""

    def __init__(self, shot, box):
        self.shot, self.box = shot, box
        self._words = None

    @property
    def words(self):
        if self._words is None:
            self._words = words(self.shot, self.box)
        return self._words

    @property
    def text(self):
        return text_of(self.words)

    def word(self, text):
        matches = find_word(self.words, text)
        if len(matches) != 1:
            raise AssertionError(f"{len(matches)} words {text!r} in: {self.text}")
        return matches[0]

    def button(self, label):
        """The button labelled @label: the lowest such word (buttons come
        below the text, which may say "Stop" too)."""
        matches = find_word(self.words, label)
        if not matches:
            raise AssertionError(f"no button {label!r} in: {self.text}")
        return max(matches, key=lambda w: w.box.y)


class ServerCases:
    """The tests every server gets. See the module's doc for the hooks."""

    config = CONFIG
    start_notification_server = False
    # Whether the server draws no button for the "default" action, so that
    # limber sends the default action's label (Start) as a button of its
    # own (known_servers, notifier-server.c).
    hides_default_action = False
    # How long a bubble may stay drawn after the server let it go (its own
    # time running out): seconds, where that is all the server can do.
    bubble_outlives_close = 0.0
    region = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.monitor = BusMonitor(os.environ["DBUS_SESSION_BUS_ADDRESS"])
        cls.shot_count = 0
        # limber's icon where an installed one would be found, for the
        # servers started from here on.
        share = os.path.join(cls.class_tmp, "share")
        apps = os.path.join(share, "icons", "hicolor", "scalable", "apps")
        os.makedirs(apps)
        shutil.copyfile(ICON, os.path.join(apps, "limber.svg"))
        os.environ["XDG_DATA_DIRS"] = ":".join(
            [share, os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"])

    @classmethod
    def tearDownClass(cls):
        cls.monitor.close()
        super().tearDownClass()

    @classmethod
    def start_server(cls):
        """Called by the class once its server is up: what it can do, and
        the screen with nothing on it."""
        server = dbus.Interface(cls.bus.get_object(*NOTIFICATIONS), NOTIFY_IFACE)
        cls.capabilities = [str(c) for c in server.GetCapabilities()]
        cls.blank = cls.screenshot("blank")

    def setUp(self):
        self.seen = len(self.monitor.notifies())
        super().setUp()

    def tearDown(self):
        super().tearDown()
        # Whatever this test's limberd left on the server goes before the
        # next test looks.
        for notify in self.notifies():
            if notify["id"]:
                self.take_down(notify["id"])
        self.wait_gone(10.0 + self.bubble_outlives_close)

    def take_down(self, nid):
        """Takes notification @nid off the server, from the test's side."""
        server = dbus.Interface(self.bus.get_object(*NOTIFICATIONS), NOTIFY_IFACE)
        server.CloseNotification(dbus.UInt32(nid))

    # What the test sees

    @classmethod
    def shot_path(cls, name):
        cls.shot_count += 1
        return os.path.join(cls.class_tmp, f"{cls.shot_count:03d}-{name}.png")

    def notifies(self):
        return self.monitor.notifies()[self.seen:]

    def wait_for_notify(self, count=1):
        return wait_until(lambda: (n := [c for c in self.notifies() if c["id"]])
                          and len(n) >= count and n, message=f"{count} Notify answered")

    def wait_drawn(self, name="popup", timeout=10.0):
        """Waits until a pop-up is drawn and holds still (two shots alike,
        past any animation), and reads it."""
        last = [None]

        def drawn():
            shot = self.screenshot(name)
            box = changed_box(self.blank, shot, self.region)
            steady = box and last[0] and changed_pixels(last[0], shot, self.region) == 0
            last[0] = shot
            return steady and (shot, box)

        shot, box = wait_until(drawn, timeout, "the pop-up drawn")
        return Found(shot, box)

    def wait_redrawn(self, before, name="redrawn", timeout=10.0):
        """Waits until the pop-up differs from @before (an update drawn),
        holds still, and reads it."""
        last = [None]

        def redrawn():
            shot = self.screenshot(name)
            box = changed_box(self.blank, shot, self.region)
            new = box and changed_pixels(before.shot, shot, self.region) > 0
            steady = new and last[0] and changed_pixels(last[0], shot, self.region) == 0
            last[0] = shot
            return steady and (shot, box)

        shot, box = wait_until(redrawn, timeout, "the pop-up redrawn")
        return Found(shot, box)

    def action_key(self, label):
        """The key limberd gave the action labelled @label (or starting
        with it) in the latest pop-up."""
        actions = action_labels(self.wait_for_notify()[-1]["actions"])
        keys = [key for key, shown in actions if shown.startswith(label)]
        self.assertEqual(len(keys), 1, f"one action {label!r} in {actions}")
        return keys[0]

    def step(self):
        return {str(k): v for k, v in self.property("Step").items()}

    def wait_gone(self, timeout=10.0):
        """Waits until the screen shows nothing over the blank one."""
        return wait_until(
            lambda: (changed_box(self.blank, shot := self.screenshot("gone"), self.region)
                     is None) and shot, timeout, "the pop-up gone from the screen")

    def show_break(self):
        self.ctl("break", check=0)
        notify = self.wait_for_notify()[-1]
        # Said to be on screen once the server has it (before it may go:
        # notify-osd's bubble lasts some 10 s, GNOME's banner 4).
        wait_until(lambda: self.status()["popup"] == "on-screen",
                   message="status to say the pop-up is on screen")
        return notify, self.wait_drawn()

    # The story

    def working(self):
        """Someone at the keyboard meanwhile, where limberd can tell (here it
        counts wall time)."""
        return contextlib.nullcontext()

    def read_whole(self, found):
        """The pop-up with all of its text on screen."""
        return found

    def test_popup_arrives_with_the_routine(self):
        notify, found = self.show_break()
        found = self.read_whole(found)
        keep_artifact(found.shot, f"{self.server}-popup.png")
        # On screen: the title and the routine, "&" as written.
        self.assertIn("micro-break", found.text)
        # Its first lines (mako cuts the end at its height) or its last.
        self.assertTrue("shoulders" in found.text or "neck" in found.text, found.text)
        self.assertNotIn("&amp;", found.text)
        # notify-osd keeps the last ten lines or so of a long body
        # (x-canonical-truncation): the routine's first lines go there
        # (noted in the README).
        if "x-canonical-truncation" not in self.capabilities:
            self.assertIn("forward & 5", found.text)

        # What limberd sent follows what the server said it can do.
        caps = self.capabilities
        body = notify["body"]
        if "body-markup" in caps:
            self.assertIn("forward &amp; 5", body)
        else:
            self.assertIn("forward & 5", body)
        self.assertEqual(notify["app_icon"],
                         "limber" if {"icon-static", "icon-multi"} & set(caps) else "")
        labels = action_labels(notify["actions"])
        if "actions" in caps:
            shown = [label for _, label in labels if label]
            self.assertEqual(sorted(shown), sorted(LABELS.values()), labels)
            # The default action (a click on the pop-up) is Start: its own
            # button where the server hides the default, else that one.
            self.assertEqual(dict(labels)["default"], "" if self.hides_default_action else "Start")
            self.assertNotIn("limberctl snooze", body)
        else:
            self.assertEqual(labels, [])
            self.assertIn("to postpone: limberctl snooze; to skip: limberctl skip", body)
            # And the screen says so.
            self.assertIn("limberctl snooze", found.text)
        # Kept until answered where the server keeps or answers anything;
        # the server's own timeout where it does neither.
        own_timeout = not {"actions", "persistence"} & set(caps)
        self.assertEqual(notify["timeout"], -1 if own_timeout else 0)

    def test_closed_is_recorded_as_closed(self):
        notify, found = self.show_break()
        self.close_by_user(found)
        wait_until(lambda: self.monitor.closed(notify["id"]), timeout=30,
                   message="the server to close the pop-up")
        status = self.wait_for_state("closed")
        self.assertEqual((status["today"]["taken"], status["today"]["skipped"]), (0, 0))
        self.wait_gone()
        # A snooze's worth of work later it ends as closed, never skipped.
        with self.working():
            self.wait_for_state("active", timeout=20)
        wait_until(lambda: self.records()[:2] == ["shown", "closed"],
                   message="the history to say shown, then closed")

    def records(self):
        """The kinds of record in limberd's history, oldest first."""
        with open(self.path("state", "limber", "history"), encoding="utf-8") as f:
            return [line.split()[1] for line in f]

    def test_withdrawn_leaves_the_server(self):
        notify, _ = self.show_break()
        # Answered elsewhere (here the CLI): limberd takes the pop-up down.
        self.ctl("skip", check=0)
        wait_until(lambda: notify["id"] in self.monitor.withdrawals(),
                   message="limberd to take the pop-up down")
        self.wait_gone(10.0 + self.bubble_outlives_close)
        self.assertEqual(self.status()["today"]["skipped"], 1)
        # And the server says it no longer has it.
        wait_until(lambda: self.monitor.closed(notify["id"]), message="NotificationClosed")


class AnswerCases:
    """For servers with actions: answered through the server itself."""

    # Whether the server draws the actions as buttons on the pop-up.
    draws_buttons = True

    def test_start_then_stop_on_the_server_takes_the_break(self):
        """The pop-up's Start walks through the routine, its steps in place
        of the offer; Stop on a step takes the break."""
        notify, found = self.show_break()
        # One Start (the pop-up's default action, which the server may
        # draw as a button): in what limberd sent, and on the screen.
        labels = [label for _, label in action_labels(notify["actions"])]
        self.assertEqual(labels.count("Start"), 1, labels)
        if self.draws_buttons:
            found = self.read_whole(found)
            found.word("Start")
        self.choose("Start", found)
        wait_until(lambda: self.step().get("step") == 1, message="the routine's first step")
        # The step, in place of the offer, with Next and Stop.
        self.wait_for_notify(2)
        step = self.wait_redrawn(found, "step")
        self.choose("Stop", step)
        status = wait_until(lambda: (s := self.status())["today"]["taken"] == 1 and s,
                            message="the break to count as taken")
        self.assertEqual(status["state"], "active")
        self.wait_gone()
