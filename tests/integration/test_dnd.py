#!/usr/bin/python3
"""Do not disturb, on the servers that have one: while the person has
silenced notifications limberd holds its pop-up (a "dnd" hold), and the
break that came due meanwhile is offered once it ends. KDE's Inhibited
property on python-dbusmock's notification server; GNOME's show-banners
with a schema compiled into a test directory and the keyfile backend;
xfce4-notifyd's /do-not-disturb in the real xfconfd, activated on the
test's bus. dunst, end to end, is in tests/e2e/test_dnd_dunst.py."""

import os
import subprocess

import time

import dbus
import dbusmock

import limbertest
from limbertest import NOTIFY_IFACE, wait_until
from test_holds import DEFERRED_TITLE, HoldTestCase

GNOME_SCHEMA = """<schemalist>
  <schema id="org.gnome.desktop.notifications" path="/org/gnome/desktop/notifications/">
    <key name="show-banners" type="b"><default>true</default></key>
  </schema>
</schemalist>
"""


class DndTestCase(HoldTestCase):
    start_daemon = False

    def server_is(self, name):
        """The mock server gives @name in GetServerInformation."""
        self.notifications_mock.AddMethod(
            NOTIFY_IFACE, "GetServerInformation", "", "ssss",
            f'ret = ("{name}", "test vendor", "1.0", "1.2")')

    def assert_held_then_offered(self, silence, who):
        """Silenced before limberd starts: the break due after 2s is held
        (nothing shown, status names the hold); @silence(False) brings the
        deferred break, once; silenced again, the offer on screen is
        withdrawn."""
        silence(True)
        self.start_limberd()
        (hold,) = self.wait_for_holds(1, "dnd")
        self.assertEqual(hold["who"], who)
        wait_until(lambda: self.status()["today"]["deferred"] == 1, message="a deferred break")
        self.assertEqual(self.notify_calls(), [])
        self.assertEqual(self.status()["state"], "held")
        self.assertRegex(self.ctl("status", check=0).stdout,
                         rf"\n  Holds:     dnd    do not disturb \({who}\), since \d\d:\d\d\n")

        silence(False)
        (offer,) = self.wait_for_popups(1)
        self.assertTrue(offer["summary"].startswith(DEFERRED_TITLE), offer["summary"])
        self.assertEqual(offer["hints"]["urgency"], 1)
        self.assertEqual(self.holds("dnd"), [])

        silence(True)
        wait_until(self.close_calls, message="the offer withdrawn")
        self.wait_for_holds(1, "dnd")
        self.assertEqual(self.status()["state"], "held")


class KdeInhibitedTest(DndTestCase):
    """Plasma's server has an Inhibited property (do not disturb, a screen
    shared, a window fullscreen), changed with PropertiesChanged."""

    def inhibit(self, on):
        self.notifications_mock.UpdateProperties(NOTIFY_IFACE, {"Inhibited": dbus.Boolean(on)})

    def test_inhibited_holds_the_popup_and_the_break_follows(self):
        self.server_is("Plasma")
        self.notifications_mock.AddProperty(NOTIFY_IFACE, "Inhibited", dbus.Boolean(False))
        self.assert_held_then_offered(self.inhibit, "Plasma")

    def test_no_passing_notice_while_silenced(self):
        # A pause that runs out during do not disturb is not announced.
        self.server_is("Plasma")
        self.notifications_mock.AddProperty(NOTIFY_IFACE, "Inhibited", dbus.Boolean(True))
        self.write_config(dict(self.config, **{"interval-min": "1h", "interval-max": "2h"}))
        self.start_limberd()
        self.wait_for_holds(1, "dnd")
        self.ctl("pause", "1s", check=0)
        wait_until(lambda: self.status()["state"] != "paused", message="the pause over")
        time.sleep(0.5)
        self.assertEqual(self.notify_calls(), [])

    def test_a_server_without_inhibited_shows_the_popup(self):
        # The template has no such property: nothing holds, nothing breaks.
        self.start_limberd()
        self.wait_for_popups(1)
        self.assertEqual(self.holds(), [])


class GnomeBannersTest(DndTestCase):
    """GNOME's do not disturb is show-banners off, a setting: it counts
    only while GNOME Shell is the notification server."""

    def setUp(self):
        super().setUp()
        schemas = self.path("schemas")
        os.makedirs(schemas)
        with open(os.path.join(schemas, "org.gnome.desktop.notifications.gschema.xml"), "w",
                  encoding="utf-8") as f:
            f.write(GNOME_SCHEMA)
        subprocess.run(["glib-compile-schemas", schemas], check=True)
        # Only the test's schemas: not the machine's.
        self.env.update({"GSETTINGS_SCHEMA_DIR": schemas, "GSETTINGS_BACKEND": "keyfile",
                         "XDG_DATA_DIRS": self.path("data")})

    def show_banners(self, on):
        subprocess.run(["gsettings", "set", "org.gnome.desktop.notifications", "show-banners",
                        "true" if on else "false"], env=self.env, check=True)

    def test_banners_off_holds_the_popup_and_the_break_follows(self):
        self.server_is("gnome-shell")
        self.assert_held_then_offered(lambda silenced: self.show_banners(not silenced), "GNOME")

    def test_banners_off_elsewhere_is_not_gnome_dnd(self):
        # The setting outlives GNOME: under another server it means nothing.
        self.show_banners(False)
        self.start_limberd()
        self.wait_for_popups(1)
        self.assertEqual(self.holds(), [])

    def test_no_schema_no_dnd(self):
        os.remove(os.path.join(self.path("schemas"), "gschemas.compiled"))
        self.server_is("gnome-shell")
        self.start_limberd()
        self.wait_for_popups(1)
        self.assertEqual(self.holds(), [])
        self.assertIn("GNOME's notification settings are not installed", self.daemon_output())
        self.assertIsNone(self.daemon.poll())


class XfceDndTest(DndTestCase):
    """xfce4-notifyd keeps its do not disturb in xfconf: the real xfconfd,
    started by the bus as in a session, changed with xfconf-query."""

    def setUp(self):
        super().setUp()
        self.enable_service("org.xfce.Xfconf")
        self.addCleanup(self.stop_xfconfd)

    def stop_xfconfd(self):
        self.disable_service("org.xfce.Xfconf")
        if self.bus.name_has_owner("org.xfce.Xfconf"):
            pid = self.bus.get_object("org.freedesktop.DBus", "/org/freedesktop/DBus") \
                .GetConnectionUnixProcessID("org.xfce.Xfconf", dbus_interface="org.freedesktop.DBus")
            os.kill(pid, 15)
            wait_until(lambda: not self.bus.name_has_owner("org.xfce.Xfconf"),
                       message="xfconfd to stop")

    def do_not_disturb(self, on):
        subprocess.run(["xfconf-query", "-c", "xfce4-notifyd", "-p", "/do-not-disturb", "-n",
                        "-t", "bool", "-s", "true" if on else "false"], env=self.env, check=True)

    def test_do_not_disturb_holds_the_popup_and_the_break_follows(self):
        self.server_is("Xfce Notify Daemon")
        self.assert_held_then_offered(self.do_not_disturb, "xfce4-notifyd")


if __name__ == "__main__":
    limbertest.main()
