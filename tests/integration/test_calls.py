#!/usr/bin/python3
"""Calls noticed by themselves: a real PipeWire and WirePlumber on the
test's session bus, with a fake microphone (and a fake sink to monitor),
recorded by pw-record; and a /dev/video*-style stand-in opened by a test
process. A call holds breaks back; the missed break is offered after it."""

import json
import os
import subprocess
import time

import limbertest
from limbertest import LimberTestCase, wait_until

CALL_CONFIG = dict(limbertest.FAST_CONFIG, **{"interval-min": "6s", "interval-max": "9s"})
SLOW_CONFIG = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})
DEFERRED_TITLE = "You missed a micro-break"


class CallTestCase(LimberTestCase):
    config = CALL_CONFIG
    start_daemon = False

    def setUp(self):
        super().setUp()
        self.procs = []
        self.addCleanup(self.stop_procs)

    def stop_procs(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()

    def spawn(self, *args, name=None):
        log = open(self.path(f"{name or args[0]}-{time.monotonic_ns()}.log"), "w",  # pylint: disable=consider-using-with
                   encoding="utf-8")
        proc = subprocess.Popen(args, env=self.env, stdout=log, stderr=subprocess.STDOUT)  # pylint: disable=consider-using-with
        log.close()
        self.procs.append(proc)
        return proc

    def pw(self, *args):
        return subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=30,
                              check=True).stdout

    def start_pipewire(self):
        """PipeWire, then WirePlumber on the test's bus; ready once the
        session manager has made its default metadata (TESTING.md)."""
        self.spawn("pipewire")
        wait_until(lambda: os.path.exists(self.path("runtime", "pipewire-0")), 10,
                   "PipeWire's socket")
        self.spawn("wireplumber")
        wait_until(lambda: 'metadata.name = "default"' in self.pw("pw-cli", "ls", "Metadata"), 15,
                   "WirePlumber's default metadata")

    def make_node(self, name, media_class):
        self.pw("pw-cli", "create-node", "adapter",
                f"{{ factory.name=support.null-audio-sink node.name={name} "
                f"media.class={media_class} audio.position=[FL FR] object.linger=true }}")
        wait_until(lambda: f'node.name = "{name}"' in self.pw("pw-cli", "ls", "Node"), 10,
                   f"node {name}")

    def record(self, *args):
        """pw-record from @args, running once its stream is linked."""
        proc = self.spawn("pw-record", *args, "/dev/null")
        wait_until(lambda: "pw-record" in self.pw("pw-cli", "ls", "Node")
                   and "link.input.node" in self.pw("pw-cli", "ls", "Link"), 10,
                   "pw-record's stream linked")
        return proc

    def calls(self):
        return [h for h in self.status()["holds"] if h["kind"] == "call"]

    def pipewire_client(self):
        """Whether PipeWire lists this test's limberd among its clients."""
        clients = [o for o in json.loads(self.pw("pw-dump"))
                   if o["type"] == "PipeWire:Interface:Client"]
        return any(c["info"]["props"].get("application.name") == "limberd"
                   and str(c["info"]["props"].get("pipewire.sec.pid")) == str(self.daemon.pid)
                   for c in clients)

    def deferred_offers(self):
        return [c for c in self.notify_calls() if c["summary"].startswith(DEFERRED_TITLE)]


class PipeWireCallTest(CallTestCase):
    def test_recording_holds_breaks_and_the_missed_one_follows(self):
        self.start_pipewire()
        self.make_node("virt-mic", "Audio/Source/Virtual")
        self.start_limberd()
        wait_until(self.pipewire_client, 10, "limberd connected to PipeWire")
        recorder = self.record("--target", "virt-mic")
        recording = time.monotonic()
        (call,) = wait_until(self.calls, message="the call noticed")
        # Debounced: not the instant the stream started.
        self.assertGreaterEqual(time.monotonic() - recording, 1.5)
        self.assertEqual(call["who"], "PipeWire")
        self.assertEqual(call["reason"], "microphone: pw-record")
        self.assertRegex(self.ctl("status", check=0).stdout,
                         r"Holds:\s+call\s+“microphone: pw-record”, by PipeWire, since")
        # The break comes due under the call: held back, work counted.
        wait_until(lambda: self.status()["today"]["deferred"] == 1, 15, "a deferred break")
        self.assertEqual(self.notify_calls(), [])
        self.assertEqual(self.status()["state"], "held")

        recorder.terminate()
        recorder.wait()
        ended = time.time()
        (offer,) = self.wait_for_popups(1)
        latency = offer["time"] - ended
        print(f"latency from the stream's end to the deferred break: {latency:.2f} s")
        self.assertTrue(offer["summary"].startswith(DEFERRED_TITLE), offer)
        self.assertLess(latency, limbertest.slack(4))
        self.assertEqual(self.calls(), [])

    def test_monitor_only_and_ignored_streams_do_not_hold(self):
        self.start_pipewire()
        self.make_node("virt-sink", "Audio/Sink")
        self.make_node("virt-mic", "Audio/Source/Virtual")
        self.start_limberd()
        # What is played, recorded off the sink's monitor (a visualiser);
        # a peak meter on the microphone; an app on call-ignore.
        self.record("-P", "{ stream.capture.sink=true }", "--target", "virt-sink")
        self.record("-P", "{ stream.monitor=true }", "--target", "virt-mic")
        self.record("-P", "{ application.name=cava }", "--target", "virt-mic")
        # Not a call: the break shows as ever, at interval-min.
        (popup,) = self.wait_for_popups(1, timeout=15)
        self.assertFalse(popup["summary"].startswith(DEFERRED_TITLE))
        self.assertEqual(self.calls(), [])
        self.assertEqual(self.status()["today"]["deferred"], 0)

    def test_flicker_is_no_call(self):
        self.config = SLOW_CONFIG
        self.write_config(SLOW_CONFIG)
        self.start_pipewire()
        self.make_node("virt-mic", "Audio/Source/Virtual")
        self.start_limberd()
        recorder = self.record("--target", "virt-mic")
        recorder.terminate()
        recorder.wait()
        time.sleep(3)
        self.assertEqual(self.calls(), [])
        self.assertNotIn("in a call", self.daemon_output())


