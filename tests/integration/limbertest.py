"""Test fixture: the real limberd and limberctl on a private session bus,
with python-dbusmock's notification_daemon template as the notification
server.

Each test runs in its own process (one meson test per case), on its own
bus, with its own config, state and runtime directories. Time is real but
seconds-scale: the config gives limberd intervals of a few seconds, and the
tests wait for conditions with a deadline instead of sleeping fixed
amounts.
"""

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import dbus
import dbusmock

BUS_NAME = "io.github.limber.Limber1"
LOGIN_NAME = "org.freedesktop.login1"
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
OBJECT_PATH = "/io/github/limber/Limber1"
NOTIFY_IFACE = "org.freedesktop.Notifications"

LIMBERD = os.environ.get("LIMBERD", "limberd")
LIMBERCTL = os.environ.get("LIMBERCTL", "limberctl")
# A command to run limberd under, such as valgrind (see tests/meson.build).
WRAPPER = shlex.split(os.environ.get("LIMBER_TEST_WRAPPER", ""))
# Slow runs (valgrind) stretch every deadline by this factor.
SLOWDOWN = float(os.environ.get("LIMBER_TEST_SLOWDOWN", "1"))

# The dirs a process may write to unasked, each test-owned (see setUpClass).
HOME_DIRS = {
    "HOME": "home",
    "XDG_CONFIG_HOME": "config",
    "XDG_STATE_HOME": "state",
    "XDG_DATA_HOME": "data",
    "XDG_CACHE_HOME": "cache",
    "XDG_RUNTIME_DIR": "runtime",
}

FAST_CONFIG = {
    "interval-min": "2s",
    "interval-max": "4s",
    "snooze": "2s",
    "natural-break": "5min",
    "lull": "1s",
    "break-length": "1min",
    "pause-default": "1h",
}


def slack(seconds):
    """A tolerance on times limberd measures against the test's clock: each
    event reaches it late by up to a moment, which valgrind stretches."""
    return seconds * SLOWDOWN


