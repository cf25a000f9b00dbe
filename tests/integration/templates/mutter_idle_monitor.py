'''org.gnome.Mutter.IdleMonitor as real Mutter behaves (checked against
headless Mutter 43, see tests/e2e/test_mutter.py):

- GetIdletime grows in real time from the last input;
- an idle watch fires each time the idle time reaches its interval, again
  after every return from idle, and at once when added while the user is
  already idle longer than that;
- a user-active watch fires once, at the next input, and is then gone;
- WatchFired goes to the watch's owner only, not to everyone.

The test plays the user with the mock-only methods StartTyping and
StopTyping (ResetIdletime is one keystroke).
'''

import time

import dbus
import dbus.lowlevel
from gi.repository import GLib

from dbusmock import MOCK_IFACE

BUS_NAME = 'org.gnome.Mutter.IdleMonitor'
MAIN_OBJ = '/org/gnome/Mutter/IdleMonitor/Core'
MAIN_IFACE = 'org.gnome.Mutter.IdleMonitor'
SYSTEM_BUS = False


def load(mock, parameters):
    mock.typing = False
    mock.last_input = time.monotonic()
    mock.watches = {}  # id -> {'interval': ms or None (active watch), 'owner'}
    mock.timers = {}   # idle watch id -> GLib source id
    mock.next_watch = 1
    mock.fired = []    # (id, kind) in order, for the test to check
    mock.claimed = None  # what GetIdletime answers instead, if set (ms)


def _idletime_ms(mock):
    if mock.typing:
        return 0
    return int((time.monotonic() - mock.last_input) * 1000)


def _fire(mock, watch_id):
    watch = mock.watches.get(watch_id)
    if watch is None:
        return
    msg = dbus.lowlevel.SignalMessage(MAIN_OBJ, MAIN_IFACE, 'WatchFired')
    msg.set_destination(watch['owner'])
    msg.append(dbus.UInt32(watch_id), signature='u')
    mock.connection.send_message(msg)
    mock.fired.append((watch_id, 'active' if watch['interval'] is None else 'idle'))
    if watch['interval'] is None:
        del mock.watches[watch_id]


def _schedule_idle_watch(mock, watch_id):
    if watch_id in mock.timers:
        GLib.source_remove(mock.timers.pop(watch_id))
    if mock.typing:
        return
    due_ms = mock.watches[watch_id]['interval'] - _idletime_ms(mock)
    if due_ms <= 0:
        _fire(mock, watch_id)
        return

    def on_timeout():
        mock.timers.pop(watch_id, None)
        _fire(mock, watch_id)
        return False

    mock.timers[watch_id] = GLib.timeout_add(due_ms, on_timeout)


def _input(mock):
    '''Any input: active watches fire; idle watches start over.'''
    mock.last_input = time.monotonic()
    for watch_id in [w for w, v in mock.watches.items() if v['interval'] is None]:
        _fire(mock, watch_id)
    for watch_id in [w for w, v in mock.watches.items() if v['interval'] is not None]:
        _schedule_idle_watch(mock, watch_id)


@dbus.service.method(MAIN_IFACE, in_signature='', out_signature='t')
def GetIdletime(self):
    if self.claimed is not None:
        return dbus.UInt64(self.claimed)
    return dbus.UInt64(_idletime_ms(self))


@dbus.service.method(MAIN_IFACE, in_signature='t', out_signature='u',
                     sender_keyword='sender')
def AddIdleWatch(self, interval, sender=None):
    watch_id = self.next_watch
    self.next_watch += 1
    self.watches[watch_id] = {'interval': int(interval), 'owner': sender}
    GLib.idle_add(lambda: _schedule_idle_watch(self, watch_id) and False)
    return dbus.UInt32(watch_id)


@dbus.service.method(MAIN_IFACE, in_signature='', out_signature='u',
                     sender_keyword='sender')
def AddUserActiveWatch(self, sender=None):
    watch_id = self.next_watch
    self.next_watch += 1
    self.watches[watch_id] = {'interval': None, 'owner': sender}
    if self.typing:
        # Someone typing gives input at once.
        GLib.idle_add(lambda: _fire(self, watch_id) and False)
    return dbus.UInt32(watch_id)


@dbus.service.method(MAIN_IFACE, in_signature='u', out_signature='')
def RemoveWatch(self, watch_id):
    self.watches.pop(int(watch_id), None)
    if int(watch_id) in self.timers:
        GLib.source_remove(self.timers.pop(int(watch_id)))


@dbus.service.method(MAIN_IFACE, in_signature='', out_signature='')
def ResetIdletime(self):
    _input(self)


@dbus.service.method(MOCK_IFACE, in_signature='', out_signature='')
def StartTyping(self):
    '''The user types on and on: input now and all the time.'''
    _input(self)
    self.typing = True
    for watch_id in list(self.timers):
        GLib.source_remove(self.timers.pop(watch_id))


@dbus.service.method(MOCK_IFACE, in_signature='', out_signature='')
def StopTyping(self):
    '''The last keystroke is now; idle time grows from here.'''
    self.typing = False
    self.last_input = time.monotonic()
    for watch_id in [w for w, v in self.watches.items() if v['interval'] is not None]:
        _schedule_idle_watch(self, watch_id)


@dbus.service.method(MOCK_IFACE, in_signature='', out_signature='a(us)')
def GetFired(self):
    return dbus.Array([(dbus.UInt32(i), k) for i, k in self.fired], signature='(us)')


@dbus.service.method(MOCK_IFACE, in_signature='', out_signature='u')
def CountWatches(self):
    return dbus.UInt32(len(self.watches))


@dbus.service.method(MOCK_IFACE, in_signature='t', out_signature='')
def ClaimIdletime(self, idle_ms):
    '''A monitor gone wrong: GetIdletime answers @idle_ms from now on.'''
    self.claimed = int(idle_ms)
