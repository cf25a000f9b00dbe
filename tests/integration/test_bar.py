#!/usr/bin/python3
"""limberctl monitor --format waybar|text against the real limberd: each
line fits its format's documented schema (waybar's custom module with
"return-type": "json"; a plain line for i3blocks' and polybar's tail
mode), a line comes on every change, and none while nothing changes."""

import json
import os
import select
import signal
import subprocess
import time

import limbertest
from limbertest import LimberTestCase

SLOW = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})
# waybar's custom module reads these members (man waybar-custom, "return-type").
WAYBAR_MEMBERS = {"text": str, "tooltip": str, "class": str, "alt": str,
                  "percentage": int}


class Lines:
    """A child's stdout, a line at a time, with a deadline."""

    def __init__(self, process):
        self.process = process
        self.buffer = b""

    def next(self, timeout=10.0):
        deadline = time.monotonic() + timeout * limbertest.SLOWDOWN
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.process.stdout], [], [], left)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 4096)
                if not chunk:
                    return None
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8")


class BarTest(LimberTestCase):
    start_daemon = False
    config = SLOW

    def monitor(self, fmt):
        process = subprocess.Popen(  # pylint: disable=consider-using-with
            [limbertest.LIMBERCTL, "monitor", "--format", fmt],
            env=self.env, stdout=subprocess.PIPE)
        self.addCleanup(self.stop_monitor, process)
        return Lines(process)

    def stop_monitor(self, process):
        process.send_signal(signal.SIGTERM)
        self.assertEqual(process.wait(timeout=10), 0)

    def waybar(self, lines):
        """The next line, checked against waybar's schema."""
        line = lines.next()
        self.assertIsNotNone(line, "no line from monitor --format waybar")
        obj = json.loads(line)
        self.assertEqual(set(obj), set(WAYBAR_MEMBERS), line)
        for member, kind in WAYBAR_MEMBERS.items():
            self.assertIsInstance(obj[member], kind, line)
        self.assertTrue(0 <= obj["percentage"] <= 100, line)
        self.assertTrue(obj["text"] and "\n" not in obj["text"], line)
        self.assertEqual(obj["class"], obj["alt"])
        return obj

    def text(self, lines):
        line = lines.next()
        self.assertIsNotNone(line, "no line from monitor --format text")
        self.assertTrue(line.strip(), "an empty line")
        self.assertFalse(line.startswith("{"), line)
        self.assertTrue(all(c >= " " for c in line), repr(line))
        return line

    def test_waybar_follows_limberd(self):
        lines = self.monitor("waybar")
        self.assertEqual(self.waybar(lines)["class"], "stopped")
        self.start_limberd()
        now = self.waybar(lines)
        self.assertEqual(now["class"], "active")
        self.assertEqual(now["text"], "break in 1h")
        self.assertIn("Today: 0 taken", now["tooltip"])
        self.ctl("pause", "--indefinitely", check=0)
        self.assertEqual(self.waybar(lines)["text"], "paused")
        self.ctl("resume", check=0)
        self.assertEqual(self.waybar(lines)["class"], "active")
        self.ctl("break", check=0)
        shown = self.waybar(lines)
        self.assertEqual((shown["class"], shown["text"], shown["percentage"]),
                         ("break", "break now", 100))
        self.ctl("skip", check=0)
        after = self.waybar(lines)
        self.assertEqual(after["class"], "active")
        self.assertIn("1 skipped", after["tooltip"])
        self.stop_limberd()
        self.assertEqual(self.waybar(lines)["class"], "stopped")

    def test_text_follows_limberd(self):
        self.start_limberd()
        lines = self.monitor("text")
        self.assertEqual(self.text(lines), "break in 1h")
        self.ctl("pause", "1h", check=0)
        self.assertRegex(self.text(lines), r"^paused until \d\d:\d\d$")
        self.ctl("break", check=0)
        self.assertEqual(self.text(lines), "break now")
        self.stop_limberd()
        self.assertEqual(self.text(lines), "off")

    def test_quiet_while_nothing_changes(self):
        """No polling: an hour from the break, the line stands until the
        minute changes, and a call that changes nothing shown prints
        nothing."""
        self.start_limberd()
        lines = self.monitor("text")
        self.assertEqual(self.text(lines), "break in 1h")
        self.ctl("set", "lull", "3s", check=0)
        self.assertIsNone(lines.next(timeout=3.0))

    def test_bad_format_is_a_usage_error(self):
        result = self.ctl("monitor", "--format", "xml")
        self.assertEqual(result.returncode, 2)
        self.assertIn("use waybar or text", result.stderr)


if __name__ == "__main__":
    limbertest.main()
