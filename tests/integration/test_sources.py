#!/usr/bin/python3
"""Activity sources on private buses: python-dbusmock's logind on a private
system bus, stand-ins for Mutter's IdleMonitor and for
org.freedesktop.ScreenSaver that behave as the real ones (templates/), and
the real limberd switching between them. Each test checks what limberd then
reports through `limberctl status --json`, and whether a pop-up comes."""

import json
import os
import subprocess
import time

import dbus

import limbertest
from limbertest import LimberTestCase, wait_until

# Breaks far off unless a test says otherwise; a one-second lull.
QUIET = dict(limbertest.FAST_CONFIG, **{
    "interval-min": "1h", "interval-max": "2h", "lull": "1s",
    "natural-break": "3s", "break-length": "2s",
})


def worked(status):
    return status["worked_seconds"]


class Clock:
    """Measures the active time of a scenario as the test lives it."""

    def __init__(self):
        self.active = 0.0
        self.since = None

    def start(self):
        self.since = time.monotonic()

    def stop(self):
        self.active += time.monotonic() - self.since
        self.since = None

    def total(self):
        extra = time.monotonic() - self.since if self.since is not None else 0.0
        return self.active + extra


class LogindTest(LimberTestCase):
    config = QUIET
    start_daemon = False

    def setUp(self):
        super().setUp()
        self.start_logind()
        self.start_limberd()
        self.wait_for_source("logind")

    def test_finds_session_and_follows_lock(self):
        clock = Clock()
        clock.start()
        time.sleep(1.0)
        # Locked: not work, and shown as idle.
        self.session.SetLockedHint(True, dbus_interface="org.freedesktop.login1.Session")
        clock.stop()
        self.wait_for_state("idle")
        time.sleep(1.0)
        self.session.SetLockedHint(False, dbus_interface="org.freedesktop.login1.Session")
        clock.start()
        self.wait_for_state("active")
        time.sleep(0.5)
        status = self.status()
        self.assertAlmostEqual(worked(status), clock.total(), delta=limbertest.slack(1.2))
        # One second locked is not a break.
        self.assertEqual(status["today"]["natural"], 0)

    def test_idle_text_agrees_with_json_after_a_snooze(self):
        self.ctl("snooze", "10min", check=0)
        self.session.SetLockedHint(True, dbus_interface="org.freedesktop.login1.Session")
        status = self.wait_for_state("idle")
        text = self.ctl("status", check=0).stdout.splitlines()[0]
        left = status["next_break_in_seconds"]
        # The interval (1h) and the snooze, not the interval alone.
        self.assertGreater(left, 3600 + 590)
        # (The two are read a moment apart: a second either way.)
        self.assertRegex(text, r"^Idle: 1h (9min \d+s|10min) of work until the next break\.$")

    def test_long_lock_is_a_natural_break(self):
        log = self.path("monitor.log")
        with open(log, "w", encoding="utf-8") as out:
            monitor = subprocess.Popen(  # pylint: disable=consider-using-with
                [limbertest.LIMBERCTL, "monitor"], env=self.env, stdout=out)
        self.addCleanup(monitor.wait)
        self.addCleanup(monitor.terminate)

        def seen_lines():
            with open(log, encoding="utf-8") as f:
                return f.read()
        time.sleep(1.2)
        self.session.Lock(dbus_interface="org.freedesktop.login1.Session")
        self.wait_for_state("idle")
        # natural-break is 3s: counted while still locked.
        status = wait_until(lambda: (s := self.status())["today"]["natural"] == 1 and s,
                            message="a natural break")
        self.assertEqual(worked(status), 0)
        self.session.Unlock(dbus_interface="org.freedesktop.login1.Session")
        self.wait_for_state("active")
        # monitor said so (its "state active" comes after).
        wait_until(lambda: seen_lines().count("state active") >= 2, message="monitor")
        self.assertRegex(seen_lines(), r"\n\S+ break-recorded natural \(you were away: "
                                       r"the interval starts over\)\n")

    def test_sleep_is_not_work_and_no_stale_break(self):
        time.sleep(1.0)
        self.prepare_for_sleep(True)
        self.wait_for_state("idle")
        before = worked(self.status())
        # Breaks every few seconds, set while asleep so that a slow machine
        # cannot work into one first; then asleep past interval-max: no
        # work counted, no pop-up, then a natural break on resume, and the
        # interval starts over.
        self.ctl("set", "interval-min", "2s", check=0)
        self.ctl("set", "interval-max", "3s", check=0)
        time.sleep(3.5)
        self.assertEqual(worked(self.status()), before)
        self.assertEqual(self.notify_calls(), [])
        self.prepare_for_sleep(False)
        status = wait_until(lambda: (s := self.status())["today"]["natural"] == 1 and s,
                            message="the sleep to count as a break")
        self.assertLess(worked(status), 1)
        self.assertEqual(status["state"], "active")
        self.assertEqual(self.notify_calls(), [])

    def test_idle_hint_takes_back_the_idle_time(self):
        clock = Clock()
        clock.start()
        time.sleep(2.0)
        # The desktop says: idle for the last second.
        self.set_idle_hint(True, since_seconds_ago=1.0)
        clock.stop()
        clock.active -= 1.0
        self.wait_for_state("idle")
        self.set_idle_hint(False)
        clock.start()
        self.wait_for_state("active")
        self.assertAlmostEqual(worked(self.status()), clock.total(), delta=limbertest.slack(1.2))

    def test_logind_vanishing_falls_back_to_wall_time(self):
        self.session.SetLockedHint(True, dbus_interface="org.freedesktop.login1.Session")
        self.wait_for_state("idle")
        self.stop_server(self.logind_server)
        # What logind said no longer holds: counting goes on, on wall time.
        self.wait_for_source("none")
        self.assertEqual(self.status()["state"], "active")


