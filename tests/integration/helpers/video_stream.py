#!/usr/bin/python3
"""A GStreamer pipeline (gst-launch-1.0's syntax, in the arguments) that a
test can pause and play again, which gst-launch-1.0 cannot: a screen-cast
stream whose producer pauses, for one.

Commands on stdin, one a line, each answered "ok" on stdout once the
pipeline has taken it: "pause", "play". End of input: the pipeline stops."""

import sys

import gi

gi.require_version("Gst", "1.0")
from gi.repository import Gst  # pylint: disable=wrong-import-position

STATES = {"pause": Gst.State.PAUSED, "play": Gst.State.PLAYING}

Gst.init(None)
pipeline = Gst.parse_launch(" ".join(sys.argv[1:]))
pipeline.set_state(Gst.State.PLAYING)
for line in sys.stdin:
    pipeline.set_state(STATES[line.strip()])
    pipeline.get_state(Gst.CLOCK_TIME_NONE)
    print("ok", flush=True)
pipeline.set_state(Gst.State.NULL)
