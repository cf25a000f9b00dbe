#!/usr/bin/python3
"""Bad input gets a clear error that names what is wrong, and the daemon
carries on: every bad limberctl argument exits 2 with one line; odd D-Bus
calls get named errors."""

import dbus

import limbertest
from limbertest import LimberTestCase

CONFIG = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})

# (arguments, something the one-line message must say)
BAD_ARGUMENTS = [
    (["frobnicate"], "unknown command 'frobnicate'"),
    (["status", "now"], "unexpected argument 'now'"),
    (["status", "--yaml"], "Unknown option --yaml"),
    (["pause", "banana"], "'banana' is not a duration"),
    (["pause", "5 parsecs"], "unknown unit 'parsecs'"),
    (["pause", "--", "-5min"], "negative"),
    (["pause", "0"], "longer than 0s"),
    (["pause", "40d"], "31d at most"),
    (["pause", "1500ms"], "whole number of seconds"),
    (["pause", "1h", "2h"], "unexpected argument '2h'"),
    (["pause", "1h", "--indefinitely"], "give one of"),
    (["pause", "--until", "25:00"], "'25:00' is not a time of day"),
    (["pause", "--until", "soon"], "is not a time of day"),
    (["pause", "--until"], "Missing argument for --until"),
    (["snooze", "0s"], "longer than 0s"),
    (["snooze", "2d"], "1d at most"),
    (["snooze", ""], "it is empty"),
    (["skip", "now"], "unexpected argument 'now'"),
    (["set"], "missing argument"),
    (["set", "interval-min"], "missing argument"),
    (["set", "interval-min", "banana"], "'banana' is not a duration"),
    (["set", "interval-min", "0"], "between 1s and 1d"),
    (["set", "interval-min", "99999999999999999999"], "too large"),
    (["set", "interval-max", "30min"], "must not be shorter than interval-min"),
    (["set", "intervall", "5min"], "unknown setting 'intervall'"),
    (["set", "title", ""], "title must not be empty"),
    (["set", "routine", "x" * 3000], "at most 2000 are allowed"),
    (["get", "nope"], "unknown setting 'nope'"),
    (["get", "a", "b"], "unexpected argument 'b'"),
    (["reload", "--force"], "Unknown option --force"),
]


