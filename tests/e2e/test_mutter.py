#!/usr/bin/python3
"""Real GNOME: headless Mutter on the test's private session bus. limberd's
Mutter source against the real IdleMonitor (idle by waiting; back through
ResetIdletime or through input injected with RemoteDesktop), and the
stand-in used by the integration tests held to the same behaviour."""

import os
import subprocess
import time

import dbus
import dbus.mainloop.glib
from gi.repository import GLib

import limbertest
from limbertest import LimberTestCase, wait_until

IDLE_MONITOR = ("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core")
IDLE_IFACE = "org.gnome.Mutter.IdleMonitor"

CONFIG = dict(limbertest.FAST_CONFIG, **{
    "interval-min": "1h", "interval-max": "2h", "lull": "1s",
})


def start_mutter(test):
    """Headless Mutter (Wayland, a virtual monitor), as GNOME's own tests
    run it; it owns the IdleMonitor within a fraction of a second."""
    runtime = test.path("mutter-runtime")
    os.makedirs(runtime, mode=0o700)
    env = dict(test.env, XDG_RUNTIME_DIR=runtime, GSETTINGS_BACKEND="memory",
               NO_AT_BRIDGE="1", MUTTER_DEBUG_RESET_IDLETIME="1")
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    log = open(test.path("mutter.log"), "w", encoding="utf-8")  # pylint: disable=consider-using-with
    mutter = subprocess.Popen(  # pylint: disable=consider-using-with
        ["mutter", "--headless", "--wayland", "--no-x11", "--virtual-monitor", "1280x800"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    wait_until(lambda: test.bus.name_has_owner(IDLE_MONITOR[0]), timeout=30,
               message="Mutter's IdleMonitor")

    def stop():
        if mutter.poll() is None:
            mutter.terminate()
            mutter.wait(timeout=30)

    test.addCleanup(stop)
    return stop


def idle_monitor(bus):
    return dbus.Interface(bus.get_object(*IDLE_MONITOR), IDLE_IFACE)


class RealMutterTest(LimberTestCase):
    config = CONFIG
    start_daemon = False

    def setUp(self):
        super().setUp()
        start_mutter(self)
        self.monitor = idle_monitor(self.bus)
        self.start_limberd()
        self.wait_for_source("mutter")

    def test_idle_by_waiting_back_by_reset(self):
        # Nobody touches a headless compositor: idle once the lull passes.
        self.wait_for_state("idle")
        worked_before = self.status()["worked_seconds"]
        # Three seconds of "typing": a keystroke every 0.3s.
        started = time.monotonic()
        while time.monotonic() - started < 3.0:
            self.monitor.ResetIdletime()
            time.sleep(0.3)
        active = time.monotonic() - started
        self.assertEqual(self.status()["state"], "active")
        self.wait_for_state("idle")
        worked = self.status()["worked_seconds"] - worked_before
        self.assertAlmostEqual(worked, active, delta=limbertest.slack(1.5))

    def test_injected_input_brings_the_user_back(self):
        self.wait_for_state("idle")
        remote = dbus.Interface(
            self.bus.get_object("org.gnome.Mutter.RemoteDesktop",
                                "/org/gnome/Mutter/RemoteDesktop"),
            "org.gnome.Mutter.RemoteDesktop")
        # One connection throughout: the session dies with its creator.
        session_path = remote.CreateSession()
        session = dbus.Interface(
            self.bus.get_object("org.gnome.Mutter.RemoteDesktop", session_path),
            "org.gnome.Mutter.RemoteDesktop.Session")
        session.Start()
        try:
            session.NotifyPointerMotionRelative(dbus.Double(10), dbus.Double(10))
            self.wait_for_state("active")
        finally:
            session.Stop()
        self.wait_for_state("idle")


def watch_sequence(bus, monitor, go_idle, user_input):
    """What an IdleMonitor does with a fixed sequence of calls: the kinds of
    the watches that fire, in order. @go_idle makes the user idle (for
    longer than 0.5s); @user_input is one keystroke."""
    fired = []
    watches = {}
    loop = GLib.MainLoop()

    def on_fired(watch_id):
        fired.append(watches.get(int(watch_id), "unknown"))

    def run_for(seconds):
        GLib.timeout_add(int(seconds * 1000), loop.quit)
        loop.run()

    receiver = bus.add_signal_receiver(on_fired, "WatchFired", IDLE_IFACE)
    try:
        go_idle()
        run_for(0.7)
        watches[int(monitor.AddIdleWatch(dbus.UInt64(500)))] = "idle"    # fires at once
        run_for(0.3)
        watches[int(monitor.AddUserActiveWatch())] = "active"
        user_input()                                                      # active fires
        run_for(0.9)                                                      # idle again
        user_input()                                                      # active is gone
        run_for(0.3)
    finally:
        receiver.remove()
    return fired


class MockMatchesMutterTest(LimberTestCase):
    """The integration tests' IdleMonitor stand-in does what real Mutter
    does with the same calls."""

    start_daemon = False
    start_notification_server = False

    def test_same_watch_sequence(self):
        dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
        bus = dbus.bus.BusConnection(os.environ["DBUS_SESSION_BUS_ADDRESS"])

        stop_mutter = start_mutter(self)
        real = idle_monitor(bus)
        real_sequence = watch_sequence(bus, real, lambda: None, real.ResetIdletime)
        stop_mutter()
        wait_until(lambda: not bus.name_has_owner(IDLE_MONITOR[0]), message="Mutter to go")

        # The stand-in, on the same bus, driven the same way.
        self.start_mutter()
        mock = idle_monitor(bus)
        mock_sequence = watch_sequence(bus, mock, self.mutter.StopTyping, mock.ResetIdletime)

        self.assertEqual(real_sequence, ["idle", "active", "idle"])
        self.assertEqual(mock_sequence, real_sequence)


if __name__ == "__main__":
    limbertest.main()
