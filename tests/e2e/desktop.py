"""What the end-to-end tests against real notification servers share:
screens to draw on (Xvfb, headless GNOME Shell, headless sway), screenshots
and what can be read from them (where the pop-up is, its words, its close
button), a pointer, and a monitor of the test bus that sees what limberd
sent. Each server starts once per test class; each test gets its own
limberd (LimberTestCase)."""

import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import namedtuple

import dbus
from gi.repository import Gio, GLib

from limbertest import wait_until, SLOWDOWN

ARTIFACTS = os.environ.get("LIMBER_ARTIFACTS", os.path.join(os.getcwd(), "e2e-artifacts"))
NOTIFICATIONS = ("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
NOTIFY_IFACE = "org.freedesktop.Notifications"


class Box(namedtuple("Box", "x y w h")):
    """A rectangle on the screen, in pixels."""

    @property
    def center(self):
        return (self.x + self.w // 2, self.y + self.h // 2)

    @property
    def right(self):
        return self.x + self.w

    @property
    def bottom(self):
        return self.y + self.h

    def geometry(self):
        return f"{self.w}x{self.h}+{self.x}+{self.y}"


Word = namedtuple("Word", "text box")


def keep_artifact(path, name):
    """Copies a screenshot to the build's e2e-artifacts/ as @name."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    target = os.path.join(ARTIFACTS, name)
    shutil.copyfile(path, target)
    return target


def _magick(*args):
    return subprocess.run(["convert", *args], capture_output=True, text=True,
                          check=True).stdout.strip()


def _crop(path, region):
    return [path, "-crop", region.geometry(), "+repage"] if region else [path]


def changed_pixels(blank, shot, region=None):
    """How many pixels of @region differ between two screenshots (a little
    fuzz for antialiasing)."""
    result = subprocess.run(
        ["compare", "-metric", "AE", "-fuzz", "8%",
         *(["-extract", region.geometry()] if region else []), blank, shot, "null:"],
        capture_output=True, text=True, check=False)
    return int(float(result.stderr.split()[0]))


def changed_box(blank, shot, region=None):
    """The bounding box of what @shot draws over @blank (inside @region), or
    None: where the pop-up is, found from the pixels alone."""
    crop_a, crop_b = _crop(blank, region), _crop(shot, region)
    # The largest difference of the three channels (grey on blue differs
    # little in brightness); below a sixth of full scale are shadows and
    # antialiasing.
    out = _magick("(", *crop_a, ")", "(", *crop_b, ")", "-compose", "difference",
                  "-composite", "-separate", "-evaluate-sequence", "max",
                  "-threshold", "16%", "-format", "%@", "info:")
    match = re.match(r"(\d+)x(\d+)\+(-?\d+)\+(-?\d+)", out)
    if not match:
        return None
    w, h, x, y = map(int, match.groups())
    if w <= 1 and h <= 1:
        return None
    dx, dy = (region.x, region.y) if region else (0, 0)
    return Box(x + dx, y + dy, w, h)


def corner_mark(shot, box, size=56, inset=5):
    """The box of what is drawn in the top-right corner of the pop-up @box,
    where servers put their close button: the pixels there that differ from
    the pop-up's own background, sampled just left of that corner."""
    corner = Box(box.right - size - inset, box.y + inset, size, size)
    background = _magick(shot, "-format", f"%[pixel:p{{{corner.x - 4},{corner.y + 2}}}]",
                         "info:")
    out = _magick(shot, "-crop", corner.geometry(), "+repage",
                  "(", "+clone", "-fill", background, "-colorize", "100", ")",
                  "-compose", "difference", "-composite", "-colorspace", "Gray",
                  "-threshold", "20%", "-format", "%@", "info:")
    match = re.match(r"(\d+)x(\d+)\+(\d+)\+(\d+)", out)
    if not match:
        return None
    w, h, x, y = map(int, match.groups())
    return Box(corner.x + x, corner.y + y, w, h)


def words(shot, region=None):
    """The words on @shot (inside @region) with their boxes in screen
    pixels, read by tesseract from a 3x enlargement, dark text on light."""
    scale = 3
    if region:
        # A margin, so that no letter at the edge is cut.
        x, y = max(region.x - 6, 0), max(region.y - 6, 0)
        region = Box(x, y, region.right + 6 - x, region.bottom + 6 - y)
    with tempfile.TemporaryDirectory(prefix="limber-ocr-") as tmp:
        gray = os.path.join(tmp, "gray.png")
        _magick(*_crop(shot, region), "-colorspace", "Gray", gray)
        mean = float(_magick(gray, "-format", "%[fx:mean]", "info:"))
        big = os.path.join(tmp, "big.png")
        _magick(gray, *(["-negate"] if mean < 0.5 else []), "-resize", f"{scale * 100}%",
                big)
        # --psm 11: sparse text, as on a pop-up with buttons.
        tsv = subprocess.run(["tesseract", big, "-", "--psm", "11", "tsv"],
                             capture_output=True, text=True, check=True).stdout
    dx, dy = (region.x, region.y) if region else (0, 0)
    found = []
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12 or not cols[11].strip():
            continue
        left, top, width, height = (int(c) // scale for c in cols[6:10])
        found.append(Word(cols[11].strip(), Box(left + dx, top + dy, width, height)))
    return found


def text_of(found):
    return " ".join(w.text for w in found)


def find_word(found, text):
    """The words that read @text, punctuation aside."""
    return [w for w in found if w.text.strip(".,:;!?") == text]


class BusMonitor:
    """Sees every message on the test's session bus (a monitor connection,
    as dbus-monitor is), and keeps what concerns notifications: what
    limberd asked of the server, what the server answered and signalled."""

    def __init__(self, address):
        self.lock = threading.Lock()
        self.calls = {}     # (sender, serial) → call dict, in arrival order
        self.replies = {}   # (destination, reply serial) → body
        self.signals = []   # (member, args)
        self.monitoring = False
        self.conn = Gio.DBusConnection.new_for_address_sync(
            address,
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION,
            None, None)
        # Runs on GDBus's worker thread: no main loop needed.
        self.conn.add_filter(self._filter)
        self.conn.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                            "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                            GLib.Variant("(asu)", ([], 0)), None,
                            Gio.DBusCallFlags.NONE, -1, None)

    def close(self):
        if not self.conn.is_closed():
            self.conn.close_sync(None)

    def _filter(self, conn, message, _incoming):
        kind = message.get_message_type()
        if not self.monitoring:
            # Ours until BecomeMonitor's answer, which is the last.
            if (kind == Gio.DBusMessageType.METHOD_RETURN
                    and message.get_destination() == conn.get_unique_name()):
                self.monitoring = True
            return message
        body = message.get_body()
        args = body.unpack() if body is not None else ()
        with self.lock:
            if kind == Gio.DBusMessageType.METHOD_CALL and message.get_interface() == NOTIFY_IFACE:
                self.calls[(message.get_sender(), message.get_serial())] = {
                    "member": message.get_member(), "args": args, "time": time.monotonic()}
            elif kind in (Gio.DBusMessageType.METHOD_RETURN, Gio.DBusMessageType.ERROR):
                key = (message.get_destination(), message.get_reply_serial())
                if key in self.calls:
                    self.replies[key] = args
            elif kind == Gio.DBusMessageType.SIGNAL and message.get_interface() == NOTIFY_IFACE:
                self.signals.append((message.get_member(), args))
        # Taken here: GDBus would answer the calls it sees with errors, and
        # a monitor that sends anything is disconnected.
        return None

    def notifies(self, app_name="limber"):
        """limberd's Notify calls, with the id each got."""
        found = []
        with self.lock:
            for key, call in self.calls.items():
                if call["member"] != "Notify" or call["args"][0] != app_name:
                    continue
                a = call["args"]
                reply = self.replies.get(key)
                found.append({
                    "app_name": a[0], "replaces_id": a[1], "app_icon": a[2],
                    "summary": a[3], "body": a[4], "actions": list(a[5]),
                    "hints": dict(a[6]), "timeout": a[7], "time": call["time"],
                    "id": reply[0] if reply else None})
        return found

    def withdrawals(self):
        """The ids limberd asked the server to take down: closed, or (where
        closing leaves the bubble up) replaced by a transient update that
        expires at once."""
        with self.lock:
            return [c["args"][0] for c in self.calls.values()
                    if c["member"] == "CloseNotification"] + [
                        c["args"][1] for c in self.calls.values()
                        if c["member"] == "Notify" and c["args"][1]
                        and c["args"][6].get("transient") and c["args"][7] == 1]

    def closed(self, nid):
        """The reasons the server gave for closing @nid."""
        with self.lock:
            return [a[1] for m, a in self.signals if m == "NotificationClosed" and a[0] == nid]

    def wait_for_notify(self, count=1):
        return wait_until(lambda: (n := [c for c in self.notifies() if c["id"]])
                          and len(n) >= count and n, message=f"{count} Notify answered")


def action_labels(actions):
    """A Notify's actions as a list of (key, label)."""
    return list(zip(actions[::2], actions[1::2]))


# Screens


def run(env, *command, check=True):
    return subprocess.run(command, env=env, capture_output=True, text=True, check=check).stdout


class X11Screen:
    """Xvfb on a display it picks itself (-displayfd), and optionally a
    compositing manager for servers that draw with transparency."""

    def __init__(self, env, width=800, height=600, composite=False):
        self.env = dict(env)
        self.size = (width, height)
        self.processes = []
        read_end, write_end = os.pipe()
        self.processes.append(subprocess.Popen(  # pylint: disable=consider-using-with
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0",
             f"{width}x{height}x24", "-nolisten", "tcp"],
            pass_fds=[write_end], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        os.close(write_end)
        with os.fdopen(read_end) as f:
            display = f.readline().strip()
        if not display:
            raise AssertionError("Xvfb gave no display number")
        self.env["DISPLAY"] = f":{display}"
        # GTK servers: no accessibility bus to look for.
        self.env["NO_AT_BRIDGE"] = "1"
        if composite:
            self.spawn("xcompmgr")

    def spawn(self, *command, log=subprocess.DEVNULL):
        process = subprocess.Popen(  # pylint: disable=consider-using-with
            command, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=10)

    def screenshot(self, path):
        run(self.env, "import", "-window", "root", path)
        return path

    def click(self, x, y):
        run(self.env, "xdotool", "mousemove", str(x), str(y), "click", "1")
        # Out of the way again, so that nothing stays hovered.
        run(self.env, "xdotool", "mousemove", str(self.size[0] - 1), str(self.size[1] - 1))


class GnomeShell:
    """GNOME Shell 43, headless, on the test's buses: a virtual 1280x800
    monitor, screenshots through org.gnome.Shell.Screenshot, and a pointer
    and keyboard through org.gnome.Mutter.RemoteDesktop."""

    SIZE = (1280, 800)
    # Where banners come down, below the top bar (whose clock changes).
    BANNERS = Box(300, 34, 680, 330)
    BTN_LEFT = 0x110
    ESCAPE = 0xff1b

    def __init__(self, test_cls, log_path):
        self.test_cls = test_cls
        bus = test_cls.bus
        test_cls.enable_service("org.gnome.Shell.Notifications")
        runtime = tempfile.mkdtemp(prefix="limber-gnome-", dir=test_cls.class_tmp)
        data = os.environ["XDG_DATA_HOME"]
        # The "Screen Lock disabled" banner (no GDM here) comes once per user.
        os.makedirs(os.path.join(data, "gnome-shell"), exist_ok=True)
        open(os.path.join(data, "gnome-shell", "lock-warning-shown"), "w",  # pylint: disable=consider-using-with
             encoding="utf-8").close()
        env = dict(os.environ, XDG_RUNTIME_DIR=runtime, GSETTINGS_BACKEND="memory",
                   NO_AT_BRIDGE="1", MUTTER_DEBUG_RESET_IDLETIME="1")
        for name in ("DISPLAY", "WAYLAND_DISPLAY"):
            env.pop(name, None)
        with open(log_path, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(  # pylint: disable=consider-using-with
                ["gnome-shell", "--headless", "--wayland", "--no-x11",
                 "--virtual-monitor", f"{self.SIZE[0]}x{self.SIZE[1]}"],
                env=env, stdout=log, stderr=subprocess.STDOUT)
        names = ("org.gnome.Shell.Screenshot", NOTIFICATIONS[0],
                 "org.gnome.Mutter.IdleMonitor", "org.gnome.Mutter.RemoteDesktop")
        wait_until(lambda: all(bus.name_has_owner(name) for name in names), timeout=60,
                   message="GNOME Shell on the bus")
        # The screenshot service answers only a connection that owns
        # org.gnome.Screenshot.
        self.shot_bus = dbus.bus.BusConnection(os.environ["DBUS_SESSION_BUS_ADDRESS"])
        self.shot_bus.request_name("org.gnome.Screenshot")
        self.shooter = dbus.Interface(
            self.shot_bus.get_object("org.gnome.Shell.Screenshot", "/org/gnome/Shell/Screenshot"),
            "org.gnome.Shell.Screenshot")
        self.idle_monitor = dbus.Interface(
            bus.get_object("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core"),
            "org.gnome.Mutter.IdleMonitor")
        # Input on one connection for the whole class: the session ends
        # with the connection that made it.
        remote = dbus.Interface(
            bus.get_object("org.gnome.Mutter.RemoteDesktop", "/org/gnome/Mutter/RemoteDesktop"),
            "org.gnome.Mutter.RemoteDesktop")
        self.input = dbus.Interface(
            bus.get_object("org.gnome.Mutter.RemoteDesktop", remote.CreateSession()),
            "org.gnome.Mutter.RemoteDesktop.Session")
        self.input.Start()
        self.pointer = None
        self.park_pointer()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            # 43.9 may crash (rc 139) once its loop has ended: harmless.
            self.process.wait(timeout=30)
        self.shot_bus.close()

    def screenshot(self, path):
        ok, _ = self.shooter.Screenshot(False, False, path)
        if not ok:
            raise AssertionError("GNOME Shell took no screenshot")
        return path

    def key(self, keysym):
        self.input.NotifyKeyboardKeysym(dbus.UInt32(keysym), True)
        self.input.NotifyKeyboardKeysym(dbus.UInt32(keysym), False)

    def user_active(self):
        """A keystroke's worth of activity, without a keystroke."""
        self.idle_monitor.ResetIdletime()

    def park_pointer(self):
        """The pointer in the bottom-right corner (not a hot corner): from
        there every move is known, as relative motion stops at the edge."""
        self.input.NotifyPointerMotionRelative(dbus.Double(10000), dbus.Double(10000))
        self.pointer = (self.SIZE[0] - 1, self.SIZE[1] - 1)

    def move_to(self, x, y):
        dx, dy = x - self.pointer[0], y - self.pointer[1]
        self.input.NotifyPointerMotionRelative(dbus.Double(dx), dbus.Double(dy))
        self.pointer = (x, y)

    def click(self, x, y, park=True):
        self.move_to(x, y)
        time.sleep(0.1)
        self.input.NotifyPointerButton(self.BTN_LEFT, True)
        self.input.NotifyPointerButton(self.BTN_LEFT, False)
        if park:
            time.sleep(0.1)
            self.park_pointer()


class Sway:
    """sway 1.7 headless (wlroots, pixman): as nobody, since sway refuses
    root, in a runtime dir nobody owns; root clients may still connect."""

    NOBODY = 65534

    def __init__(self, directory, log_path, width=800, height=600):
        self.dir = directory
        os.chmod(self.dir, 0o700)
        os.chown(self.dir, self.NOBODY, self.NOBODY)
        config = os.path.join(self.dir, "config")
        with open(config, "w", encoding="utf-8") as f:
            f.write(f"output HEADLESS-1 resolution {width}x{height} background #3f3f3f solid_color\n")
        os.chown(config, self.NOBODY, self.NOBODY)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.dir,
               "XDG_RUNTIME_DIR": self.dir, "WLR_BACKENDS": "headless",
               "WLR_LIBINPUT_NO_DEVICES": "1", "WLR_RENDERER": "pixman",
               "WLR_HEADLESS_OUTPUTS": "1"}
        with open(log_path, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(  # pylint: disable=consider-using-with
                ["setpriv", f"--reuid={self.NOBODY}", f"--regid={self.NOBODY}",
                 "--clear-groups", "--", "sway", "-c", config],
                env=env, stdout=log, stderr=subprocess.STDOUT)
        self.display = wait_until(self._socket, timeout=20, message="sway's socket")

    def _socket(self):
        if self.process.poll() is not None:
            raise AssertionError(f"sway exited with {self.process.returncode}")
        for name in sorted(os.listdir(self.dir)):
            if re.fullmatch(r"wayland-\d+", name):
                return os.path.join(self.dir, name)
        return None

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def client_env(self, env):
        return dict(env, WAYLAND_DISPLAY=self.display)

    def screenshot(self, env, path):
        run(self.client_env(env), "grim", path)
        return path


def slow(seconds):
    return seconds * SLOWDOWN
