#!/usr/bin/python3
"""Coexisting with GNOME's own break reminders (GNOME 48 and later): with
the schema compiled into a test directory (Debian 12 has none), limberd
says when GNOME's movement breaks are on and how to turn one off; without
the schema it says nothing and does not abort."""

import os
import subprocess

import limbertest
from limbertest import LimberTestCase, wait_until

SCHEMA = """<schemalist>
  <schema id="org.gnome.desktop.break-reminders" path="/org/gnome/desktop/break-reminders/">
    <key name="selected-breaks" type="as"><default>[]</default></key>
  </schema>
</schemalist>
"""


class GnomeBreaksTest(LimberTestCase):
    start_daemon = False

    def setUp(self):
        super().setUp()
        schemas = self.path("schemas")
        os.makedirs(schemas)
        with open(os.path.join(schemas, "org.gnome.desktop.break-reminders.gschema.xml"), "w",
                  encoding="utf-8") as f:
            f.write(SCHEMA)
        subprocess.run(["glib-compile-schemas", schemas], check=True)
        self.env.update({"GSETTINGS_SCHEMA_DIR": schemas, "GSETTINGS_BACKEND": "keyfile"})

    def select(self, breaks):
        """GNOME's selected-breaks, as the keyfile backend keeps them."""
        folder = self.path("config", "glib-2.0", "settings")
        os.makedirs(folder, exist_ok=True)
        listed = ", ".join(f"'{b}'" for b in breaks)
        with open(os.path.join(folder, "keyfile.new"), "w", encoding="utf-8") as f:
            f.write(f"[org/gnome/desktop/break-reminders]\nselected-breaks=[{listed}]\n")
        os.rename(os.path.join(folder, "keyfile.new"), os.path.join(folder, "keyfile"))

    def test_movement_breaks_on_are_reported(self):
        self.select(["eyesight", "movement"])
        self.start_limberd()
        # Read just after limberd is ready (its start is not held for it).
        notice = wait_until(lambda: self.status()["other_reminders"], 10, "the notice")
        self.assertIn("GNOME's own movement breaks are on too", notice)
        # The way out keeps GNOME's eyesight breaks.
        self.assertIn("gsettings set org.gnome.desktop.break-reminders selected-breaks "
                      "\"['eyesight']\"", notice)
        self.assertIn("systemctl --user disable --now limberd", notice)
        self.assertIn("  Also:      GNOME's own movement breaks are on too",
                      self.ctl("status", check=0).stdout)
        # And the journal (here: limberd's output) says it too.
        self.assertIn("GNOME's own movement breaks are on too", self.daemon_output())
        # Turned off in GNOME: limberd follows.
        self.select(["eyesight"])
        wait_until(lambda: self.status()["other_reminders"] is None, 10,
                   "the notice gone")
        self.assertNotIn("Also:", self.ctl("status", check=0).stdout)

    def test_only_eyesight_breaks_are_no_bother(self):
        self.select(["eyesight"])
        self.start_limberd()
        wait_until(lambda: "GNOME has break reminders of its own" in self.daemon_output(), 10,
                   "GNOME's settings read")
        self.assertIsNone(self.status()["other_reminders"])

    def test_no_schema_no_notice(self):
        # GNOME before 48 (Debian 12): the schema is not there at all.
        os.remove(os.path.join(self.path("schemas"), "gschemas.compiled"))
        self.start_limberd()
        # Once call detection has started, GNOME's settings have been looked
        # for (they come right after it).
        wait_until(lambda: "calls: watching" in self.daemon_output(), 10, "limberd started")
        self.ctl("status", check=0)
        self.assertIsNone(self.status()["other_reminders"])
        self.assertNotIn("GNOME has break reminders", self.daemon_output())
        self.assertEqual(self.daemon.poll(), None)


if __name__ == "__main__":
    limbertest.main()
