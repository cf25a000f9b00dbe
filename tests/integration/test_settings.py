#!/usr/bin/python3
"""limberctl set, get and reload: settings applied at once, written to the
user's file with its comments kept, surviving a restart; bad files
reported without losing the settings in force."""

import json
import os
import signal
import subprocess

import limbertest
from limbertest import LimberTestCase, wait_until

CONFIG = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})


class SettingsTest(LimberTestCase):
    config = CONFIG

    def read_config(self):
        with open(self.config_path, encoding="utf-8") as f:
            return f.read()

    def test_set_applies_and_persists(self):
        result = self.ctl("set", "interval-max", "3h", check=0)
        self.assertEqual(result.stdout, "interval-max = 3h\n")
        self.ctl("set", "interval-min", "1h 30min", check=0)
        self.assertEqual(self.ctl("get", "interval-min", check=0).stdout, "1h 30min\n")
        self.assertEqual(int(self.property("IntervalMin")), 5400)
        self.assertAlmostEqual(self.status()["next_break_in_seconds"], 5400, delta=5)

        text = self.read_config()
        self.assertIn("# written by the test", text)
        self.assertIn("interval-min=1h 30min\n", text)
        self.assertIn("interval-max=3h\n", text)
        self.assertIn("snooze=2s\n", text)

        # A new limberd reads it back.
        self.stop_limberd()
        self.start_limberd()
        self.assertEqual(self.ctl("get", "interval-min", check=0).stdout, "1h 30min\n")
        self.assertEqual(self.status()["interval_max_seconds"], 3 * 3600)

    def test_set_takes_effect_mid_interval(self):
        self.ctl("set", "interval-min", "2s", check=0)
        self.ctl("set", "interval-max", "4s", check=0)
        self.wait_for_popups()

    def test_set_text(self):
        self.ctl("set", "routine", "Roll your shoulders\nBreathe", check=0)
        self.assertEqual(self.ctl("get", "routine", check=0).stdout,
                         "Roll your shoulders\nBreathe\n")
        self.assertIn("routine=Roll your shoulders\\nBreathe\n", self.read_config())
        listing = self.ctl("get", check=0).stdout
        self.assertIn("routine         = Roll your shoulders\\nBreathe\n", listing)
        self.ctl("break", check=0)
        self.assertEqual(self.wait_for_popups()[0]["body"], "Roll your shoulders\nBreathe")

    def test_set_text_as_get_shows_it(self):
        # Typed as 'limberctl get' shows it: \n is a line break in the
        # pop-up, \\ a backslash; any other backslash stays.
        self.ctl("set", "routine", r"Roll\nBreathe \\o/ C:\Users", check=0)
        self.assertEqual(self.ctl("get", "routine", check=0).stdout,
                         "Roll\nBreathe \\o/ C:\\Users\n")
        self.assertIn("routine         = Roll\\nBreathe \\\\o/ C:\\\\Users\n",
                      self.ctl("get", check=0).stdout)
        self.ctl("break", check=0)
        self.assertEqual(self.wait_for_popups()[0]["body"], "Roll\nBreathe \\o/ C:\\Users")

    def test_get_all(self):
        listing = self.ctl("get", check=0).stdout.splitlines()
        keys = [line.split("=")[0].strip() for line in listing]
        self.assertEqual(keys, ["interval-min", "interval-max", "snooze", "natural-break",
                                "lull", "break-length", "pause-default", "title", "routine",
                                "activity-source", "micro-break-routine", "posture-check",
                                "posture-check-routine", "stretch-at", "stretch-routine",
                                "checkin-at", "call-detection", "call-ignore"])
        # The daemon's Settings are the shared table's keys, no more.
        tables = json.loads(subprocess.run([os.environ["LIMBER_DUMP_TABLES"]],
                                           check=True, capture_output=True,
                                           text=True).stdout)
        self.assertEqual(keys, [s["key"] for s in tables["settings"]])
        self.assertIn("interval-min    = 1h", listing)
        settings = json.loads(self.ctl("get", "--json", check=0).stdout)
        self.assertEqual(settings["interval-min"], 3600)
        self.assertEqual(json.loads(self.ctl("get", "snooze", "--json", check=0).stdout),
                         {"snooze": 2})

    def test_set_rejected_changes_nothing(self):
        before = self.read_config()
        result = self.ctl("set", "interval-min", "3h", check=2)
        self.assertIn("interval-min (3h) must not be longer than interval-max (2h)",
                      result.stderr)
        self.assertEqual(self.read_config(), before)
        self.assertEqual(int(self.property("IntervalMin")), 3600)

    def test_set_keeps_broken_file(self):
        with open(self.config_path, "w", encoding="utf-8") as f:
            f.write("half-edited [limber\n")
        result = self.ctl("set", "snooze", "1min", check=1)
        self.assertIn(self.config_path, result.stderr)
        self.assertIn("nothing was changed", result.stderr)
        self.assertEqual(self.read_config(), "half-edited [limber\n")
        self.assertEqual(self.status()["settings"]["snooze"], 2)

    def test_reload(self):
        self.write_config(dict(CONFIG, **{"interval-min": "20min"}))
        self.assertIn("reloaded", self.ctl("reload", check=0).stdout)
        self.assertEqual(int(self.property("IntervalMin")), 1200)

    def test_unknown_key_is_reported_and_the_rest_applies(self):
        # A typo (or a newer limber's key) does not cost the file's other
        # settings, and the user can see it.
        self.write_config(dict(CONFIG, **{"interval-min": "20min", "intervall-max": "1h"}))
        # Reloaded, but not all of it: a warning and exit status 1.
        result = self.ctl("reload", check=1)
        self.assertEqual(result.stdout, "")
        self.assertRegex(result.stderr, r"^limberctl reload: reloaded, with a warning: .*"
                                        r"unknown key 'intervall-max'.*\n$")
        status = self.status()
        self.assertEqual(status["interval_min_seconds"], 1200)
        self.assertIn("unknown key 'intervall-max'", status["config_error"])
        self.assertIn(self.config_path, status["config_error"])
        self.assertIn("intervall-max", self.ctl("status", check=0).stdout)
        # Fixed, the notice goes.
        self.write_config(dict(CONFIG, **{"interval-min": "20min"}))
        self.ctl("reload", check=0)
        self.assertIsNone(self.status()["config_error"])

    def test_reset(self):
        with open(self.config_path, "a", encoding="utf-8") as f:
            f.write("# my own note\ntitle=Mine\n")
        result = self.ctl("reset", "title", "snooze", check=0)
        self.assertEqual(result.stdout, "title = Time for a micro-break\nsnooze = 5min\n")
        text = self.read_config()
        self.assertNotIn("title=", text)
        self.assertNotIn("snooze=", text)
        self.assertIn("# my own note\n", text)
        self.assertIn("interval-min=1h\n", text)
        self.assertEqual(self.status()["settings"]["snooze"], 300)
        # A reset that would break a rule changes nothing, and says which.
        result = self.ctl("reset", "interval-max")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("interval-min (1h) must not be longer than interval-max (45min)",
                      result.stderr)
        self.assertIn("interval-max=2h\n", self.read_config())
        for args, message in ((["reset"], "give KEY… or --all"),
                              (["reset", "--all", "lull"], "give KEY… or --all, not both"),
                              (["reset", "nope"], "unknown setting 'nope'")):
            result = self.ctl(*args)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(message, result.stderr)
        # Everything: the file keeps its comments and nothing else.
        listing = self.ctl("reset", "--all", check=0).stdout
        self.assertIn("interval-min = 30min\n", listing)
        self.assertEqual(len(listing.splitlines()), 18)
        self.assertEqual(self.read_config(), "# written by the test\n[limber]\n# my own note\n")
        self.assertEqual(self.status()["interval_min_seconds"], 1800)

    def test_reload_bad_file_keeps_settings(self):
        self.write_config(dict(CONFIG, snooze="soon"))
        result = self.ctl("reload", check=1)
        self.assertEqual(len(result.stderr.splitlines()), 1)
        self.assertIn(self.config_path, result.stderr)
        self.assertIn("'snooze'", result.stderr)
        self.assertIn("'soon' is not a duration", result.stderr)
        self.assertEqual(self.status()["settings"]["snooze"], 2)

    def test_site_defaults_layered_under_user_file(self):
        site = self.path("site", "limber", "limber.conf")
        os.makedirs(os.path.dirname(site))
        with open(site, "w", encoding="utf-8") as f:
            f.write("[limber]\ninterval-min=20min\ntitle=Company break\n")
        self.ctl("reload", check=0)
        settings = self.status()["settings"]
        # The site sets the title; the user's own interval-min wins.
        self.assertEqual(settings["title"], "Company break")
        self.assertEqual(settings["interval-min"], 3600)

    def test_sighup_reloads(self):
        self.write_config(dict(CONFIG, **{"interval-min": "25min"}))
        self.daemon.send_signal(signal.SIGHUP)
        wait_until(lambda: int(self.property("IntervalMin")) == 1500, message="the reload")

    def test_invalid_key_at_start_is_left_out_and_reported(self):
        self.stop_limberd()
        self.write_config(dict(CONFIG, **{"interval-min": "banana", "snooze": "7min"}))
        self.start_limberd()
        status = self.status()
        # The bad key falls back to its default; the good ones are kept.
        self.assertEqual(status["interval_min_seconds"], 1800)
        self.assertEqual(status["settings"]["snooze"], 420)
        self.assertIn(f"{self.config_path}: key 'interval-min'", status["config_error"])
        self.assertIn("'banana' is not a duration", status["config_error"])
        self.assertIn("the key is ignored", status["config_error"])
        self.assertIn("  Config:    ", self.ctl("status", check=0).stdout)
        self.assertIn("'interval-min'", self.daemon_output())

        # Fixed and reloaded: the complaint goes.
        self.write_config(CONFIG)
        self.ctl("reload", check=0)
        self.assertIsNone(self.status()["config_error"])
        self.assertNotIn("Config:", self.ctl("status", check=0).stdout)

    def test_failed_reload_is_reported_until_fixed(self):
        self.write_config(dict(CONFIG, lull="0"))
        self.ctl("reload", check=1)
        error = self.status()["config_error"]
        self.assertIn("key 'lull'", error)
        self.assertIn("the settings in force stay", error)
        self.write_config(CONFIG)
        self.ctl("reload", check=0)
        self.assertIsNone(self.status()["config_error"])

    def test_set_runs_what_the_file_says(self):
        # A file edited by hand to 10min–20min while limberd ran 1h–2h: the
        # next set reads the file back, so limberd runs what it says.
        self.write_config(dict(CONFIG, **{"interval-max": "20min"}))
        self.ctl("set", "interval-min", "10min", check=0)
        status = self.status()
        self.assertEqual(status["interval_min_seconds"], 600)
        self.assertEqual(status["interval_max_seconds"], 1200)
        self.assertIsNone(status["config_error"])

    def test_set_through_symlink_keeps_link(self):
        target = self.path("home", "dotfiles-limber.conf")
        os.rename(self.config_path, target)
        os.symlink(target, self.config_path)
        self.ctl("set", "lull", "3s", check=0)
        self.assertTrue(os.path.islink(self.config_path))
        with open(target, encoding="utf-8") as f:
            self.assertIn("lull=3s\n", f.read())


if __name__ == "__main__":
    limbertest.main()
