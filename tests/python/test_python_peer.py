#!/usr/bin/env python3
"""A Python program as a peer on a running host's bus, over TCP, with nothing but pyzmq.

Starts `platebus run` on a deployment with `bus.listen` on a free port, secured with CURVE: the
host's key pair from `platebus keys generate`, this peer's own key made by pyzmq and listed in
bus.peers with grants to read `frames.` and `py.` and to publish on `py.`. A capture.synthetic
camera publishes frames.cam and a test.recorder subscribes to `py.`. Then:
  1. reads Frames at PORT (XPUB side) and checks their header, parts and pixels (docs/messages.md);
  2. publishes five "py.hello" messages to PORT+1 (XSUB side) and checks the recorder wrote them
     in order, and that they reach a remote subscriber unchanged but for the "peer" field the bus
     sets to this key's name;
  3. sends SIGTERM and checks platebus exits 0.

Usage: python3 test_python_peer.py --platebus BUILD/bin/platebus --plugins BUILD/tests/plugins/good
Prints one line per check and a last line "N passed, M failed"; exits 0 only when all pass. Without
pyzmq it prints why, "0 passed, 0 failed, 1 skipped" and exits 0.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

# Interpreters that may have pyzmq when the one running us does not (e.g. a pyenv shim ahead of
# Debian's python3, which is where the python3-zmq package installs).
FALLBACK_INTERPRETERS = ["/usr/bin/python3"]
REEXEC_GUARD = "PLATEBUS_PY_PEER_REEXEC"

try:
    import zmq
except ImportError:
    zmq = None

try:
    import numpy
except ImportError:
    numpy = None

TOTAL_BUDGET_S = 55          # hard cap for the whole test; CTest gets a clear failure, not a hang
START_TIMEOUT_S = 15         # platebus up and the first frames arriving
RECORD_TIMEOUT_S = 10        # the recorder writing the five lines
EXIT_TIMEOUT_S = 15          # platebus stopping after SIGTERM
FRAMES_WANTED = 3
WIDTH, HEIGHT, FPS = 320, 240, 10
CAMERA = "cam-py"
PLATES = ["7ABC123", "4XYZ982", "8KLM551"]
LATITUDE, LONGITUDE = 38.5816, -121.4944
ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")
BYTES_PER_PIXEL = {"bgr8": 3, "gray8": 1, "gray16": 2}


class CheckFailed(Exception):
    pass


def require(condition, message):
    if not condition:
        raise CheckFailed(message)


def reexec_with_pyzmq():
    """Runs this script again under an interpreter that has pyzmq, if there is one; else returns."""
    if os.environ.get(REEXEC_GUARD):
        return
    for interpreter in FALLBACK_INTERPRETERS:
        if not os.path.isfile(interpreter) or os.path.realpath(interpreter) == os.path.realpath(sys.executable):
            continue
        probe = subprocess.run([interpreter, "-c", "import zmq"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=20)
        if probe.returncode == 0:
            print(f"note: {sys.executable} has no pyzmq; running again with {interpreter}", flush=True)
            sys.stdout.flush()
            env = dict(os.environ, **{REEXEC_GUARD: "1"})
            os.execve(interpreter, [interpreter, os.path.abspath(__file__)] + sys.argv[1:], env)


def free_port_pair():
    """A port P on 127.0.0.1 with P+1 free too (the bus listens on both)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as first:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            if port >= 65534:
                continue
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
            return port
    raise CheckFailed("could not find two free consecutive TCP ports on 127.0.0.1")


def parse_utc(text, name):
    require(isinstance(text, str) and ISO_UTC.match(text),
            f"{name} {text!r} is not UTC ISO 8601 with microseconds and a Z (YYYY-MM-DDTHH:MM:SS.ffffffZ)")
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)