class PipeWireLaterTest(CallTestCase):
    config = SLOW_CONFIG

    def test_pipewire_started_later_is_watched(self):
        self.start_limberd()
        wait_until(lambda: self.status()["call_detection"] == "camera", 10, "cameras watched")
        self.assertIn("Calls:     watched (cameras opened directly; PipeWire is not running)",
                      self.ctl("status", check=0).stdout)
        self.start_pipewire()
        wait_until(self.pipewire_client, 10, "limberd connected to PipeWire")
        wait_until(lambda: self.status()["call_detection"] == "pipewire+camera", 10,
                   "PipeWire watched")
        self.make_node("virt-mic", "Audio/Source/Virtual")
        self.record("--target", "virt-mic")
        wait_until(self.calls, 10, "the call noticed")

    def test_pipewire_restarted_is_watched_again(self):
        """PipeWire stopped under a call: the call ends with it, the
        watcher waits for the socket, and watches the new PipeWire."""
        self.start_pipewire()
        self.make_node("virt-mic", "Audio/Source/Virtual")
        self.start_limberd()
        self.record("--target", "virt-mic")
        wait_until(self.calls, 10, "the call noticed")
        for proc in reversed(self.procs):
            proc.terminate()
            proc.wait()
        self.procs.clear()
        wait_until(lambda: self.calls() == [], 10, "the call ended with PipeWire")
        wait_until(lambda: self.status()["call_detection"] == "camera", 10,
                   "PipeWire no longer watched")
        self.assertNotIn("pipewire: PipeWire sent", self.daemon_output())
        self.start_pipewire()
        wait_until(self.pipewire_client, 10, "limberd connected to the new PipeWire")
        self.make_node("virt-mic", "Audio/Source/Virtual")
        self.record("--target", "virt-mic")
        wait_until(self.calls, 10, "a call on the new PipeWire noticed")

    def test_switched_off_nothing_is_loaded(self):
        self.write_config(dict(SLOW_CONFIG, **{"call-detection": "off"}))
        self.start_pipewire()
        self.make_node("virt-mic", "Audio/Source/Virtual")
        self.start_limberd()
        self.record("--target", "virt-mic")
        time.sleep(3)
        self.assertEqual(self.calls(), [])
        self.assertFalse(self.pipewire_client())
        self.assertEqual(self.status()["call_detection"], "off")
        self.assertIn("Calls:     not watched (call-detection is off)",
                      self.ctl("status", check=0).stdout)
        # Switched on at run time: watched from then on.
        self.ctl("set", "call-detection", "on", check=0)
        wait_until(self.calls, 10, "the call noticed")
        self.assertTrue(self.pipewire_client())
        self.ctl("set", "call-detection", "off", check=0)
        wait_until(lambda: self.calls() == [], 10, "the call hold dropped")
        wait_until(lambda: not self.pipewire_client(), 10, "limberd gone from PipeWire's clients")


class CameraTest(CallTestCase):
    """A /dev/video*-style stand-in: a plain file named video0 in a
    directory of the test's, which limberd watches instead of /dev."""

    def setUp(self):
        super().setUp()
        os.makedirs(self.path("dev"))
        with open(self.path("dev", "video0"), "w", encoding="utf-8"):
            pass
        self.env["LIMBER_TEST_VIDEO_DIR"] = self.path("dev")

    def test_camera_opened_directly_holds_breaks(self):
        self.start_limberd()
        with open(self.path("dev", "video0"), encoding="utf-8") as device:
            app = subprocess.Popen(["sleep", "60"], stdin=device, env=self.env)  # pylint: disable=consider-using-with
        self.procs.append(app)
        (call,) = wait_until(self.calls, 10, "the camera noticed")
        self.assertEqual(call["reason"], "camera: sleep")
        self.assertEqual(call["who"], "/dev/video*")
        wait_until(lambda: self.status()["today"]["deferred"] == 1, 15, "a deferred break")
        self.assertEqual(self.notify_calls(), [])
        app.terminate()
        app.wait()
        (offer,) = self.wait_for_popups(1)
        self.assertTrue(offer["summary"].startswith(DEFERRED_TITLE))
        self.assertEqual(self.calls(), [])

    def test_camera_already_open_at_start(self):
        with open(self.path("dev", "video0"), encoding="utf-8") as device:
            app = subprocess.Popen(["sleep", "60"], stdin=device, env=self.env)  # pylint: disable=consider-using-with
        self.procs.append(app)
        self.start_limberd()
        (call,) = wait_until(self.calls, 10, "the camera noticed")
        self.assertEqual(call["reason"], "camera: sleep")

    def test_camera_of_an_ignored_app(self):
        self.write_config(dict(CALL_CONFIG, **{"call-ignore": "sleep"}))
        self.start_limberd()
        with open(self.path("dev", "video0"), encoding="utf-8") as device:
            app = subprocess.Popen(["sleep", "60"], stdin=device, env=self.env)  # pylint: disable=consider-using-with
        self.procs.append(app)
        (popup,) = self.wait_for_popups(1, timeout=15)
        self.assertFalse(popup["summary"].startswith(DEFERRED_TITLE))
        self.assertEqual(self.calls(), [])


if __name__ == "__main__":
    limbertest.main()