def has_exited(pid):
    """Whether @pid is gone or a zombie: not ours to reap when it forked
    away from us, as dbus-daemon --fork does."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (FileNotFoundError, ProcessLookupError):
        return True


def wait_until(predicate, timeout=10.0, message="condition"):
    """Polls @predicate until it returns something true, and returns that.
    The deadline is generous; a fast machine returns as soon as it holds."""
    deadline = time.monotonic() + timeout * SLOWDOWN
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {message}")
        time.sleep(0.05)


class LimberTestCase(dbusmock.DBusTestCase):
    """Starts a bus per test process and, per test, a notification server
    and limberd. Subclasses adjust `config` and `capabilities`."""

    config = FAST_CONFIG
    capabilities = "body actions persistence"
    start_daemon = True
    start_notification_server = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Tests never touch a real home. Every process started from here on
        # inherits this environment: the buses, and through them whatever
        # they activate, the mock servers, Xvfb. Each test then gives what
        # it starts its own dirs (setUp), and tells the bus to pass them on.
        cls.class_tmp = tempfile.mkdtemp(prefix="limber-test-class-")
        cls.saved_environ = {name: os.environ.get(name) for name in HOME_DIRS}
        for name, subdir in HOME_DIRS.items():
            os.makedirs(os.path.join(cls.class_tmp, subdir), mode=0o700)
            os.environ[name] = os.path.join(cls.class_tmp, subdir)
        # A system bus too, empty unless a test puts logind on it, so that
        # limberd never sees the machine's own.
        cls.start_system_bus()
        cls.start_session_bus()
        cls.bus = cls.get_dbus()
        cls.system_bus = cls.get_dbus(system_bus=True)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        for name, value in cls.saved_environ.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if not os.environ.get("LIMBER_TEST_KEEP"):
            shutil.rmtree(cls.class_tmp, ignore_errors=True)

    @classmethod
    def stop_dbus(cls, pid):
        """dbusmock's own waits for the bus to be reaped, 0.1 s at a time,
        which is seconds where init reaps lazily; a zombie bus is done."""
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            wait_until(lambda: has_exited(pid), 5.0, f"bus {pid} to exit")
        except AssertionError:
            os.kill(pid, signal.SIGKILL)
            raise

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="limber-test-")
        self.env = dict(os.environ)
        os.makedirs(self.path("site"), mode=0o700)
        for name, subdir in HOME_DIRS.items():
            os.makedirs(self.path(subdir), mode=0o700)
            self.env[name] = self.path(subdir)
        self.env.update(
            {
                "XDG_CONFIG_DIRS": self.path("site"),
                "LC_ALL": "C.UTF-8",
                "G_DEBUG": "fatal-criticals",
            }
        )
        # What the session bus activates (limberd through its .service
        # file) gets the bus's environment: this test's dirs, not the class's.
        self.bus.get_object("org.freedesktop.DBus", "/org/freedesktop/DBus").UpdateActivationEnvironment(
            {name: self.env[name] for name in HOME_DIRS},
            dbus_interface="org.freedesktop.DBus")
        # limberd must not find a notify socket or journal of the machine.
        for name in ("NOTIFY_SOCKET", "JOURNAL_STREAM", "WATCHDOG_USEC",
                     "WATCHDOG_PID", "DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
            self.env.pop(name, None)
        self.write_config(self.config)

        self.notifications = None
        self.notification_server = None
        if self.start_notification_server:
            self.start_notifications()
        self.daemon = None
        self.daemon_log = None
        if self.start_daemon:
            self.start_limberd()

    def tearDown(self):
        # A limberd that fails to stop fails this test only: the server and
        # the directory go whatever happens, so later tests in the same
        # process start clean.
        try:
            if self.daemon is not None and self.daemon.poll() is None:
                self.stop_limberd()
        finally:
            if self.notification_server is not None:
                self.notification_server.terminate()
                self.notification_server.wait()
            if not os.environ.get("LIMBER_TEST_KEEP"):
                shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    # Configuration

    @property
    def config_path(self):
        return self.path("config", "limber", "limber.conf")

    def write_config(self, settings, header="# written by the test\n"):
        os.makedirs(os.path.dirname(self.config_path), exist_ok=True)
        with open(self.config_path, "w", encoding="utf-8") as f:
            f.write(header + "[limber]\n")
            for key, value in settings.items():
                f.write(f"{key}={value}\n")

    # The notification server

    def start_notifications(self, capabilities=None):
        caps = capabilities or self.capabilities
        self.notifications_log = self.path(f"notifications-{time.monotonic_ns()}.log")
        with open(self.notifications_log, "w", encoding="utf-8") as log:
            self.notification_server, self.notifications = self.spawn_server_template(
                "notification_daemon", {"capabilities": caps}, stdout=log
            )
        self.notifications_mock = dbus.Interface(self.notifications, dbusmock.MOCK_IFACE)

    def call_times(self, method):
        """When the server received each call of @method, to the millisecond:
        from the mock's log, since GetMethodCalls() keeps whole seconds."""
        pattern = re.compile(rf"^(\d+\.\d+) {method}\b")
        with open(self.notifications_log, encoding="utf-8", errors="replace") as f:
            return [float(m.group(1)) for m in map(pattern.match, f) if m]

    def notify_calls(self):
        """The Notify calls limberd made, as dicts."""
        calls = []
        # In this order: the mock logs a call before it records it.
        recorded = self.notifications_mock.GetMethodCalls("Notify")
        times = self.call_times("Notify")
        for index, (_, args) in enumerate(recorded):
            calls.append(
                {
                    "time": times[index],
                    "app_name": str(args[0]),
                    "replaces_id": int(args[1]),
                    "app_icon": str(args[2]),
                    "summary": str(args[3]),
                    "body": str(args[4]),
                    "actions": [str(a) for a in args[5]],
                    "hints": {str(k): v for k, v in args[6].items()},
                    "timeout": int(args[7]),
                }
            )
        return calls

    def close_calls(self):
        recorded = self.notifications_mock.GetMethodCalls("CloseNotification")
        times = self.call_times("CloseNotification")
        return [(times[index], int(args[0])) for index, (_, args) in enumerate(recorded)]

    def wait_for_popups(self, count=1, timeout=10.0):
        return wait_until(
            lambda: len(self.notify_calls()) >= count and self.notify_calls(),
            timeout,
            f"{count} pop-up(s)",
        )

    def notification_id(self, index=-1):
        """The id the server gave the pop-up: the replaces_id of an update,
        or the mock's counter (1, 2, …) for a new one."""
        calls = self.notify_calls()
        new = [c for c in calls if c["replaces_id"] == 0]
        return len(new) if index == -1 else index + 1

    def action_key(self, label):
        """The key of the action labelled @label in the latest pop-up: Done
        is the default action itself on servers that may draw it as a
        button (one Done, never two)."""
        actions = self.notify_calls()[-1]["actions"]
        keys = [key for key, shown in zip(actions[::2], actions[1::2]) if shown == label]
        self.assertEqual(len(keys), 1, f"one action labelled {label!r} in {actions}")
        return keys[0]

    def take_break(self):
        """Answers the break pop-up as a person who takes the break: Start,
        then Stop at the first step (the break counts as taken, stopped)."""
        self.invoke_action(self.action_key("Start"))
        wait_until(lambda: "Stop" in self.notify_calls()[-1]["actions"],
                   message="the routine's first step")
        self.invoke_action(self.action_key("Stop"))

    def invoke_action(self, action, notification_id=None):
        nid = notification_id or self.notification_id()
        self.notifications_mock.EmitSignal(
            NOTIFY_IFACE, "ActionInvoked", "us", [dbus.UInt32(nid), action]
        )

    def close_by_user(self, notification_id=None):
        nid = notification_id or self.notification_id()
        self.notifications_mock.EmitSignal(
            NOTIFY_IFACE, "NotificationClosed", "uu", [dbus.UInt32(nid), dbus.UInt32(2)]
        )

    # The desktop's activity sources

    def start_logind(self, display=True):
        """python-dbusmock's logind with this user's graphical session c1.
        With @display, the user's Display points at it, as logind does for
        a graphical session; that is how limberd finds it here."""
        self.logind_server, self.logind = self.spawn_server_template(
            "logind", {}, stdout=subprocess.DEVNULL, system_bus=True)
        mock = dbus.Interface(self.logind, dbusmock.MOCK_IFACE)
        # The template's GetUser adds a string and a number, and fails.
        mock.AddMethod("org.freedesktop.login1.Manager", "GetUser", "u", "o",
                       'ret = "/org/freedesktop/login1/user/%d" % args[0]')
        session_path = mock.AddSession("c1", "seat0", dbus.UInt32(os.getuid()),
                                       "tester", True)
        self.session = self.system_bus.get_object(LOGIN_NAME, session_path)
        if display:
            user = self.system_bus.get_object(LOGIN_NAME, f"/org/freedesktop/login1/user/{os.getuid()}")
            user.Set("org.freedesktop.login1.User", "Display",
                     dbus.Struct(("c1", dbus.ObjectPath(session_path)), signature="so"),
                     dbus_interface=dbus.PROPERTIES_IFACE)
        self.addCleanup(self.stop_server, self.logind_server)

    def session_properties(self, **properties):
        """Changes this session's properties, as logind would."""
        dbus.Interface(self.session, dbusmock.MOCK_IFACE).UpdateProperties(
            "org.freedesktop.login1.Session", properties)

    def set_idle_hint(self, idle, since_seconds_ago=0.0):
        since = int((time.clock_gettime(time.CLOCK_MONOTONIC) - since_seconds_ago) * 1e6)
        self.session_properties(IdleHint=dbus.Boolean(idle),
                                IdleSinceHintMonotonic=dbus.UInt64(since if idle else 0))

    def prepare_for_sleep(self, start):
        dbus.Interface(self.logind, dbusmock.MOCK_IFACE).EmitSignal(
            "org.freedesktop.login1.Manager", "PrepareForSleep", "b", [dbus.Boolean(start)])

    def start_mutter(self):
        """A stand-in for Mutter's IdleMonitor that behaves as the real one
        (templates/mutter_idle_monitor.py)."""
        self.mutter_server, obj = self.spawn_server_template(
            os.path.join(TEMPLATES, "mutter_idle_monitor.py"), {}, stdout=subprocess.DEVNULL)
        self.mutter = dbus.Interface(obj, dbusmock.MOCK_IFACE)
        self.addCleanup(self.stop_server, self.mutter_server)

    def start_screensaver(self):
        self.screensaver_server, obj = self.spawn_server_template(
            os.path.join(TEMPLATES, "screensaver.py"), {}, stdout=subprocess.DEVNULL)
        self.screensaver = dbus.Interface(obj, dbusmock.MOCK_IFACE)
        self.addCleanup(self.stop_server, self.screensaver_server)

    @staticmethod
    def stop_server(server):
        if server.poll() is None:
            server.terminate()
            server.wait()

    def wait_for_source(self, name, timeout=10.0):
        return wait_until(lambda: (s := self.status())["activity_source"] == name and s,
                          timeout, f"activity source {name}")

    # limberd

    def start_limberd(self, *args, env=None, wait=True):
        log_path = self.path(f"limberd-{int(time.monotonic() * 1000)}.log")
        self.daemon_log = log_path
        log = open(log_path, "w", encoding="utf-8")  # pylint: disable=consider-using-with
        self.daemon_started_at = time.time()
        self.daemon = subprocess.Popen(  # pylint: disable=consider-using-with
            WRAPPER + [LIMBERD, "--verbose", *args],
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        if wait:
            self.wait_for_limberd()
        return self.daemon

    def wait_for_limberd(self, timeout=15.0):
        def owned():
            if self.daemon.poll() is not None:
                raise AssertionError(
                    f"limberd exited with {self.daemon.returncode}:\n{self.daemon_output()}"
                )
            return self.bus.name_has_owner(BUS_NAME)

        wait_until(owned, timeout, "limberd to own its bus name")

    def stop_limberd(self, sig=signal.SIGTERM, expect=0):
        self.daemon.send_signal(sig)
        try:
            code = self.daemon.wait(timeout=20 * SLOWDOWN)
        except subprocess.TimeoutExpired:
            self.daemon.kill()
            self.daemon.wait()
            raise
        if expect is not None:
            self.assertEqual(
                code, expect, f"limberd exit status; its output:\n{self.daemon_output()}"
            )
        return code

    def daemon_output(self):
        if not self.daemon_log or not os.path.exists(self.daemon_log):
            return ""
        with open(self.daemon_log, encoding="utf-8", errors="replace") as f:
            return f.read()

    def limber_proxy(self):
        return dbus.Interface(
            self.bus.get_object(BUS_NAME, OBJECT_PATH), "io.github.limber.Limber1"
        )

    def property(self, name):
        obj = self.bus.get_object(BUS_NAME, OBJECT_PATH)
        return obj.Get("io.github.limber.Limber1", name, dbus_interface=dbus.PROPERTIES_IFACE)

    # limberctl

    def ctl(self, *args, check=None, timeout=30):
        result = subprocess.run(
            [LIMBERCTL, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout * SLOWDOWN,
            check=False,
        )
        if check is not None and result.returncode != check:
            raise AssertionError(
                f"limberctl {' '.join(args)} exited {result.returncode}, not {check}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}\n"
                f"limberd:\n{self.daemon_output()}"
            )
        return result

    def status(self):
        return json.loads(self.ctl("status", "--json", check=0).stdout)

    def wait_for_state(self, state, timeout=10.0):
        return wait_until(
            lambda: (s := self.status())["state"] == state and s, timeout, f"state {state}"
        )


def main():
    unittest.main(testRunner=unittest.TextTestRunner(stream=sys.stdout, verbosity=2))
