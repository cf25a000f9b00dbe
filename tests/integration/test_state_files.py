#!/usr/bin/python3
"""No state file opened blindly: what sits at limberd's state and history
paths, or in place of its state directory, that is not a regular file of
its own (a FIFO, a link to a device, a link to someone else's file, a
dangling link, a linked directory) is refused and said so, never read
without bound, written through or re-moded; and history lines of a kind
this limberd does not know are kept."""

import json
import os
import stat
import time

import dbus
import dbus.mainloop.glib
from gi.repository import GLib

import limbertest
from limbertest import LimberTestCase, wait_until

SLOW = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})


class StateFilesTest(LimberTestCase):
    config = SLOW
    start_daemon = False

    @property
    def state_dir(self):
        return self.path("state", "limber")

    @property
    def state_path(self):
        return os.path.join(self.state_dir, "state")

    @property
    def history_path(self):
        return os.path.join(self.state_dir, "history")

    def make_state_dir(self):
        os.makedirs(self.state_dir, mode=0o700, exist_ok=True)

    def outside(self, name, contents=None):
        """A file of "another program", outside limberd's directory."""
        os.makedirs(self.path("elsewhere"), exist_ok=True)
        target = self.path("elsewhere", name)
        if contents is not None:
            with open(target, "w", encoding="utf-8") as f:
                f.write(contents)
            os.chmod(target, 0o644)
        return target

    def record_a_skip(self):
        """A change that goes into the state and the history, acknowledged
        once limberd tried to save it."""
        self.ctl("break", check=0)
        self.ctl("skip", check=0)

    def test_fifo_at_state_path_is_moved_aside(self):
        self.make_state_dir()
        os.mkfifo(self.state_path, 0o600)
        self.start_limberd()
        # Answers at once: nothing waits for a writer on the FIFO.
        self.assertEqual(self.status()["state"], "active")
        self.assertIn("is a FIFO (named pipe), not a regular file; moved it to",
                      self.daemon_output())
        aside = [n for n in os.listdir(self.state_dir) if n.startswith("state.corrupt-")]
        self.assertEqual(len(aside), 1)
        self.assertTrue(stat.S_ISFIFO(os.lstat(os.path.join(self.state_dir, aside[0])).st_mode))
        # And SIGTERM still stops it, with a fresh state written.
        self.ctl("pause", "5min", check=0)
        self.stop_limberd()
        self.assertTrue(stat.S_ISREG(os.lstat(self.state_path).st_mode))

    def test_link_to_dev_zero_is_not_read(self):
        self.make_state_dir()
        os.symlink("/dev/zero", self.state_path)
        os.symlink("/dev/zero", self.history_path)
        self.start_limberd()
        self.assertEqual(self.status()["state"], "active")
        output = self.daemon_output()
        self.assertIn("is a symbolic link, not a regular file; moved it to", output)
        self.assertIn("history is a symbolic link, not a regular file", output)
        # The history is left as it is, and stats say it cannot be read.
        self.assertEqual(os.readlink(self.history_path), "/dev/zero")
        result = self.ctl("stats")
        self.assertEqual(result.returncode, 1)
        self.assertIn("cannot be read", result.stderr)

    def test_linked_history_is_not_written_through(self):
        self.make_state_dir()
        theirs = "another program's line\nand a partial one"
        target = self.outside("their-file", theirs)
        os.symlink(target, self.history_path)
        self.start_limberd()
        self.record_a_skip()
        status = wait_until(lambda: (s := self.status())["storage_error"] and s,
                            message="a storage error")
        self.assertIn("history is a symbolic link", status["storage_error"])
        self.assertIn("move it away", status["storage_error"])
        with open(target, encoding="utf-8") as f:
            self.assertEqual(f.read(), theirs)
        self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o644)
        self.assertTrue(os.path.islink(self.history_path))
        # Nothing lost: once the link is gone, the skip is written.
        os.unlink(self.history_path)
        self.ctl("pause", "5min", check=0)
        wait_until(lambda: self.status()["storage_error"] is None, message="saving again")
        with open(self.history_path, encoding="utf-8") as f:
            self.assertIn(" skipped ", f.read())

    def test_dangling_history_link_creates_nothing(self):
        self.make_state_dir()
        target = self.outside("never-made")
        os.symlink(target, self.history_path)
        self.start_limberd()
        self.record_a_skip()
        wait_until(lambda: self.status()["storage_error"], message="a storage error")
        self.assertFalse(os.path.lexists(target))

    def test_linked_state_dir_is_refused(self):
        os.makedirs(self.path("elsewhere"), mode=0o755)
        os.symlink(self.path("elsewhere"), self.state_dir)
        self.start_limberd()
        self.record_a_skip()
        status = wait_until(lambda: (s := self.status())["storage_error"] and s,
                            message="a storage error")
        self.assertIn("is a symbolic link, not a directory", status["storage_error"])
        self.stop_limberd()
        self.assertEqual(os.listdir(self.path("elsewhere")), [])
        self.assertEqual(stat.S_IMODE(os.stat(self.path("elsewhere")).st_mode), 0o755)

    def test_state_dir_mode_is_the_persons(self):
        self.make_state_dir()
        os.chmod(self.state_dir, 0o500)
        self.start_limberd()
        self.record_a_skip()
        self.stop_limberd(expect=None)
        mode = stat.S_IMODE(os.stat(self.state_dir).st_mode)
        os.chmod(self.state_dir, 0o700)  # for the clean-up, if not root
        self.assertEqual(mode, 0o500)

    def test_unknown_history_lines_are_kept(self):
        self.make_state_dir()
        now = int(time.time())
        foreign = [f"{now - 86400 * 3} hold-begin 0 call\n",
                   f"{now - 86400 * 2} done 1800 guided\n"]
        with open(self.history_path, "w", encoding="utf-8") as f:
            f.write(f"{now - 86400 * 4} shown 0\n")
            f.write(foreign[0])
            f.write("garbage\n")
            f.write(f"{now - 86400 * 3} done 1200\n")
            f.write(foreign[1])
        self.start_limberd()
        stats = json.loads(self.ctl("stats", "--json", check=0).stdout)
        # The damage was seen and compacted away; the newer limber's lines
        # are no damage, and stay.
        self.assertEqual(stats["damaged_history_lines"], 1)
        self.record_a_skip()
        self.stop_limberd()
        with open(self.history_path, encoding="utf-8") as f:
            lines = f.readlines()
        self.assertNotIn("garbage\n", lines)
        for line in foreign:
            self.assertIn(line, lines)
        self.assertEqual(lines[-1].split()[1], "skipped")



