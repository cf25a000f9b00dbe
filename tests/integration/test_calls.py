#!/usr/bin/python3
"""Calls noticed by themselves: a real PipeWire and WirePlumber on the
test's session bus, with a fake microphone (and a fake sink to monitor),
recorded by pw-record; a fake camera and a screen-cast stream, watched
through GStreamer's PipeWire elements; and a /dev/video*-style stand-in
opened by a test process. A call holds breaks back; the missed break is
offered after it."""

import json
import os
import socket
import subprocess
import sys
import threading
import time

import limbertest
from limbertest import LimberTestCase, wait_until

CALL_CONFIG = dict(limbertest.FAST_CONFIG, **{"interval-min": "6s", "interval-max": "9s"})
SLOW_CONFIG = dict(limbertest.FAST_CONFIG, **{"interval-min": "1h", "interval-max": "2h"})
DEFERRED_TITLE = "You missed a micro-break"
HELPERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "helpers")


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

    def assert_offered_after(self, proc):
        """@proc stops: the hold ends and the missed break is offered."""
        proc.terminate()
        proc.wait()
        ended = time.time()
        (offer,) = self.wait_for_popups(1)
        latency = offer["time"] - ended
        print(f"latency from the stream's end to the deferred break: {latency:.2f} s")
        self.assertTrue(offer["summary"].startswith(DEFERRED_TITLE), offer)
        self.assertLess(latency, limbertest.slack(4))
        self.assertEqual(self.calls(), [])

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
        self.assert_offered_after(recorder)

    def test_monitor_only_and_ignored_streams_do_not_hold(self):
        self.start_pipewire()
        self.make_node("virt-sink", "Audio/Sink")
        self.make_node("virt-mic", "Audio/Source/Virtual")
        self.start_limberd()
        # What is played, recorded off the sink's monitor (a visualiser);
        # a peak meter on the microphone; an app on call-ignore.
        self.record("-P", "{ stream.capture.sink=true }", "--target", "virt-sink")
        self.record("-P", "{ stream.monitor=true }", "--target", "virt-mic")
        # A filter that follows the microphone (PipeWire's passive modes).
        self.record("-P", "{ node.passive=in }", "--target", "virt-mic")
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

    def test_a_pipewire_that_drops_every_connection_is_not_pressed(self):
        """A server on PipeWire's socket that closes each connection as it
        comes: limberd tries again a few times, each later, not in a
        loop (it once made thousands of connections a second)."""
        accepted = []
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.addCleanup(server.close)
        server.bind(self.path("runtime", "pipewire-0"))
        server.listen(16)

        def serve():
            while True:
                try:
                    conn, _ = server.accept()
                except OSError:
                    return
                accepted.append(time.monotonic())
                conn.close()

        threading.Thread(target=serve, daemon=True).start()
        self.start_limberd()
        wait_until(lambda: accepted, 10, "limberd's first connection")
        # Tries 0.25, 0.5 and 1 s after each drop: at most three more in
        # the next 2 s (a loop made thousands).
        time.sleep(2)
        self.assertLessEqual(len(accepted), 4, accepted)
        self.assertEqual(self.status()["call_detection"], "camera")

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


