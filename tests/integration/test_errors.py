#!/usr/bin/python3
"""Bad input gets a clear error that names what is wrong, and the daemon
carries on: every bad limberctl argument exits 2 with one line; odd D-Bus
calls get named errors."""

import os
import queue
import signal
import subprocess
import threading
import time

import dbus

import limbertest
from limbertest import LimberTestCase

CONFIG = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})

# (arguments, something the one-line message must say)
BAD_ARGUMENTS = [
    (["frobnicate"], "unknown command 'frobnicate'"),
    (["status", "now"], "unexpected argument 'now': status takes no arguments"),
    (["status", "--yaml"], "Unknown option --yaml"),
    (["pause", "banana"], "'banana' is not a duration"),
    (["pause", "5 parsecs"], "unknown unit 'parsecs'"),
    (["pause", "--", "-5min"], "negative"),
    # Not "Unknown option -5min": a negative duration, said so.
    (["pause", "-5min"], "'-5min' is not a duration: durations cannot be negative"),
    (["pause", "--indefinitely", "-1h"], "durations cannot be negative"),
    (["snooze", "-1"], "'-1' is not a duration: durations cannot be negative"),
    (["pause", "0"], "longer than 0s"),
    # A bare number is not seconds (it would pause for 30 s): say the fix.
    (["pause", "30"], "'30' is not a duration: 30 has no unit; did you mean 30min?"),
    (["snooze", "5"], "did you mean 5min?"),
    (["set", "interval-min", "40"], "did you mean 40min?"),
    (["pause", "40d"], "31d at most"),
    (["pause", "1500ms"], "whole number of seconds"),
    # The words of a DURATION join into one.
    (["pause", "1h", "x"], "'1h x' is not a duration"),
    (["pause", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
     "unexpected argument '9': pause takes at most 8 arguments"),
    (["pause", "1h", "--indefinitely"], "give one of"),
    (["pause", "--until", "25:00"], "'25:00' is not a time of day"),
    (["pause", "--until", "soon"], "is not a time of day"),
    (["pause", "--until"], "Missing argument for --until"),
    (["pause", "--until", "15:00", "--until", "16:00"], "give --until once"),
    (["snooze", "0s"], "longer than 0s"),
    (["snooze", "2d"], "1d at most"),
    (["snooze", ""], "it is empty"),
    (["skip", "now"], "unexpected argument 'now'"),
    (["set"], "missing KEY and VALUE"),
    (["set", "interval-min"], "missing VALUE"),
    (["set", "title", "a", "b"], "unexpected argument 'b': set takes 2 arguments, KEY VALUE"),
    # After KEY, a dash starts the value, which limberd then refuses.
    (["set", "interval-min", "-5min"], "'-5min' is not a duration: it is negative"),
    (["set", "interval-min", "banana"], "'banana' is not a duration"),
    (["set", "interval-min", "0"], "between 1s and 1d"),
    (["set", "interval-min", "99999999999999999999"], "too large"),
    (["set", "interval-max", "30min"], "must not be shorter than interval-min"),
    (["set", "intervall", "5min"], "unknown setting 'intervall'"),
    (["set", "title", ""], "title must not be empty"),
    (["set", "routine", "x" * 3000], "at most 2000 are allowed"),
    (["get", "nope"], "unknown setting 'nope'"),
    (["get", "a", "b"], "unexpected argument 'b': get takes at most 1 argument"),
    (["stats", "--days", "abc"], "--days takes a whole number from 1 to 366"),
    (["stats", "--days", "99999999999"], "--days takes a whole number from 1 to 366"),
    (["stats", "--days", "0"], "--days takes a whole number from 1 to 366"),
    (["stats", "--days", "-3"], "--days takes a whole number from 1 to 366"),
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

    def test_values_may_begin_with_a_dash(self):
        # Options end at KEY: "-hello" is the title, not -h and more.
        self.assertEqual(self.ctl("set", "title", "-hello", check=0).stdout,
                         "title = -hello\n")
        self.assertEqual(self.ctl("get", "title", check=0).stdout, "-hello\n")
        # A "--" before KEY ends the options; after KEY it is the value.
        self.ctl("set", "--", "title", "--", check=0)
        self.assertEqual(self.ctl("get", "title", check=0).stdout, "--\n")
        # Options before KEY still work, as do pause's anywhere.
        self.assertIn("KEY VALUE", self.ctl("set", "--help", check=0).stdout)
        soon = time.strftime("%H:%M", time.localtime(time.time() + 2 * 3600))
        self.assertIn("Paused for", self.ctl("pause", "--until", soon, check=0).stdout)
        self.assertEqual(self.status()["state"], "paused")

    def test_control_characters_are_shown_not_sent(self):
        # An escape sequence in the title must not retitle the terminal or
        # clear it: every control character is shown as text instead.
        raw = "A\x1b]0;pwned\x07\x1b[2J\rB\x01\u009b\tC\u202eD"
        shown = "A^[]0;pwned^G^[[2J^MB^A<U+009B>\tC<U+202E>D"
        self.assertEqual(self.ctl("set", "title", raw, check=0).stdout,
                         f"title = {shown}\n")
        self.assertEqual(self.ctl("get", "title", check=0).stdout, f"{shown}\n")
        # The listing keeps a setting to a line: tabs and breaks as \t, \n.
        listed = shown.replace("\t", "\\t")
        self.assertIn(f"title           = {listed}\n", self.ctl("get", check=0).stdout)
        # JSON keeps the text itself, escaped as JSON.
        self.assertEqual(self.status()["settings"]["title"], raw)

        # A routine's line breaks still show as lines in "get routine".
        self.ctl("set", "routine", "one\ntwo\x1b[2J", check=0)
        self.assertEqual(self.ctl("get", "routine", check=0).stdout,
                         "one\ntwo^[[2J\n")

        # The config file's text, quoted in errors: reload and status.
        self.write_config(dict(CONFIG, **{"interval-min": "\x1b[2Jbanana"}))
        result = self.ctl("reload", check=1)
        self.assertIn("'^[[2Jbanana' is not a duration", result.stderr)
        config_line = [line for line in self.ctl("status", check=0).stdout.splitlines()
                       if line.startswith("  Config:")]
        self.assertEqual(len(config_line), 1)
        self.assertIn("^[[2Jbanana", config_line[0])
        for output in (result.stderr, config_line[0]):
            self.assertNotIn("\x1b", output)


class MonitorTest(LimberTestCase):
    """limberctl monitor when limberd, or the bus itself, goes away."""

    config = CONFIG

    def start_monitor(self):
        monitor = subprocess.Popen(  # pylint: disable=consider-using-with
            [limbertest.LIMBERCTL, "monitor"], env=self.env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        lines = queue.Queue()

        def read():
            for line in monitor.stdout:
                lines.put(line)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()

        def stop():
            if monitor.poll() is None:
                monitor.kill()
            monitor.wait()
            reader.join(timeout=5)
            monitor.stdout.close()
            monitor.stderr.close()

        self.addCleanup(stop)
        return monitor, lines

    @staticmethod
    def next_line(lines):
        return lines.get(timeout=10 * limbertest.SLOWDOWN)

    def test_follows_limberd_when_it_comes_back(self):
        monitor, lines = self.start_monitor()
        self.assertRegex(self.next_line(lines), r"^\d\d:\d\d:\d\d limberd :\d+\.\d+\n$")
        self.assertRegex(self.next_line(lines), r"^\S+ state active\n$")
        self.stop_limberd()
        self.assertRegex(self.next_line(lines),
                         r"^\S+ limberd gone \(waiting for it to start again\)\n$")
        self.start_limberd()
        self.assertRegex(self.next_line(lines), r"^\S+ limberd :\d+\.\d+\n$")
        self.assertIsNone(monitor.poll())
        monitor.send_signal(signal.SIGINT)
        self.assertEqual(monitor.wait(timeout=10 * limbertest.SLOWDOWN), 0)
        self.assertEqual(monitor.stderr.read(), "")

    def test_exits_3_when_the_bus_goes(self):
        # limberd settled first, as in test_lifecycle's bus test.
        self.ctl("pause", "1h", check=0)
        monitor, lines = self.start_monitor()
        self.assertRegex(self.next_line(lines), r"^\S+ limberd :\d+\.\d+\n$")
        self.assertRegex(self.next_line(lines), r"^\S+ state paused\n$")
        os.kill(self.session_bus_pid, signal.SIGTERM)
        self.assertEqual(monitor.wait(timeout=20 * limbertest.SLOWDOWN), 3)
        self.assertEqual(monitor.stderr.read().splitlines(),
                         ["limberctl monitor: lost the connection to the session bus"])
        # A bus shutting down may drop limberd before monitor, which can
        # then see limberd go first; nothing else may come.
        while not lines.empty():
            self.assertRegex(lines.get_nowait(), r" limberd gone ")
        # limberd loses the bus too, and exits 1 (test_lifecycle checks why).
        self.assertEqual(self.daemon.wait(timeout=20 * limbertest.SLOWDOWN), 1,
                         self.daemon_output())


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
            ("Set", ("activity-source", "kwin"), "sv", "InvalidArgument",
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

    def test_errors_show_control_characters(self):
        # What the caller sent comes back quoted in the error: shown, not
        # as raw ESC bytes a terminal or a log viewer would act on.
        cases = [
            ("\x1b[2Jbanana", "'^[[2Jbanana' is not a duration"),
            ("\u202ebanana\nnext", "'<U+202E>banana^Jnext' is not a duration"),
            ("\u009b2Jbanana", "'<U+009B>2Jbanana' is not a duration"),
        ]
        for value, shown in cases:
            with self.subTest(value=value):
                message = self.call_error("Set", "interval-min", value,
                                          signature="sv").get_dbus_message()
                self.assertIn(shown, message)
                for raw in ("\x1b", "\u202e", "\u009b", "\n"):
                    self.assertNotIn(raw, message)
        message = self.call_error("Set", "no\x1bkey", dbus.UInt64(5),
                                  signature="sv").get_dbus_message()
        self.assertIn("no^[key", message)
        self.assertNotIn("\x1b", message)

    def test_a_newline_forges_no_log_line(self):
        # limberd logs each setting it is given: the value is one line of
        # the log, whatever it holds.
        forged = "limberd-WARNING **: 12:00:00.000: forged"
        self.limber_proxy().Set("title", f"Break\n{forged}\x1b[2J\u202e",
                                signature="sv")
        limbertest.wait_until(lambda: "title set to" in self.daemon_output(),
                              message="the setting in the log")
        lines = self.daemon_output().splitlines()
        self.assertEqual([l for l in lines if l.startswith(forged)], [])
        logged = [l for l in lines if "title set to" in l]
        self.assertEqual(len(logged), 1, lines)
        self.assertIn(f"title set to Break^J{forged}^[[2J<U+202E>", logged[0])
        self.assertNotIn("\x1b", self.daemon_output())

    def test_set_accepts_seconds_and_spans(self):
        proxy = self.limber_proxy()
        proxy.Set("interval-min", dbus.UInt64(1800), signature="sv")
        self.assertEqual(int(self.property("IntervalMin")), 1800)
        proxy.Set("interval-min", "40min", signature="sv")
        self.assertEqual(int(self.property("IntervalMin")), 2400)
        proxy.Set("lull", dbus.UInt32(3), signature="sv")
        self.assertEqual(self.status()["settings"]["lull"], 3)

    def test_set_refuses_a_bare_number(self):
        # As text, "40" would have been 40 s: pop-ups every 40 seconds.
        with self.assertRaises(dbus.exceptions.DBusException) as caught:
            self.limber_proxy().Set("interval-min", "40", signature="sv")
        self.assertEqual(caught.exception.get_dbus_name(),
                         "io.github.limber.Limber1.Error.InvalidArgument")
        self.assertIn("did you mean 40min?", caught.exception.get_dbus_message())
        self.assertEqual(int(self.property("IntervalMin")), 3600)
        # A typed number is seconds, as the interface documents.
        self.limber_proxy().Set("interval-min", dbus.UInt64(40), signature="sv")
        self.assertEqual(int(self.property("IntervalMin")), 40)

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
