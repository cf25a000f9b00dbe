#!/usr/bin/python3
"""A client of limberd's that holds leases on a connection of its own, so
that a test can make its bus name vanish (by closing stdin, or killing it).

Commands on stdin, one a line; each answer is one line on stdout:
  inhibit REASON SECONDS  -> the cookie, or "error NAME: MESSAGE"
  uninhibit COOKIE        -> "ok", or "error NAME: MESSAGE"
End of input: exit (the bus name goes with it)."""

import sys

import dbus

bus = dbus.SessionBus()
limber = dbus.Interface(bus.get_object("io.github.limber.Limber1", "/io/github/limber/Limber1"),
                        "io.github.limber.Limber1")
print(bus.get_unique_name(), flush=True)
for line in sys.stdin:
    words = line.split()
    try:
        if words[0] == "inhibit":
            print(int(limber.Inhibit(" ".join(words[1:-1]), dbus.UInt64(int(words[-1])))), flush=True)
        elif words[0] == "uninhibit":
            limber.Uninhibit(dbus.UInt32(int(words[1])))
            print("ok", flush=True)
    except dbus.DBusException as e:
        print(f"error {e.get_dbus_name()}: {e.get_dbus_message()}", flush=True)