class PipeWireVideoTest(CallTestCase):
    """Video through a real PipeWire, made with GStreamer's PipeWire
    elements: a fake camera (a Video/Source node) watched by a capture
    stream, and a screen-cast stream shaped like mutter's and KWin's (a
    Stream/Output/Video node that drives, linked only once someone
    watches) or like xdg-desktop-portal-wlr's (a client's Video/Source).
    The viewer in each is "meet", so that the hold names it."""

    # Small and slow: what is in the picture does not matter.
    FRAMES = "video/x-raw,format=RGBx,width=64,height=48,framerate=10/1"

    def graph(self):
        """PipeWire's nodes by id (class, name, state) and its links, from pw-dump."""
        nodes, links = {}, []
        for obj in json.loads(self.pw("pw-dump")):
            info = obj.get("info") or {}
            if obj["type"] == "PipeWire:Interface:Node":
                props = info.get("props", {})
                nodes[obj["id"]] = (props.get("media.class"), props.get("node.name"),
                                    info.get("state"))
            elif obj["type"] == "PipeWire:Interface:Link":
                links.append((info["output-node-id"], info["input-node-id"]))
        return nodes, links

    def wait_for_streaming(self, producer, viewer):
        """Until @producer is linked to @viewer and both run (the link
        comes a moment before); PipeWire's nodes then, by (name, class)."""
        def streaming():
            nodes, links = self.graph()
            running = {i: name for i, (_, name, state) in nodes.items() if state == "running"}
            names = {(running.get(a), running.get(b)) for a, b in links}
            return (producer, viewer) in names and {(n, c) for c, n, _ in nodes.values()}
        return wait_until(streaming, 10, f"{producer} streaming to {viewer}")

    def produce(self, *stream):
        """A live test picture into PipeWire, as a node that waits to be
        consumed (mode=provide: a driver, not linked by the session manager)."""
        return self.spawn("gst-launch-1.0", "videotestsrc", "is-live=true", "!", self.FRAMES, "!",
                          "pipewiresink", "mode=provide", *stream, name="producer")

    def view(self, target):
        """A capture stream ("meet") on @target, as a call or screen-share
        viewer opens one. Its caps give it a format (without one, the link
        is never made)."""
        return self.spawn("gst-launch-1.0", "pipewiresrc", f"target-object={target}",
                          "client-name=meet", "!", "video/x-raw,format=RGBx", "!", "fakesink",
                          name="viewer")

    def wait_for_node(self, name):
        """Until PipeWire has a node called @name: a viewer that comes first
        finds nothing to link to, and stays unlinked."""
        wait_until(lambda: f'node.name = "{name}"' in self.pw("pw-cli", "ls", "Node"), 10,
                   f"node {name}")

    def start_watching(self):
        self.start_limberd()
        wait_until(lambda: self.status()["call_detection"] == "pipewire+camera", 10,
                   "PipeWire watched")

    def test_camera_capture_holds_breaks_and_the_missed_one_follows(self):
        self.start_pipewire()
        self.produce("stream-properties=props,media.class=Video/Source,"
                     "node.name=fake-camera,media.role=Camera")
        self.wait_for_node("fake-camera")
        self.start_watching()
        viewer = self.view("fake-camera")
        nodes = self.wait_for_streaming("fake-camera", "meet")
        # What PipeWire makes of it (TESTING.md): the capture is a
        # running Stream/Input/Video node, linked from the Video/Source.
        self.assertIn(("fake-camera", "Video/Source"), nodes)
        self.assertIn(("meet", "Stream/Input/Video"), nodes)
        (call,) = wait_until(self.calls, message="the camera noticed")
        self.assertEqual(call["who"], "PipeWire")
        self.assertEqual(call["reason"], "camera: meet")
        wait_until(lambda: self.status()["today"]["deferred"] == 1, 15, "a deferred break")
        self.assertEqual(self.notify_calls(), [])
        self.assert_offered_after(viewer)

    def test_screen_share_holds_breaks_until_the_viewer_leaves(self):
        self.start_pipewire()
        # Named as mutter's stream is: node.name is the compositor's.
        self.produce("client-name=gnome-shell")
        self.wait_for_node("gnome-shell")
        self.start_watching()
        viewer = self.view("gnome-shell")
        nodes = self.wait_for_streaming("gnome-shell", "meet")
        self.assertIn(("gnome-shell", "Stream/Output/Video"), nodes)
        self.assertIn(("meet", "Stream/Input/Video"), nodes)
        (call,) = wait_until(self.calls, message="the screen share noticed")
        self.assertEqual(call["who"], "PipeWire")
        # Named by the app that watches, not by the compositor.
        self.assertEqual(call["reason"], "screen: meet")
        self.assertRegex(self.ctl("status", check=0).stdout,
                         r"Holds:\s+call\s+“screen: meet”, by PipeWire, since")
        wait_until(lambda: self.status()["today"]["deferred"] == 1, 15, "a deferred break")
        self.assertEqual(self.notify_calls(), [])
        self.assert_offered_after(viewer)

    def test_wlroots_portal_share_is_a_screen_not_a_camera(self):
        """xdg-desktop-portal-wlr publishes its share as a Video/Source
        stream of its own: a client's node, not a device's, and no camera
        role. Such a share is a screen; the fake camera above (a
        Video/Source with media.role=Camera) stays a camera."""
        self.config = SLOW_CONFIG
        self.write_config(SLOW_CONFIG)
        self.start_pipewire()
        self.produce("client-name=xdg-desktop-portal-wlr",
                     "stream-properties=props,media.class=Video/Source,node.name=xdpw-stream-1")
        self.wait_for_node("xdpw-stream-1")
        self.start_watching()
        viewer = self.view("xdpw-stream-1")
        nodes = self.wait_for_streaming("xdpw-stream-1", "meet")
        self.assertIn(("xdpw-stream-1", "Video/Source"), nodes)
        (call,) = wait_until(self.calls, message="the wlroots share noticed")
        self.assertEqual(call["reason"], "screen: meet")
        viewer.terminate()
        viewer.wait()
        wait_until(lambda: self.calls() == [], 10, "the share's hold dropped")

    def test_screen_share_ends_when_the_stream_goes(self):
        self.config = SLOW_CONFIG
        self.write_config(SLOW_CONFIG)
        self.start_pipewire()
        producer = self.produce("client-name=gnome-shell")
        self.wait_for_node("gnome-shell")
        self.start_watching()
        self.view("gnome-shell")
        self.wait_for_streaming("gnome-shell", "meet")
        wait_until(self.calls, message="the screen share noticed")
        # The compositor ends the cast; the viewer stays, watching nothing.
        producer.terminate()
        producer.wait()
        wait_until(lambda: self.calls() == [], 10, "the screen share's hold dropped")
        self.assertEqual(self.status()["holds"], [])

    def test_paused_screen_share_holds_nothing(self):
        self.config = SLOW_CONFIG
        self.write_config(SLOW_CONFIG)
        self.start_pipewire()
        # The producer in a pipeline the test can pause (gst-launch cannot).
        producer = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, os.path.join(HELPERS, "video_stream.py"), "videotestsrc",
             "is-live=true", "!", self.FRAMES, "!", "pipewiresink", "mode=provide",
             "client-name=gnome-shell"],
            env=self.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.procs.append(producer)
        self.addCleanup(producer.stdout.close)
        self.addCleanup(producer.stdin.close)
        self.wait_for_node("gnome-shell")

        def command(line):
            producer.stdin.write(line + "\n")
            producer.stdin.flush()
            self.assertEqual(producer.stdout.readline().strip(), "ok")

        self.start_watching()
        self.view("gnome-shell")
        self.wait_for_streaming("gnome-shell", "meet")
        wait_until(self.calls, message="the screen share noticed")
        # Paused, the stream and its viewer are linked but idle: no share.
        command("pause")
        wait_until(lambda: self.calls() == [], 10, "the paused share's hold dropped")
        nodes, _ = self.graph()
        self.assertIn(("Stream/Output/Video", "gnome-shell", "idle"), nodes.values())
        command("play")
        (call,) = wait_until(self.calls, message="the share noticed again")
        self.assertEqual(call["reason"], "screen: meet")


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