class CliErrorsTest(LimberTestCase):
    config = CONFIG

    def test_bad_arguments_exit_2(self):
        for args, expected in BAD_ARGUMENTS:
            with self.subTest(args=args):
                result = self.ctl(*args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertEqual(result.stdout, "")
                lines = result.stderr.splitlines()
                self.assertEqual(len(lines), 1, result.stderr)
                self.assertTrue(lines[0].startswith("limberctl"), lines[0])
                self.assertIn(expected, lines[0])
        # None of it reached or upset the daemon.
        status = self.status()
        self.assertEqual(status["state"], "active")
        self.assertEqual(status["interval_min_seconds"], 3600)

    def test_help_everywhere(self):
        top = self.ctl("--help", check=0).stdout
        for command in ("status", "pause", "resume", "snooze", "skip", "break",
                        "set", "get", "reload", "monitor"):
            self.assertIn(f"  {command}", top)
            result = self.ctl(command, "--help", check=0)
            self.assertIn(f"limberctl {command}", result.stdout)
        self.assertRegex(self.ctl("--version", check=0).stdout, r"^limberctl \d+\.\d+\.\d+\n$")


class DBusErrorsTest(LimberTestCase):
    config = CONFIG

    def call_error(self, method, *args, signature=None):
        proxy = self.limber_proxy()
        with self.assertRaises(dbus.exceptions.DBusException) as caught:
            getattr(proxy, method)(*args, signature=signature)
        return caught.exception

    def test_odd_calls_get_named_errors(self):
        cases = [
            ("Pause", (dbus.UInt64(40 * 86400),), "t", "InvalidArgument", "31d"),
            ("Snooze", (dbus.UInt64(0),), "t", "InvalidArgument", "1s to 1d"),
            ("Snooze", (dbus.UInt64(2**64 - 1),), "t", "InvalidArgument", "1s to 1d"),
            ("Set", ("nope", dbus.UInt64(5)), "sv", "UnknownKey", "interval-min"),
            ("Set", ("interval-min", dbus.Boolean(True)), "sv", "InvalidArgument", "'b'"),
            ("Set", ("interval-min", dbus.Int32(-5)), "sv", "InvalidArgument",
             "must not be negative"),
            ("Set", ("interval-min", dbus.UInt64(0)), "sv", "InvalidArgument", "between"),
            ("Set", ("interval-min", "soon"), "sv", "InvalidArgument", "not a duration"),
            ("Set", ("title", dbus.UInt64(1)), "sv", "InvalidArgument", "text"),
            ("Set", ("routine", dbus.Array(["a"], signature="s")), "sv",
             "InvalidArgument", "'as'"),
            ("Pause", (dbus.UInt64(2**64 - 1),), "t", "InvalidArgument", "31d"),
            ("Set", ("", dbus.UInt64(5)), "sv", "UnknownKey", "interval-min"),
            ("Set", ("interval-max", dbus.UInt64(60)), "sv", "InvalidArgument",
             "must not be shorter than interval-min"),
            ("Set", ("activity-source", "wayland"), "sv", "InvalidArgument",
             "must be one of"),
            ("Set", ("lull", dbus.Double(1.5)), "sv", "InvalidArgument", "'d'"),
            ("GetStats", (dbus.UInt32(0),), "u", "InvalidArgument", "1 to 366 days"),
            ("GetStats", (dbus.UInt32(2**32 - 1),), "u", "InvalidArgument", "1 to 366 days"),
            ("Pause", ("1h",), "s", "org.freedesktop.DBus.Error.InvalidArgs", ""),
            ("Skip", (dbus.UInt64(1),), "t", "org.freedesktop.DBus.Error.InvalidArgs", ""),
            ("BreakNow", ("now",), "s", "org.freedesktop.DBus.Error.InvalidArgs", ""),
            ("GetStats", (dbus.Int64(-1),), "x", "org.freedesktop.DBus.Error.InvalidArgs", ""),
            ("Reload", (dbus.Boolean(True),), "b", "org.freedesktop.DBus.Error.InvalidArgs", ""),
        ]
        for method, args, signature, name, message in cases:
            with self.subTest(method=method, args=args):
                error = self.call_error(method, *args, signature=signature)
                if "." not in name:
                    name = f"io.github.limber.Limber1.Error.{name}"
                self.assertEqual(error.get_dbus_name(), name)
                self.assertIn(message, error.get_dbus_message())
        # Still there, unchanged.
        self.assertEqual(int(self.property("IntervalMin")), 3600)
        self.assertEqual(str(self.property("State")), "active")

    def test_set_accepts_seconds_and_spans(self):
        proxy = self.limber_proxy()
        proxy.Set("interval-min", dbus.UInt64(1800), signature="sv")
        self.assertEqual(int(self.property("IntervalMin")), 1800)
        proxy.Set("interval-min", "40min", signature="sv")
        self.assertEqual(int(self.property("IntervalMin")), 2400)
        proxy.Set("lull", dbus.UInt32(3), signature="sv")
        self.assertEqual(self.status()["settings"]["lull"], 3)

    def test_pause_zero_means_until_resumed(self):
        self.limber_proxy().Pause(dbus.UInt64(0))
        self.assertEqual(int(self.property("PausedUntil")), 2**64 - 1)
        self.limber_proxy().Resume()
        self.assertEqual(int(self.property("PausedUntil")), 0)

    def test_introspection_documents_interface(self):
        obj = self.bus.get_object(limbertest.BUS_NAME, limbertest.OBJECT_PATH)
        xml = obj.Introspect(dbus_interface="org.freedesktop.DBus.Introspectable")
        for member in ("Pause", "Resume", "Snooze", "Skip", "BreakNow", "Set", "Reload",
                       "BreakStarted", "BreakEnded", "Version", "State", "NextBreak",
                       "PausedUntil", "WorkedSeconds", "IntervalMin", "IntervalMax",
                       "BreaksTaken", "ActivitySource", "Settings"):
            self.assertIn(f'name="{member}"', xml)


if __name__ == "__main__":
    limbertest.main()