class LargeHistoryTest(LimberTestCase):
    """A long history costs limberd one read as it starts: stats come from
    its per-day summaries, and never keep it from answering."""

    config = SLOW
    start_daemon = False

    def test_stats_never_stall_status(self):
        history = self.path("state", "limber", "history")
        os.makedirs(os.path.dirname(history), mode=0o700)
        now = int(time.time())
        # 200,000 lines over the last 200 days: 1,000 breaks shown a day.
        with open(history, "w", encoding="utf-8") as f:
            f.writelines(f"{now - 200 * 86400 + i * 86} shown 0\n"
                         for i in range(200_000))
        self.start_limberd()
        # Answered only once limberd has started, history read (slowly,
        # under valgrind): the swap below comes after that first read.
        self.status()
        # Were a stats call to read the history again, this FIFO in its
        # place would hold it (and everything after it) for ever.
        os.unlink(history)
        os.mkfifo(history, 0o600)
        dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
        bus = dbus.bus.BusConnection(os.environ["DBUS_SESSION_BUS_ADDRESS"])
        self.addCleanup(bus.close)
        proxy = dbus.Interface(bus.get_object(limbertest.BUS_NAME, limbertest.OBJECT_PATH,
                                              introspect=False),
                               "io.github.limber.Limber1")
        replies = []
        proxy.GetStats(dbus.UInt32(366), reply_handler=lambda *a: replies.append(a[0]),
                       error_handler=replies.append)
        # On its way before status asks: limberd sees it first.
        bus.flush()
        # While that call is in flight (or done): status answers.
        self.assertEqual(self.status()["state"], "active")
        context = GLib.MainContext.default()
        wait_until(lambda: replies or context.iteration(False) and False,
                   message="the stats reply")
        self.assertIsInstance(replies[0], dbus.Array, replies[0])
        self.assertEqual(sum(int(day["shown"]) for day in replies[0]), 200_000)
        self.assertEqual(self.status()["state"], "active")


if __name__ == "__main__":
    limbertest.main()
