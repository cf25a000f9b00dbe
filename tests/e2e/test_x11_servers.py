#!/usr/bin/python3
"""End to end on the notification servers that draw on X11 (under Xvfb):
xfce4-notifyd and notification-daemon, answered with a pointer click on
their buttons (found by reading the screenshot), and notify-osd, which has
no actions: its text says how to snooze and skip from the CLI. One server
per class, started once; see servercases.py for the story."""

import glob
import os

import dbus

import limbertest
from limbertest import LimberTestCase, wait_until
from desktop import NOTIFICATIONS, NOTIFY_IFACE, X11Screen, corner_mark
from servercases import AnswerCases, ServerCases


class X11Server:
    command = None
    composite = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.screen = X11Screen(os.environ, composite=cls.composite)
        cls.addClassCleanup(cls.screen.stop)
        with open(os.path.join(cls.class_tmp, "server.log"), "w", encoding="utf-8") as log:
            cls.screen.spawn(*cls.command, log=log)
        wait_until(lambda: cls.bus.name_has_owner(NOTIFICATIONS[0]),
                   message=f"{cls.server} on the bus")
        cls.start_server()

    @classmethod
    def screenshot(cls, name):
        return cls.screen.screenshot(cls.shot_path(name))

    def choose(self, label, found):
        self.screen.click(*found.button(label).box.center)


def program(pattern):
    paths = glob.glob(pattern)
    if not paths:
        raise AssertionError(f"not installed: {pattern}")
    return paths[0]


class XfceNotifydTest(X11Server, AnswerCases, ServerCases, LimberTestCase):
    """xfce4-notifyd 0.7 draws every action as a button, the default one
    too: Start is the default action there, so one Start button, not two. A
    click on the body closes it."""

    server = "xfce4-notifyd"
    command = [program("/usr/lib/*/xfce4/notifyd/xfce4-notifyd")]

    def close_by_user(self, found):
        self.screen.click(*found.word("micro-break").box.center)


class NotificationDaemonTest(X11Server, AnswerCases, ServerCases, LimberTestCase):
    """notification-daemon 3.20 ("Notification Daemon") draws no button for
    the default action (a click on the bubble is that): Start has its own.
    Its × closes."""

    server = "notification-daemon"
    command = ["/usr/lib/notification-daemon/notification-daemon"]
    hides_default_action = True

    def close_by_user(self, found):
        close = corner_mark(found.shot, found.box)
        self.assertIsNotNone(close, "no close button in the corner")
        self.screen.click(*close.center)

    def take_down(self, nid):
        """CloseNotification leaves the bubble up here: what limberd does
        instead (see known_servers in notifier-server.c)."""
        server = dbus.Interface(self.bus.get_object(*NOTIFICATIONS), NOTIFY_IFACE)
        server.Notify("limber-test", dbus.UInt32(nid), "", "", "", dbus.Array([], "s"),
                      {"transient": True}, 1)


class NotifyOsdTest(X11Server, ServerCases, LimberTestCase):
    """notify-osd has neither actions nor persistence: the text says how to
    snooze and skip from the CLI, the bubble goes after the server's own
    time, and then it has been seen. It draws with transparency: a
    compositing manager runs."""

    server = "notify-osd"
    command = [program("/usr/lib/*/notify-osd")]
    composite = True
    # It drops a closed notification at once (NotificationClosed, reason
    # 3) but leaves the bubble drawn until its time (some 10 s) runs out:
    # nothing a client can do shortens it.
    bubble_outlives_close = 12.0

    def close_by_user(self, found):
        """Nobody can close a notify-osd bubble: it goes by itself (reason 1,
        after some 10 s), which on a server like this one means seen."""


if __name__ == "__main__":
    limbertest.main()
