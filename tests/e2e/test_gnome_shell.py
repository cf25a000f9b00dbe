#!/usr/bin/python3
"""End to end on GNOME Shell 43, headless, with limberd's real Mutter
source: the banner arrives with the routine, is answered and closed with
the pointer (org.gnome.Mutter.RemoteDesktop), is withdrawn, and — the
model limberd keeps of GNOME's messageTray — leaves the screen for the
notification list when `limberctl status` says so, while an overdue
(critical) one stays. Screenshots through org.gnome.Shell.Screenshot."""

import contextlib
import os
import subprocess
import threading
import time

import dbus

import limbertest
from limbertest import LimberTestCase, wait_until
from desktop import (Box, GnomeShell, changed_box, corner_mark, keep_artifact, slow,
                     text_of, words)
from servercases import CONFIG, AnswerCases, ServerCases


def is_plain(shot, region):
    """Whether @region of @shot is one colour: nothing drawn on the
    desktop's background."""
    out = subprocess.run(["convert", shot, "-crop", region.geometry(), "+repage",
                          "-format", "%k", "info:"],
                         capture_output=True, text=True, check=True).stdout
    return int(out) == 1


class Typist(threading.Thread):
    """A person at the keyboard: the IdleMonitor hears from them every
    0.3 s (MUTTER_DEBUG_RESET_IDLETIME's ResetIdletime), on a connection
    of its own."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stopping = threading.Event()
        bus = dbus.bus.BusConnection(os.environ["DBUS_SESSION_BUS_ADDRESS"])
        self.bus = bus
        self.monitor = dbus.Interface(
            bus.get_object("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core"),
            "org.gnome.Mutter.IdleMonitor")

    def run(self):
        while not self.stopping.wait(0.3):
            self.monitor.ResetIdletime()

    def stop(self):
        self.stopping.set()
        self.join()
        self.bus.close()


class GnomeShellTest(AnswerCases, ServerCases, LimberTestCase):
    """GNOME Shell draws no button for the default action (a click on the
    banner is that): Done has its own. Buttons and × show on a banner the
    pointer is over."""

    server = "gnome-shell"
    region = GnomeShell.BANNERS
    hides_default_action = True
    # Activity from the real IdleMonitor (and logind's stand-in).
    config = dict(CONFIG, **{"activity-source": "auto"})

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_class_logind()
        cls.shell = GnomeShell(cls, os.path.join(cls.class_tmp, "gnome-shell.log"))
        cls.addClassCleanup(cls.shell.stop)
        cls.settle()
        cls.start_server()

    @classmethod
    def start_class_logind(cls):
        """logind's stand-in with the user's session: GNOME Shell asks for
        it, and limberd reads locks and sleep from it."""
        server, obj = cls.spawn_server_template("logind", {}, stdout=subprocess.DEVNULL,
                                                system_bus=True)
        cls.addClassCleanup(cls.stop_server, server)
        mock = dbus.Interface(obj, "org.freedesktop.DBus.Mock")
        mock.AddMethod("org.freedesktop.login1.Manager", "GetUser", "u", "o",
                       'ret = "/org/freedesktop/login1/user/%d" % args[0]')
        session = mock.AddSession("c1", "seat0", dbus.UInt32(os.getuid()), "tester", True)
        user = cls.system_bus.get_object("org.freedesktop.login1",
                                         f"/org/freedesktop/login1/user/{os.getuid()}")
        user.Set("org.freedesktop.login1.User", "Display",
                 dbus.Struct(("c1", dbus.ObjectPath(session)), signature="so"),
                 dbus_interface=dbus.PROPERTIES_IFACE)

    @classmethod
    def settle(cls):
        """The desktop as a person finds it: out of the overview GNOME
        starts in, and without the shell's own banner for a root session
        ("Logged in as a privileged user"), which goes once the user is
        active."""
        cls.shell.key(GnomeShell.ESCAPE)
        seen = os.getuid() != 0

        def plain():
            nonlocal seen
            cls.shell.user_active()
            shot = cls.screenshot("settle")
            if not is_plain(shot, GnomeShell.BANNERS):
                seen = True
                return False
            return seen

        wait_until(plain, timeout=30, message="GNOME Shell's own banner to go")

    @classmethod
    def screenshot(cls, name):
        return cls.shell.screenshot(cls.shot_path(name))

    def setUp(self):
        super().setUp()
        self.wait_for_source("mutter+logind")

    def tearDown(self):
        self.shell.park_pointer()
        super().tearDown()

    @contextlib.contextmanager
    def working(self):
        typist = Typist()
        typist.start()
        try:
            yield
        finally:
            typist.stop()

    def read_whole(self, found):
        return self.expanded(found)

    def expanded(self, found):
        """The banner with the pointer over it: GNOME expands it, showing
        the whole body, the buttons and the ×."""
        self.shell.move_to(found.box.x + found.box.w // 3, found.box.y + 20)
        return self.wait_drawn("hovered")

    def choose(self, label, found):
        hovered = self.expanded(found)
        self.shell.click(*hovered.word(label).box.center)

    def close_by_user(self, found):
        hovered = self.expanded(found)
        close = self.close_button(hovered)
        self.shell.click(*close.center)

    def close_button(self, found):
        close = corner_mark(found.shot, found.box)
        self.assertIsNotNone(close, "no × in the banner's corner")
        return close

    def message_list(self, name):
        """Opens the date menu (a click on the clock), where GNOME keeps the
        notifications it took off the screen, reads it and closes it."""
        self.shell.click(GnomeShell.SIZE[0] // 2, 14)
        menu = Box(160, 34, 960, 600)
        shot = wait_until(lambda: changed_box(self.blank, s := self.screenshot(name), menu) and s,
                          message="the date menu open")
        time.sleep(0.5)  # its slide-in
        shot = self.screenshot(name)
        self.shell.key(GnomeShell.ESCAPE)
        return shot, text_of(words(shot, menu))

    def watch_banner_leave(self, timeout=10.0):
        """Screenshots and `status`, back to back, until status says the
        banner is in the list: when the screen first showed it gone, and
        when status said so (monotonic), and the screen at that moment.
        Status says it once it is off the screen, and not much later."""
        deadline = time.monotonic() + slow(timeout)
        gone_at = None
        period = 0.0  # how often the screen is looked at: the precision
        while time.monotonic() < deadline:
            taken = time.monotonic()
            on_screen = changed_box(self.blank, self.screenshot("leaving"), self.region)
            gone_at = None if on_screen else (gone_at or taken)
            if self.status()["popup"] == "in-list":
                said_at = time.monotonic()
                shot = self.screenshot("in-list")
                self.assertIsNone(changed_box(self.blank, shot, self.region),
                                  "the banner on screen when status said it was in the list")
                gone_at = gone_at or said_at
                # limberd's margin (it waits until the banner is surely
                # gone: up to a second), and the precision.
                self.assertLess(said_at - gone_at, slow(1.5) + 2 * period,
                                "status said so long after the banner went")
                return gone_at, said_at, shot
            period = max(period, time.monotonic() - taken)
        raise AssertionError("status never said the banner was in the list")

    def test_banner_shown_while_away_waits_for_the_user(self):
        """A banner that comes while nobody is at the keyboard stays until
        someone is, and goes 2 s later; `status` follows."""
        self.wait_for_state("idle")
        self.show_break()
        time.sleep(5.0)  # past what a banner shown to an active user gets
        self.assertIsNotNone(changed_box(self.blank, self.screenshot("away-later"), self.region),
                             "the banner left with nobody there")
        self.assertEqual(self.status()["popup"], "on-screen")
        with self.working():
            back = time.monotonic()
            gone_at, said_at, _ = self.watch_banner_leave()
        print(f"banner shown while away: gone {gone_at - back:.2f} s after the user came "
              f"back, 'in-list' {said_at - back:.2f} s")
        self.assertGreater(gone_at - back, 1.5)

    def test_banner_leaves_the_screen_into_the_list(self):
        """limberd's model of GNOME 43's messageTray, held to the real one:
        a normal banner shown to an active user goes into the list a few
        seconds later, and `status` says "in-list" once it is off the
        screen; an overdue (critical) one stays."""
        # Overdue after 10 s of work; due (but never shown: nobody stops
        # typing long enough for a lull) before that, shown on request.
        self.stop_limberd()
        self.write_config(dict(self.config, **{"interval-min": "5s", "interval-max": "10s"}))
        self.enterContext(self.working())
        self.start_limberd()
        self.wait_for_source("mutter+logind")

        notify, found = self.show_break()
        shown = notify["time"]
        keep_artifact(found.shot, "gnome-shell-banner.png")
        self.assertIn("micro-break", found.text)

        gone_at, said_at, shot = self.watch_banner_leave()
        keep_artifact(shot, "gnome-shell-in-list.png")
        print(f"banner shown to an active user: gone from the screen "
              f"{gone_at - shown:.2f} s after Notify, 'in-list' {said_at - shown:.2f} s")
        # GNOME's 4 s, and its animations.
        self.assertGreater(gone_at - shown, 3.5)
        self.assertIn("waiting in the notification list", self.ctl("status", check=0).stdout)
        # It is in the list, where GNOME keeps it.
        shot, listed = self.message_list("list")
        keep_artifact(shot, "gnome-shell-list.png")
        self.assertIn("micro-break", listed)

        # Overdue: critical, back on screen, and there it stays.
        self.wait_for_state("overdue", timeout=20)
        wait_until(lambda: self.status()["popup"] == "on-screen", message="back on screen")
        found = self.wait_drawn("critical")
        keep_artifact(found.shot, "gnome-shell-critical.png")
        time.sleep(6.0)  # past the 5 s a normal banner would have
        later = self.screenshot("critical-later")
        self.assertIsNotNone(changed_box(self.blank, later, self.region),
                             "the critical banner left the screen")
        self.assertIn("micro-break", text_of(words(later, self.region)))
        self.assertEqual(self.status()["popup"], "on-screen")

        # Withdrawn: off the screen and out of the list.
        self.ctl("skip", check=0)
        self.wait_gone()
        _, listed = self.message_list("list-after")
        self.assertNotIn("micro-break", listed)


if __name__ == "__main__":
    limbertest.main()
