'''org.freedesktop.ScreenSaver as KDE Plasma offers it: GetActive and the
ActiveChanged signal for the screen saver or locker, GetSessionIdleTime in
seconds. The test sets both with the mock-only SetActive and SetIdleTime,
and counts the idle-time queries with GetMethodCalls.
'''

import dbus

from dbusmock import MOCK_IFACE

BUS_NAME = 'org.freedesktop.ScreenSaver'
MAIN_OBJ = '/org/freedesktop/ScreenSaver'
MAIN_IFACE = 'org.freedesktop.ScreenSaver'
SYSTEM_BUS = False


def load(mock, parameters):
    mock.ss_active = False
    mock.idle_seconds = 0
    mock.AddMethods(MAIN_IFACE, [
        ('GetActive', '', 'b', 'ret = self.ss_active'),
        ('GetSessionIdleTime', '', 'u', 'ret = dbus.UInt32(self.idle_seconds)'),
        ('Inhibit', 'ss', 'u', 'ret = dbus.UInt32(1)'),
        ('UnInhibit', 'u', '', ''),
    ])


@dbus.service.method(MOCK_IFACE, in_signature='b', out_signature='')
def SetActive(self, active):
    self.ss_active = bool(active)
    self.EmitSignal(MAIN_IFACE, 'ActiveChanged', 'b', [self.ss_active])


@dbus.service.method(MOCK_IFACE, in_signature='u', out_signature='')
def SetIdleTime(self, seconds):
    self.idle_seconds = int(seconds)
