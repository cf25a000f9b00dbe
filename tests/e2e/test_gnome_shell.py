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
from desktop import (Box, GnomeShell, changed_box, corner_mark, find_word, keep_artifact,
                     slow, text_of, words)
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
    0.2 s (MUTTER_DEBUG_RESET_IDLETIME's ResetIdletime), on a connection
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
        while not self.stopping.wait(0.2):
            self.monitor.ResetIdletime()

    def stop(self):
        self.stopping.set()
        self.join()
        self.bus.close()


class GnomeShellTest(AnswerCases, ServerCases, LimberTestCase):
    """GNOME Shell draws no button for the default action (a click on the
    banner is that): Start has its own. Buttons and × show on a banner the
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

        def plain():
            return is_plain(cls.screenshot("settle"), GnomeShell.BANNERS)

        if os.getuid() == 0:
            # Read, not just seen: the overview closing is not it.
            wait_until(lambda: "privileged" in text_of(
                words(cls.screenshot("settle"), GnomeShell.BANNERS)), timeout=20,
                       message="GNOME Shell's banner for a root session")

        def gone():
            cls.shell.user_active()
            return plain()

        wait_until(gone, timeout=20, message="GNOME Shell's own banner to go")

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
        if label == "Stop" and not find_word(hovered.words, "Next"):
            # GNOME 43 drops the buttons of a banner updated in place (its
            # fdo daemon adds the actions after the banner has redrawn):
            # a step that replaced the offer on screen has none. Closing a
            # step stops the routine, as Stop does.
            self.shell.click(*self.close_button(hovered).center)
            return
        self.shell.click(*hovered.button(label).box.center)

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
        # GNOME's 4 s and its animations; or, where the typing stalled
        # under load when it came (the user idle then, for GNOME as for
        # limberd), its 2 s once the typing went on. Never at once.
        self.assertGreater(gone_at - shown, 1.5)
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

    def test_guided_steps_stay_on_screen(self):
        """A routine being followed keeps its step on screen where GNOME
        takes a normal banner away: limberd sends its steps as critical."""
        self.stop_limberd()
        config = dict(self.config)
        config.pop("routine")  # the routine's own steps, not a text
        self.write_config(config)
        self.enterContext(self.working())
        self.start_limberd()
        self.wait_for_source("mutter+logind")
        self.show_break()
        # At the keyboard: the offer, a normal banner, goes into the list.
        wait_until(lambda: self.status()["popup"] == "in-list", timeout=15,
                   message="the offer in the list")
        self.wait_gone()
        self.ctl("routine", "start", check=0)
        self.ctl("routine", "next", check=0)
        step = wait_until(lambda: (s := self.step()).get("step") == 2 and s,
                          message="step 2")
        self.assertEqual(step["text"], "Now roll them backward")
        found = self.wait_drawn("step2")
        keep_artifact(found.shot, "gnome-guided-step2.png")
        # Drawn whole, as GNOME draws a critical banner. (Without Next and
        # Stop: GNOME 43 drops the buttons of a notification updated in
        # place; a click on it is Next, its × stops.)
        self.assertIn("backward", found.text)
        # Still at the keyboard, past a normal banner's time: step 2 (15 s)
        # stays, its countdown moving on.
        time.sleep(6.0)
        self.assertEqual(self.step()["step"], 2)
        self.assertEqual(self.status()["popup"], "on-screen")
        later = self.wait_drawn("step2-later")
        keep_artifact(later.shot, "gnome-guided-step2-later.png")
        self.assertIn("backward", later.text)
        self.ctl("routine", "stop", check=0)


if __name__ == "__main__":
    limbertest.main()