def pixel_stats(data, width, height, stride, channels):
    """Mean of every channel byte and its standard deviation over the image's pixels (not row padding)."""
    row_bytes = width * channels
    if numpy is not None:
        rows = numpy.frombuffer(data, dtype=numpy.uint8, count=height * stride).reshape(height, stride)
        pixels = rows[:, :row_bytes].reshape(height, width, channels).astype(numpy.float64)
        return float(pixels.mean()), float(pixels.std())
    if stride == row_bytes:
        pixels = data[:height * stride]
    else:
        pixels = b"".join(data[y * stride:y * stride + row_bytes] for y in range(height))
    count = len(pixels)
    mean = sum(pixels) / count
    histogram = [0] * 256
    for value in pixels:
        histogram[value] += 1
    variance = sum(n * (v - mean) ** 2 for v, n in enumerate(histogram)) / count
    return mean, variance ** 0.5


class Peer:
    def __init__(self, args):
        self.args = args
        self.started = time.monotonic()
        self.tmp = tempfile.mkdtemp(prefix="platebus-py-peer-")
        self.record_file = os.path.join(self.tmp, "recorded.txt")
        self.log_file = os.path.join(self.tmp, "platebus.log")
        self.process = None
        self.port = None
        self.context = zmq.Context()
        self.subscriber = None
        self.server_public = None
        self.public, self.secret = zmq.curve_keypair()

    def secure(self, sock):
        """This peer's CURVE key and the host's, before connecting."""
        sock.curve_serverkey = self.server_public
        sock.curve_publickey = self.public
        sock.curve_secretkey = self.secret

    def make_server_key(self):
        stem = os.path.join(self.tmp, "bus-server")
        if not os.path.exists(stem + ".key"):  # one key pair for every attempt at a free port
            subprocess.run([self.args.platebus, "keys", "generate", stem], check=True, capture_output=True)
        with open(stem + ".pub", encoding="utf-8") as f:
            self.server_public = re.search(r"^public-key: (\S{40})$", f.read(), re.M).group(1).encode()
        return stem + ".key"

    # --- the host ------------------------------------------------------------------------------

    def write_config(self):
        path = os.path.join(self.tmp, "deployment.yaml")
        plugins = os.path.abspath(self.args.plugins)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"""# Written by tests/python/test_python_peer.py
plugin_path: [{json.dumps(plugins)}]
log: {{level: info}}
bus:
  listen: "tcp://127.0.0.1:{self.port}"
  server_key: {json.dumps(self.make_server_key())}
  peers:
    - {{name: python-peer, public_key: '{self.public.decode()}', subscribe: [frames., py.], publish: [py.]}}
instances:
  - id: cam
    use: capture.synthetic
    config:
      width: {WIDTH}
      height: {HEIGHT}
      fps: {FPS}
      camera: {CAMERA}
      plates: {json.dumps(PLATES)}
      latitude: {LATITUDE}
      longitude: {LONGITUDE}
    publish:
      frames: frames.cam
  - id: recorder
    use: test.recorder
    config:
      file: {json.dumps(self.record_file)}
    subscribe:
      in: py.
""")
        return path

    def log_tail(self, lines=30):
        try:
            with open(self.log_file, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return "(no log)"

    def start_host(self):
        """Starts platebus; retries on another port if the chosen one was taken meanwhile."""
        for attempt in range(3):
            self.port = free_port_pair()
            config = self.write_config()
            log = open(self.log_file, "w", encoding="utf-8")
            self.process = subprocess.Popen([self.args.platebus, "run", config, "--for", "30s"],
                                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            log.close()
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    break
                with open(self.log_file, encoding="utf-8", errors="replace") as f:
                    if "bus listening" in f.read():
                        return
                time.sleep(0.05)
            if self.process.poll() is None:
                raise CheckFailed("platebus did not log 'bus listening' within 5 s:\n" + self.log_tail())
            tail = self.log_tail()
            if "cannot listen" not in tail or attempt == 2:
                raise CheckFailed(f"platebus exited with status {self.process.returncode} at start:\n{tail}")
        raise CheckFailed("unreachable")

    def require_running(self):
        require(self.process is not None and self.process.poll() is None,
                f"platebus is not running (exit status {self.process and self.process.returncode}):\n"
                + self.log_tail())

    def stop_host(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def close(self, keep):
        for s in (self.subscriber,):
            if s is not None:
                s.close(linger=0)
        self.context.term()
        self.stop_host()
        if keep:
            print(f"kept {self.tmp} (deployment, platebus.log, recorded.txt) for a look")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    # --- receiving -----------------------------------------------------------------------------

    def receive(self, sock, timeout_s):
        """One whole multipart message as a list of bytes, or None after timeout_s."""
        if sock.poll(int(timeout_s * 1000), zmq.POLLIN) == 0:
            return None
        return sock.recv_multipart()

    def test_read_frames(self):
        self.subscriber = self.context.socket(zmq.SUB)
        self.subscriber.setsockopt(zmq.LINGER, 0)
        self.secure(self.subscriber)
        self.subscriber.connect(f"tcp://127.0.0.1:{self.port}")
        # "py." first: when frames arrive, the bus has applied this earlier subscription too.
        self.subscriber.setsockopt(zmq.SUBSCRIBE, b"py.")
        self.subscriber.setsockopt(zmq.SUBSCRIBE, b"frames.")
        frames = []
        deadline = time.monotonic() + START_TIMEOUT_S
        while len(frames) < FRAMES_WANTED:
            self.require_running()
            left = deadline - time.monotonic()
            require(left > 0, f"got {len(frames)} of {FRAMES_WANTED} Frames on 'frames.' in {START_TIMEOUT_S} s:\n"
                    + self.log_tail())
            message = self.receive(self.subscriber, min(left, 0.5))
            if message is None:
                continue
            require(len(message) >= 2, f"a bus message has a topic and a header frame; got {len(message)} frame(s)")
            topic = message[0].decode("utf-8")
            if not topic.startswith("frames."):
                continue  # a py. message from an earlier attempt cannot be here, but be strict only about frames
            frames.append((topic, message))
        previous_seq = previous_sequence = 0
        for topic, message in frames:
            self.check_frame(topic, message, previous_seq, previous_sequence)
            header = json.loads(message[1])
            previous_seq, previous_sequence = header["seq"], header["sequence"]
        return f"{len(frames)} Frames decoded (seq {json.loads(frames[0][1][1])['seq']}..{previous_seq})"

    def check_frame(self, topic, message, previous_seq, previous_sequence):
        require(topic == "frames.cam", f"frame topic {topic!r}, expected 'frames.cam'")
        try:
            header = json.loads(message[1].decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise CheckFailed(f"header is not UTF-8 JSON: {e}")
        require(isinstance(header, dict), "header is not a JSON object")
        where = f"Frame seq {header.get('seq')}"
        require(header.get("type") == "Frame", f"{where}: type {header.get('type')!r}, expected 'Frame'")
        require(header.get("source") == "cam", f"{where}: source {header.get('source')!r}, expected 'cam'")
        require(header.get("camera") == CAMERA, f"{where}: camera {header.get('camera')!r}, expected {CAMERA!r}")
        require(header.get("delivery") == "latest",
                f"{where}: delivery {header.get('delivery')!r}, expected 'latest' (the frames port's class)")
        require(isinstance(header.get("host"), str) and header["host"], f"{where}: no 'host' string")
        for name, previous in (("seq", previous_seq), ("sequence", previous_sequence)):
            value = header.get(name)
            require(isinstance(value, int) and not isinstance(value, bool) and value >= 1,
                    f"{where}: {name} {value!r} is not an integer from 1")
            require(value > previous, f"{where}: {name} {value} does not increase (previous {previous})")
        made = parse_utc(header.get("time"), f"{where}: time")
        captured = parse_utc(header.get("captured_at"), f"{where}: captured_at")
        now = datetime.datetime.now(datetime.timezone.utc)
        require(abs((now - captured).total_seconds()) < 60, f"{where}: captured_at {captured} is not about now ({now})")
        require(captured <= made, f"{where}: captured_at {captured} is after the message time {made}")
        gps = header.get("gps")
        require(isinstance(gps, dict) and gps.get("fix") is True, f"{where}: gps {gps!r} should be a fix")
        require(abs(gps.get("lat", 999) - LATITUDE) < 1e-9 and abs(gps.get("lon", 999) - LONGITUDE) < 1e-9,
                f"{where}: gps {gps!r}, expected lat {LATITUDE} lon {LONGITUDE}")
        require(gps.get("source") == "static", f"{where}: gps source {gps.get('source')!r}, expected 'static'")
        truth = header.get("truth")
        require(isinstance(truth, list) and truth and all(t.get("text") in PLATES for t in truth),
                f"{where}: truth {truth!r} should name one of the configured plates")

        parts = header.get("parts")
        require(isinstance(parts, list), f"{where}: no 'parts' list")
        binary = message[2:]
        require(len(parts) == len(binary),
                f"{where}: header describes {len(parts)} part(s) but {len(binary)} binary frame(s) arrived")
        by_role = {}
        for index, (description, data) in enumerate(zip(parts, binary)):
            role = description.get("role")
            fmt = description.get("format")
            require(fmt in BYTES_PER_PIXEL, f"{where}: part {index} ({role}) format {fmt!r} is not raw")
            width, height, stride = description.get("width"), description.get("height"), description.get("stride")
            require((width, height) == (WIDTH, HEIGHT),
                    f"{where}: part {index} ({role}) is {width}x{height}, expected {WIDTH}x{HEIGHT}")
            require(isinstance(stride, int) and stride >= width * BYTES_PER_PIXEL[fmt],
                    f"{where}: part {index} ({role}) stride {stride!r} is less than width * bytes per pixel")
            require(description.get("size") == len(data),
                    f"{where}: part {index} ({role}) says size {description.get('size')} but has {len(data)} bytes")
            require(len(data) == height * stride,
                    f"{where}: part {index} ({role}) has {len(data)} bytes, expected height*stride = {height * stride}")
            by_role[role] = (description, data)
        require(set(by_role) == {"colour", "infrared"}, f"{where}: part roles {sorted(by_role)}, "
                "expected colour and infrared")
        color, data = by_role["colour"]
        require(color["format"] == "bgr8", f"{where}: colour image is {color['format']}, expected bgr8")
        mean, spread = pixel_stats(data, color["width"], color["height"], color["stride"], 3)
        require(5 < mean < 250, f"{where}: colour image mean brightness {mean:.1f} looks blank")
        require(spread > 5, f"{where}: colour image is nearly flat (standard deviation {spread:.1f})")
        infrared, data = by_role["infrared"]
        require(infrared["format"] == "gray8", f"{where}: infrared image is {infrared['format']}, expected gray8")
        mean, spread = pixel_stats(data, infrared["width"], infrared["height"], infrared["stride"], 1)
        require(0 < mean < 255 and spread > 1, f"{where}: infrared image looks blank (mean {mean:.1f})")

    # --- publishing ----------------------------------------------------------------------------

    def test_publish_greetings(self):
        publisher = self.context.socket(zmq.XPUB)
        publisher.setsockopt(zmq.LINGER, 2000)
        self.secure(publisher)
        try:
            publisher.connect(f"tcp://127.0.0.1:{self.port + 1}")
            # The bus's XSUB side subscribes to everything ("\x01" + empty prefix). Until it has, a
            # publisher's messages are filtered away, so wait for it.
            require(publisher.poll(5000, zmq.POLLIN) != 0,
                    f"the bus at port {self.port + 1} sent no subscription within 5 s")
            subscription = publisher.recv()
            require(subscription[:1] == b"\x01", f"unexpected first message from the bus: {subscription!r}")
            sent = []
            for n in range(1, 6):
                header = {"type": "Greeting", "source": "python-peer", "n": n, "seq": n,
                          "time": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                          "delivery": "lossless", "text": f"hello {n} from Python"}
                publisher.send_multipart([b"py.hello", json.dumps(header).encode("utf-8")])
                sent.append(header)

            expected = [f"py.hello python-peer {n} Greeting" for n in range(1, 6)]
            deadline = time.monotonic() + RECORD_TIMEOUT_S
            lines = []
            while time.monotonic() < deadline:
                self.require_running()
                try:
                    with open(self.record_file, encoding="utf-8") as f:
                        lines = f.read().splitlines()
                except FileNotFoundError:
                    lines = []
                if len(lines) >= len(expected):
                    break
                time.sleep(0.05)
            require(lines == expected, f"the recorder wrote {lines!r}, expected {expected!r}\n" + self.log_tail())

            # A remote subscriber (subscribed to "py." before any frame arrived) gets them as sent,
            # but for "peer": the bus names the key that sent them, whatever a sender wrote there.
            for header in sent:
                header["peer"] = "python-peer"
            echoed = []
            deadline = time.monotonic() + 5
            while len(echoed) < len(sent) and time.monotonic() < deadline:
                message = self.receive(self.subscriber, 0.2)
                if message is None or not message[0].startswith(b"py."):
                    continue
                require(len(message) == 2, f"py.hello arrived with {len(message)} frames, sent 2")
                echoed.append(json.loads(message[1]))
            require(echoed == sent, f"a remote subscriber got {echoed!r}, expected exactly {sent!r}")
        finally:
            publisher.close()
        return "5 messages recorded in order and seen by a remote subscriber, named by their key"

    # --- stopping ------------------------------------------------------------------------------

    def test_sigterm_exit(self):
        self.require_running()
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=EXIT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise CheckFailed(f"platebus did not exit within {EXIT_TIMEOUT_S} s of SIGTERM:\n" + self.log_tail())
        require(status == 0, f"platebus exited with status {status} after SIGTERM, expected 0:\n" + self.log_tail())
        log = self.log_tail(200)
        require("received SIGTERM" in log, "platebus log does not say it received SIGTERM:\n" + log)
        return "exit status 0"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--platebus", required=True, help="the platebus executable")
    parser.add_argument("--plugins", required=True, help="folder with test_recorder.so (tests/plugins/good)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder even when all pass")
    args = parser.parse_args()

    if zmq is None:
        reexec_with_pyzmq()
        print(f"SKIPPED: pyzmq is not installed for {sys.executable} (Debian: apt-get install python3-zmq); "
              "the Python peer test did not run")
        print("0 passed, 0 failed, 1 skipped")
        return 0
    for path, what in ((args.platebus, "--platebus"), (args.plugins, "--plugins")):
        if not os.path.exists(path):
            print(f"FAIL: {what} {path} does not exist")
            print("0 passed, 1 failed")
            return 1

    def out_of_time(signum, frame):
        raise CheckFailed(f"the test ran past its {TOTAL_BUDGET_S} s budget")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(TOTAL_BUDGET_S)

    peer = Peer(args)
    tests = [("read frames from the bus", peer.test_read_frames),
             ("publish to the bus", peer.test_publish_greetings),
             ("SIGTERM stops platebus with status 0", peer.test_sigterm_exit)]
    passed = failed = 0
    try:
        try:
            peer.start_host()
            print(f"platebus running, bus at tcp://127.0.0.1:{peer.port} (publish to {peer.port + 1})"
                  f"{'' if numpy is not None else '; numpy absent, pixels checked in pure Python'}", flush=True)
        except CheckFailed as e:
            print(f"FAIL: platebus did not start: {e}")
            for name, _ in tests:
                print(f"FAIL: {name}: not run, platebus did not start")
            failed = len(tests)
            tests = []
        for name, test in tests:
            try:
                detail = test()
                print(f"ok: {name}: {detail}", flush=True)
                passed += 1
            except CheckFailed as e:
                print(f"FAIL: {name}: {e}", flush=True)
                failed += 1
            except Exception as e:  # an unexpected error is a failure of this test, not a crash
                print(f"FAIL: {name}: {type(e).__name__}: {e}", flush=True)
                failed += 1
    finally:
        signal.alarm(0)
        peer.close(keep=failed > 0 or args.keep)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