class SessionLookupTest(LimberTestCase):
    """Without sd-login or the user's Display, logind's GetSession("auto")
    finds nothing here (the mock answers a path that does not exist), so
    limberd follows sleep only, looks again for a while, and says so."""

    config = QUIET
    start_daemon = False

    def test_sleep_only_without_a_session(self):
        self.start_logind(display=False)
        self.start_limberd()
        self.wait_for_source("logind")
        self.prepare_for_sleep(True)
        self.wait_for_state("idle")
        self.prepare_for_sleep(False)
        self.wait_for_state("active")
        wait_until(lambda: "no session found" in self.daemon_output(), timeout=20,
                   message="limberd to give up on the session")

    def test_session_registered_late_is_found(self):
        self.start_logind(display=False)
        self.start_limberd()
        self.wait_for_source("logind")
        # The desktop finishes logging in: the user's Display appears.
        user = self.system_bus.get_object(limbertest.LOGIN_NAME,
                                          f"/org/freedesktop/login1/user/{os.getuid()}")
        user.Set("org.freedesktop.login1.User", "Display",
                 dbus.Struct(("c1", dbus.ObjectPath(self.session.object_path)),
                             signature="so"),
                 dbus_interface=dbus.PROPERTIES_IFACE)
        wait_until(lambda: "following session" in self.daemon_output(), timeout=20,
                   message="limberd to find the session")
        self.session.SetLockedHint(True, dbus_interface="org.freedesktop.login1.Session")
        self.wait_for_state("idle")


