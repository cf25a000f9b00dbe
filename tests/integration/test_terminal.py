#!/usr/bin/python3
"""limberd started from a terminal, as a person does: an interactive bash
with job control on a pseudo-terminal. `limberd &` keeps the terminal
quiet (warnings go to the journal where there is one, and `limberctl
status` shows a configuration problem); `limberd --verbose &` and
`limberd` in the foreground print, since the person asked; stderr sent
to a file keeps the warnings there."""

import fcntl
import os
import pty
import re
import select
import signal
import subprocess
import termios
import time

import limbertest
from limbertest import LimberTestCase, has_exited, wait_until

# A mistake in the file: a warning at every start.
CONFIG = dict(limbertest.FAST_CONFIG, **{
    "interval-min": "1h", "interval-max": "2h", "no-such-key": "1"})
WARNING = "ignoring unknown key 'no-such-key'"
PROMPT = "PROMPT> "


class TerminalTest(LimberTestCase):
    config = CONFIG
    start_daemon = False

    def setUp(self):
        super().setUp()
        self.master, slave = pty.openpty()
        env = dict(self.env, PS1=PROMPT, TERM="dumb", HISTFILE="/dev/null")
        env.pop("PROMPT_COMMAND", None)

        def controlling_terminal():
            # A session of its own, with the pty as its terminal: the shell
            # then runs `cmd &` in a background process group.
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.shell = subprocess.Popen(  # pylint: disable=consider-using-with
            ["bash", "--norc", "--noprofile", "-i"], stdin=slave, stdout=slave,
            stderr=slave, env=env, start_new_session=True,
            preexec_fn=controlling_terminal)
        os.close(slave)
        self.output = ""
        self.addCleanup(self.close_shell)
        self.read_until(PROMPT)

    def close_shell(self):
        self.shell.kill()
        self.shell.wait()
        os.close(self.master)

    def read_available(self, timeout=0.0):
        while select.select([self.master], [], [], timeout)[0]:
            try:
                data = os.read(self.master, 4096)
            except OSError:  # the shell is gone
                break
            if not data:
                break
            self.output += data.decode(errors="replace")
            timeout = 0.0
        return self.output

    def read_until(self, text, start=0):
        return wait_until(lambda: text in self.read_available(0.05)[start:],
                          message=f"{text!r} on the terminal")

    def type(self, line):
        start = len(self.output)
        os.write(self.master, line.encode() + b"\n")
        return start

    def start_in_background(self, *args):
        start = self.type(" ".join([limbertest.LIMBERD, *args, "&"]))
        self.read_until(PROMPT, start + 1)
        pid = int(re.search(r"^\[1\] (\d+)", self.output[start:], re.M).group(1))
        self.addCleanup(self.stop, pid)
        wait_until(lambda: self.bus.name_has_owner(limbertest.BUS_NAME),
                   message="limberd on the bus")
        # limberd warns of the file before it owns its name; the status
        # call lets anything else of its start reach the terminal first.
        self.assertIn(WARNING, self.status()["config_error"])
        return start, pid

    def printed_since(self, start):
        """What came on the terminal apart from the shell's own: the
        echoed command line, the job's number and pid, the prompt."""
        lines = (self.read_available(0.2)[start:].replace("\r", "")
                 .replace("^C", "").split("\n"))
        return [line for line in lines[1:]
                if line not in ("", PROMPT) and not re.fullmatch(r"\[1\] \d+", line)]

    @staticmethod
    def stop(pid):
        if not has_exited(pid):
            os.kill(pid, signal.SIGTERM)
            wait_until(lambda: has_exited(pid), message="limberd to stop")

    def test_background_job_is_quiet(self):
        start, pid = self.start_in_background()
        self.ctl("pause", "5min", check=0)
        self.ctl("resume", check=0)
        self.assertEqual(self.printed_since(start), [])
        # The mistake is not lost: status says it.
        self.assertIn(WARNING, self.ctl("status", check=0).stdout)
        self.stop(pid)
        self.assertEqual(self.printed_since(start), [])

    def test_verbose_background_job_prints(self):
        start, pid = self.start_in_background("--verbose")
        self.ctl("pause", "5min", check=0)
        printed = "\n".join(self.printed_since(start))
        self.assertIn(WARNING, printed)
        self.assertIn("owning io.github.limber.Limber1", printed)
        # limberd's own story, not GLib's: GDBus tells at debug level that
        # its authentication "will deadlock if server is GDBus < 2.73.3".
        self.assertNotIn("GLib", printed)
        self.assertNotIn("deadlock", printed)
        self.stop(pid)

    def test_foreground_prints_warnings(self):
        start = self.type(limbertest.LIMBERD)
        self.read_until(WARNING, start)
        wait_until(lambda: self.bus.name_has_owner(limbertest.BUS_NAME),
                   message="limberd on the bus")
        os.write(self.master, b"\x03")  # Ctrl-C
        self.read_until(PROMPT, start + 1)
        self.assertFalse(self.bus.name_has_owner(limbertest.BUS_NAME))
        printed = self.printed_since(start)
        # The warning, and no chatter (no info without --verbose).
        self.assertEqual(len(printed), 1, printed)
        self.assertIn(WARNING, printed[0])

    def test_stderr_to_a_file_keeps_warnings(self):
        log = self.path("limberd.err")
        start = self.type(f"{limbertest.LIMBERD} 2>{log} &")
        self.read_until(PROMPT, start + 1)
        pid = int(re.search(r"^\[1\] (\d+)", self.output[start:], re.M).group(1))
        self.addCleanup(self.stop, pid)
        wait_until(lambda: self.bus.name_has_owner(limbertest.BUS_NAME),
                   message="limberd on the bus")
        self.status()
        with open(log, encoding="utf-8") as f:
            self.assertIn(WARNING, f.read())
        self.assertEqual(self.printed_since(start), [])


if __name__ == "__main__":
    limbertest.main()
