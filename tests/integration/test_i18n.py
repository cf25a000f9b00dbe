#!/usr/bin/python3
"""limberd and limberctl in German: a session whose locale is de_DE.UTF-8
gets limberctl's output, its errors and limberd's, plural forms and the
pop-up (title, text, buttons, the built-in routines' steps) in German,
while what programs read (--json, settings' values) stays as it is.

The locale is the tests' own (LOCPATH: tests/integration/meson.build
builds it with localedef), the catalogs the build's (LIMBER_LOCALEDIR),
so nothing system-wide is needed."""

import json
import os

import limbertest
from limbertest import LimberTestCase

# A break that never comes by itself: the tests ask for one.
SLOW = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})


class GermanTest(LimberTestCase):
    config = SLOW
    start_daemon = False

    def setUp(self):
        super().setUp()
        locpath = os.environ["LIMBER_TEST_LOCPATH"]
        self.assertTrue(os.path.isdir(os.path.join(locpath, "de_DE.UTF-8")),
                        f"no de_DE.UTF-8 locale under {locpath} (package locales)")
        for name in ("LC_ALL", "LANGUAGE", "LC_MESSAGES"):
            self.env.pop(name, None)
        self.env.update({"LANG": "de_DE.UTF-8", "LOCPATH": locpath,
                         "LIMBER_LOCALEDIR": os.environ["LIMBER_TEST_LOCALEDIR"]})
        self.start_limberd()

    def test_status_in_german(self):
        out = self.ctl("status", check=0).stdout
        self.assertRegex(out.split("\n")[0],
                         r"^Aktiv: nächste Pause in 1h \(gegen \d\d:\d\d\)\.$")
        self.assertIn("\n  Gearbeitet: 0s seit der letzten Pause\n", out)
        self.assertIn("\n  Abstand:    eine Pause nach 1h bis 2h Arbeit\n", out)
        self.assertIn("\n  Heute:      0 genommen, 0 vertagt, 0 ausgelassen, "
                      "0 natürlich\n", out)
        # A pause, and the hold it makes, as status lists it.
        self.assertRegex(self.ctl("pause", "20min", "--reason", "Besprechung", check=0).stdout,
                         r"^Pausiert für 20min, bis \d\d:\d\d; »limberctl resume« beendet "
                         r"die Pause früher\.\n$")
        out = self.ctl("status", check=0).stdout
        self.assertRegex(out.split("\n")[0], r"^Pausiert bis \d\d:\d\d \(noch 20min\)\.$")
        self.assertRegex(out, r"\n  Angehalten: Pause +“Besprechung”, von limberctl "
                              r"\(pid \d+\), seit \d\d:\d\d, bis \d\d:\d\d\n")
        # What scripts read stays as it is.
        status = json.loads(self.ctl("status", "--json", check=0).stdout)
        self.assertEqual(status["state"], "paused")
        self.assertEqual(status["holds"][0]["kind"], "pause")
        self.assertEqual(self.ctl("get", "snooze", check=0).stdout, "2s\n")

    def test_day_names_in_german(self):
        """A check-in day as status shows it in German ("Fr") is taken as
        well as the English one; the file keeps the English, which reads
        the same in every locale."""
        for typed in ("Fr 16:00", "freitag 16:00", "Fri 16:00"):
            self.ctl("set", "checkin-at", typed, check=0)
            self.assertEqual(self.ctl("get", "checkin-at", check=0).stdout, "Fri 16:00\n",
                             typed)
        self.ctl("set", "checkin-at", "So 9:30", check=0)
        self.assertEqual(self.ctl("get", "checkin-at", check=0).stdout, "Sun 09:30\n")
        result = self.ctl("set", "checkin-at", "Fx 16:00")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("»Fx 16:00« ist kein Tag mit Uhrzeit", result.stderr)

    def test_errors_in_german(self):
        # Made by limberctl: the duration syntax stays what to type.
        result = self.ctl("snooze", "40")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr,
                         "limberctl snooze: »40« ist keine Dauer: 40 hat keine Einheit; "
                         "meinten Sie 40min? Geben Sie die Einheit an, wie in 40s, 40min "
                         "oder 1h 30min; siehe »limberctl snooze --help«\n")
        # Made by limberd, in the session's language, sent over D-Bus.
        result = self.ctl("routine", "next")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr,
                         "limberctl routine: keine Übungsfolge läuft, die weitergehen "
                         "könnte; »limberctl routine start« startet eine\n")

    def test_plural_forms(self):
        one = self.ctl("checkin", "3", "4")
        self.assertIn("checkin nimmt 1 Argument, RATING;", one.stderr)
        two = self.ctl("set", "snooze", "5min", "extra")
        self.assertIn("set nimmt 2 Argumente, KEY VALUE;", two.stderr)
        self.assertTrue(self.ctl("stats", "--days", "5", check=0).stdout
                        .startswith("Pausen der letzten 5 Tage"))
        self.assertTrue(self.ctl("stats", "--days", "1", check=0).stdout
                        .startswith("Pausen am letzten Tag"))
        # limberd's: the steps of its built-in routines.
        show = self.ctl("routine", "show", "micro-break", check=0).stdout
        self.assertIn("   1. Aufstehen, Schultern nach vorn kreisen  (5-mal, etwa 20s)\n",
                      show)

    def test_popup_in_german(self):
        self.ctl("break", check=0)
        popup = self.wait_for_popups()[-1]
        self.assertEqual(popup["summary"], "Zeit für eine Mikropause")
        lines = popup["body"].split("\n")
        # The routine's steps, translated, a line each.
        self.assertEqual(lines[:2], ["• Aufstehen, Schultern nach vorn kreisen (5-mal, etwa 20s)",
                                     "• Jetzt nach hinten kreisen (5-mal, etwa 15s)"])
        self.assertEqual(popup["actions"][1::2], ["Start", "Später (2s)", "Auslassen"])
        self.ctl("skip", check=0)
        # A built-in routine's pop-up: its title and steps.
        self.ctl("break", "posture-check", check=0)
        popup = self.wait_for_popups(2)[-1]
        self.assertEqual(popup["summary"], "Haltungscheck")
        first = popup["body"].split("\n")[0]
        # A glance: what to check, no timings.
        self.assertEqual(first, "• Kinn leicht einziehen")


if __name__ == "__main__":
    limbertest.main()