class MutterTest(LimberTestCase):
    config = QUIET
    start_daemon = False

    def setUp(self):
        super().setUp()
        self.start_logind()
        self.start_mutter()
        self.mutter.StartTyping()
        self.start_limberd()
        self.wait_for_source("mutter+logind")

    def test_worked_time_is_active_time(self):
        clock = Clock()
        clock.start()
        time.sleep(2.0)
        self.mutter.StopTyping()
        clock.stop()
        # Idle once the lull (1s) has passed; the second before it is taken
        # back too.
        self.wait_for_state("idle")
        time.sleep(1.5)
        self.mutter.StartTyping()
        clock.start()
        self.wait_for_state("active")
        time.sleep(1.5)
        self.assertAlmostEqual(worked(self.status()), clock.total(), delta=limbertest.slack(1.2))
        # Short idle blips are not breaks.
        self.assertEqual(self.status()["today"]["natural"], 0)

    def test_break_waits_for_a_lull(self):
        self.ctl("set", "interval-min", "2s", check=0)
        self.ctl("set", "interval-max", "30s", check=0)
        self.wait_for_state("due", timeout=10)
        time.sleep(1.0)
        # Still typing: nothing on screen.
        self.assertEqual(self.notify_calls(), [])
        stopped = time.time()
        self.mutter.StopTyping()
        popup = self.wait_for_popups()[0]
        # Shown at the lull, not before it, and not urgent.
        self.assertGreaterEqual(popup["time"] - stopped, 0.9)
        self.assertEqual(popup["hints"]["urgency"], 1)

    def test_window_end_fires_critical_while_typing(self):
        self.ctl("set", "interval-min", "1s", check=0)
        self.ctl("set", "interval-max", "3s", check=0)
        popup = self.wait_for_popups()[0]
        self.assertEqual(popup["hints"]["urgency"], 2)
        self.assertEqual(self.status()["state"], "overdue")

    def test_stepping_away_from_the_popup_counts_as_done(self):
        self.mutter.StopTyping()
        self.wait_for_state("idle")
        self.mutter.StartTyping()
        self.ctl("break", check=0)
        self.wait_for_popups()
        self.mutter.StopTyping()
        # Away for break-length (2s) after the pop-up: done, and withdrawn.
        status = wait_until(lambda: (s := self.status())["today"]["taken"] == 1 and s,
                            message="the break to count as done")
        self.assertEqual(self.close_calls()[0][1], self.notification_id())
        self.assertEqual(status["today"]["natural"], 0)

    def test_absurd_idle_time_is_clamped(self):
        # A monitor that answers nonsense (ms far past what µs in 64 bits
        # hold) must not overflow (UBSan) nor read as activity: it is idle.
        for claimed in (2**64 - 1, 2**63 - 1, 2**62, 10**16):
            with self.subTest(claimed=claimed):
                self.mutter.ClaimIdletime(dbus.UInt64(claimed))
                self.mutter.StopTyping()
                self.wait_for_state("idle")
                self.mutter.StartTyping()
                self.wait_for_state("active")
        self.assertIsNone(self.daemon.poll(), self.daemon_output())
        self.assertNotIn("runtime error", self.daemon_output())

    def test_lock_still_comes_from_logind(self):
        self.session.SetLockedHint(True, dbus_interface="org.freedesktop.login1.Session")
        self.wait_for_state("idle")
        self.session.SetLockedHint(False, dbus_interface="org.freedesktop.login1.Session")
        self.wait_for_state("active")

    def test_watches_follow_the_lull_setting(self):
        self.ctl("set", "lull", "2s", check=0)
        # The old idle watch is removed and a new one added: still one idle
        # watch (the user is typing, so no active watch is pending).
        wait_until(lambda: self.mutter.CountWatches() == 1, message="one idle watch")
        self.mutter.StopTyping()
        stopped = time.monotonic()
        self.wait_for_state("idle")
        self.assertGreaterEqual(time.monotonic() - stopped, 1.9)


class StartupTest(LimberTestCase):
    """The first status after limberd starts: the source it will use, or
    that it is still choosing, never wall time while the desktop's
    services are still answering."""

    config = QUIET
    start_daemon = False

    def statuses_until(self, source):
        """Every status from the moment limberd answers until it names
        @source, asked as fast as limberctl can."""
        seen = []
        deadline = time.monotonic() + 15 * limbertest.SLOWDOWN
        while time.monotonic() < deadline:
            result = self.ctl("status", "--json")
            if result.returncode == 3:  # not on the bus yet
                continue
            self.assertEqual(result.returncode, 0, result.stderr)
            seen.append(json.loads(result.stdout)["activity_source"])
            if seen[-1] == source:
                return seen
        raise AssertionError(f"never {source}: {seen}")

    def test_first_status_names_the_source_or_choosing(self):
        self.start_logind()
        self.start_mutter()
        self.mutter.StartTyping()
        self.start_limberd(wait=False)
        seen = self.statuses_until("mutter+logind")
        self.assertLessEqual(set(seen), {"choosing", "mutter+logind"}, seen)
        text = self.ctl("status", check=0).stdout
        self.assertIn("Activity:  mutter+logind\n", text)

    def test_choosing_while_a_service_does_not_answer_yet(self):
        # The IdleMonitor's name is owned, but nothing answers on it yet
        # (as while GNOME Shell starts): limberd asks again, and says so.
        server = self.spawn_server("org.gnome.Mutter.IdleMonitor",
                                   "/org/gnome/Mutter/IdleMonitor/Core",
                                   "org.gnome.Mutter.IdleMonitor",
                                   stdout=subprocess.DEVNULL)
        self.addCleanup(self.stop_server, server)
        self.start_limberd()
        wait_until(lambda: "IdleMonitor AddIdleWatch" in self.daemon_output(),
                   message="limberd to ask the IdleMonitor")
        self.assertEqual(self.status()["activity_source"], "choosing")
        self.assertIn("Activity:  choosing… (the desktop's services are answering)\n",
                      self.ctl("status", check=0).stdout)
        monitor = dbus.Interface(
            self.bus.get_object("org.gnome.Mutter.IdleMonitor",
                                "/org/gnome/Mutter/IdleMonitor/Core"),
            "org.freedesktop.DBus.Mock")
        monitor.AddMethod("org.gnome.Mutter.IdleMonitor", "AddIdleWatch", "t", "u",
                          "ret = 1")
        self.wait_for_source("mutter")

    def test_choosing_ends_without_any_source(self):
        self.start_limberd(wait=False)
        seen = self.statuses_until("none")
        self.assertLessEqual(set(seen), {"choosing", "none"}, seen)


class ScreenSaverTest(LimberTestCase):
    config = QUIET
    start_daemon = False

    def setUp(self):
        super().setUp()
        self.start_screensaver()
        self.start_limberd()
        self.wait_for_source("screensaver")

    def idle_queries(self):
        return len(self.screensaver.GetMethodCalls("GetSessionIdleTime"))

    def test_active_screensaver_is_not_work(self):
        clock = Clock()
        clock.start()
        time.sleep(1.0)
        self.screensaver.SetActive(True)
        clock.stop()
        self.wait_for_state("idle")
        time.sleep(1.0)
        self.screensaver.SetActive(False)
        clock.start()
        self.wait_for_state("active")
        self.assertAlmostEqual(worked(self.status()), clock.total(), delta=limbertest.slack(1.2))

    def test_idle_time_asked_only_while_a_break_waits(self):
        time.sleep(1.5)
        # Nothing due: never asked.
        self.assertEqual(self.idle_queries(), 0)
        self.ctl("set", "interval-min", "2s", check=0)
        self.ctl("set", "interval-max", "30s", check=0)
        self.wait_for_state("due")
        wait_until(self.idle_queries, message="a query for the idle time")
        time.sleep(1.5)
        # Typing (idle time 0): asked again about once per lull (1s).
        self.assertLessEqual(self.idle_queries(), 4)
        self.assertEqual(self.notify_calls(), [])
        self.screensaver.SetIdleTime(3)
        self.wait_for_popups()
        asked = self.idle_queries()
        self.take_break()
        self.wait_for_state("active")
        time.sleep(1.5)
        # Once the break is over, no more questions.
        self.assertEqual(self.idle_queries(), asked)


class SwitchingTest(LimberTestCase):
    config = QUIET
    start_daemon = False

    def test_source_follows_bus_names(self):
        self.start_logind()
        self.start_limberd()
        self.wait_for_source("logind")
        self.start_mutter()
        self.wait_for_source("mutter+logind")
        self.start_screensaver()
        # Mutter stays first.
        time.sleep(0.3)
        self.assertEqual(self.status()["activity_source"], "mutter+logind")
        self.stop_server(self.mutter_server)
        self.wait_for_source("screensaver+logind")
        self.stop_server(self.screensaver_server)
        self.wait_for_source("logind")
        self.stop_server(self.logind_server)
        self.wait_for_source("none")

    def test_sources_come_back(self):
        """Each source that goes away and returns is followed again, with
        watches and subscriptions made anew on the new owner."""
        self.start_logind()
        self.start_mutter()
        self.mutter.StartTyping()
        self.start_limberd()
        self.wait_for_source("mutter+logind")
        self.stop_server(self.mutter_server)
        self.stop_server(self.logind_server)
        self.wait_for_source("none")

        self.start_logind()
        self.wait_for_source("logind")
        self.session.SetLockedHint(True, dbus_interface="org.freedesktop.login1.Session")
        self.wait_for_state("idle")
        self.session.SetLockedHint(False, dbus_interface="org.freedesktop.login1.Session")
        self.wait_for_state("active")

        self.start_mutter()
        self.mutter.StartTyping()
        self.wait_for_source("mutter+logind")
        # The new IdleMonitor's idle watch is limberd's: stopping typing
        # there is idle here.
        self.mutter.StopTyping()
        self.wait_for_state("idle")
        self.mutter.StartTyping()
        self.wait_for_state("active")

    def test_forced_source(self):
        self.start_logind()
        self.start_mutter()
        self.start_limberd()
        self.wait_for_source("mutter+logind")
        self.ctl("set", "activity-source", "logind", check=0)
        self.wait_for_source("logind")
        self.ctl("set", "activity-source", "none", check=0)
        self.wait_for_source("none")
        self.assertEqual(self.ctl("set", "activity-source", "kde").returncode, 2)
        self.ctl("set", "activity-source", "auto", check=0)
        self.wait_for_source("mutter+logind")


if __name__ == "__main__":
    limbertest.main()
