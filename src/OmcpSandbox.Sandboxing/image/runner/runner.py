"""Persistent Python interpreter for one sandbox session.

The host talks to this process over the container's stdin and stdout with frames: a 4-byte big-endian
total length, a 4-byte big-endian header length, a UTF-8 JSON header and an optional binary payload.
Result frames carry the captured stdout and stderr bytes as the payload, so the host decodes them itself
and never has to buffer more than the output limit plus the header.
"""

import builtins
import json
import os
import select
import signal
import struct
import sys
import threading
import time
import traceback

RUNNER_DIR = os.path.dirname(os.path.abspath(__file__))
PACKAGES_DIR = "/workspace/.packages"
MATPLOTLIB_CACHE_DIR = "/opt/omcp/matplotlib"
# JSON escapes a control character as six bytes, so these keep a result header well under the 256 KiB
# the host allows next to the output.
MAX_TRACEBACK_CHARS = 16 * 1024
MAX_MESSAGE_CHARS = 4 * 1024
READ_CHUNK = 65536

_FRAME = struct.Struct(">II")


class OutputLimitExceeded(BaseException):
    """Raised into user code when stdout and stderr together pass the output limit."""


class Channel:
    """Framed messages over the protocol file descriptors."""

    def __init__(self, read_fd, write_fd):
        self.read_fd = read_fd
        self.write_fd = write_fd

    def send(self, header, payload=b""):
        body = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace")
        data = _FRAME.pack(len(body) + len(payload), len(body)) + body + payload
        view = memoryview(data)
        while view:
            written = os.write(self.write_fd, view)
            view = view[written:]

    def receive(self):
        total, header_length = _FRAME.unpack(self._read_exactly(_FRAME.size))
        data = self._read_exactly(total)
        return json.loads(data[:header_length].decode("utf-8")), data[header_length:]

    def _read_exactly(self, count):
        chunks = []
        while count:
            chunk = os.read(self.read_fd, count)
            if not chunk:
                raise EOFError("the host closed the channel")
            chunks.append(chunk)
            count -= len(chunk)
        return b"".join(chunks)


class OutputCapture:
    """Collects stdout and stderr bytes of one execution, up to a shared limit."""

    def __init__(self):
        self.limit = 1024 * 1024
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.truncated = False

    def reset(self):
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.truncated = False

    def append(self, target, data):
        room = self.limit - len(self.stdout) - len(self.stderr)
        if len(data) <= room:
            target += data
            return True
        if room > 0:
            target += data[:room]
        self.truncated = True
        return False


class CapturedBinaryStream:
    """The `buffer` of a captured text stream: accepts bytes."""

    def __init__(self, capture, name, fd):
        self._capture = capture
        self._name = name
        self._fd = fd

    def write(self, data):
        data = bytes(data)
        if not self._capture.append(getattr(self._capture, self._name), data):
            raise OutputLimitExceeded()
        return len(data)

    def flush(self):
        pass

    def fileno(self):
        return self._fd

    def isatty(self):
        return False

    def writable(self):
        return True

    def readable(self):
        return False


class CapturedTextStream(CapturedBinaryStream):
    """A replacement for sys.stdout or sys.stderr that captures what user code prints."""

    encoding = "utf-8"
    errors = "surrogateescape"

    def __init__(self, capture, name, fd):
        super().__init__(capture, name, fd)
        self.buffer = CapturedBinaryStream(capture, name, fd)

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if not self._capture.append(getattr(self._capture, self._name), text.encode("utf-8", "surrogateescape")):
            raise OutputLimitExceeded()
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)


class NativeOutputPump:
    """Moves what child processes and C code write to file descriptors 1 and 2 into the capture."""

    def __init__(self, capture):
        self._capture = capture
        self._lock = threading.Lock()
        self._pipes = {}
        for fd, name in ((1, "stdout"), (2, "stderr")):
            read_end, write_end = os.pipe()
            os.set_blocking(read_end, False)
            os.dup2(write_end, fd)
            os.close(write_end)
            self._pipes[read_end] = name
        threading.Thread(target=self._run, name="omcp-output", daemon=True).start()

    def _run(self):
        fds = list(self._pipes)
        while True:
            ready, _, _ = select.select(fds, [], [])
            with self._lock:
                for fd in ready:
                    self._read_available(fd)

    def _read_available(self, fd):
        while True:
            try:
                data = os.read(fd, READ_CHUNK)
            except BlockingIOError:
                return
            if not data:
                return
            # Past the limit the bytes are dropped, which keeps the pipe drained and the writer unblocked.
            self._capture.append(getattr(self._capture, self._pipes[fd]), data)

    def drain(self):
        with self._lock:
            for fd in self._pipes:
                self._read_available(fd)


class Runner:
    def __init__(self, channel):
        self.channel = channel
        self.capture = OutputCapture()
        self.pump = NativeOutputPump(self.capture)
        sys.stdout = CapturedTextStream(self.capture, "stdout", 1)
        sys.stderr = CapturedTextStream(self.capture, "stderr", 2)
        self.namespace = {"__name__": "__main__", "__builtins__": builtins}
        self.policy = None
        self.next_call_id = 0
        self.pid = os.getpid()
        os.register_at_fork(after_in_child=self.detach_forked_child)

    def detach_forked_child(self):
        """Cut a child that user code forked off the channel, so it can neither read commands nor send frames."""
        for fd in (self.channel.read_fd, self.channel.write_fd):
            try:
                os.close(fd)
            except OSError:
                pass

    def serve(self):
        self.channel.send({"type": "ready", "python": sys.version.split()[0]})
        while True:
            try:
                message, _ = self.channel.receive()
            except EOFError:
                return
            kind = message.get("type")
            if kind == "configure":
                self.configure(message)
            elif kind == "execute":
                self.execute(message)
            elif kind == "install":
                self.install(message)
            else:
                self.channel.send({"type": "error", "message": f"unknown message type {kind!r}"})

    def configure(self, message):
        self.capture.limit = int(message.get("output_limit", self.capture.limit))
        self.policy = message.get("policy")
        self.channel.send({"type": "configured"})

    def call_host(self, method, params):
        """Send a request to the host during an execution and wait for its reply."""
        self.next_call_id += 1
        call_id = self.next_call_id
        self.channel.send({"type": "call", "id": call_id, "method": method, "params": params})
        reply, _ = self.channel.receive()
        if reply.get("type") != "reply" or reply.get("id") != call_id:
            raise RuntimeError("the host sent an unexpected reply")
        if reply.get("error") is not None:
            raise RuntimeError(reply["error"])
        return reply.get("result")

    def execute(self, message):
        started = time.perf_counter()
        self.capture.reset()
        code = message.get("code", "")
        error = None
        exit_code = 0
        rejection = self.check_policy(code)
        if rejection is None:
            try:
                compiled = compile(code, "<sandbox>", "exec", dont_inherit=True)
                exec(compiled, self.namespace)
            except OutputLimitExceeded:
                pass
            except SystemExit as exit_request:
                # As in CPython, None, 0 and False mean success. Any other status is reported as 1, with the
                # status in the message, so that code cannot pose as a timeout (124) or a kill (137).
                if exit_request.code is not None and exit_request.code is not False and exit_request.code != 0:
                    exit_code = 1
                    error = describe_exception(exit_request)
            except BaseException as exception:  # noqa: B036 - user code may raise anything, KeyboardInterrupt too
                exit_code = 1
                error = describe_exception(exception)
        else:
            exit_code = 1
        if os.getpid() != self.pid:
            # A child that user code forked has finished that code; it must not go on to run the runner.
            os._exit(exit_code)
        self.finish(message, started, exit_code, error, rejection)

    def check_policy(self, code):
        if self.policy is None:
            return None
        import omcp_policy

        return omcp_policy.check(code, self.policy)

    def install(self, message):
        import subprocess

        started = time.perf_counter()
        self.capture.reset()
        command = [
            sys.executable, "-m", "pip", "install", "--no-index", "--no-cache-dir", "--disable-pip-version-check",
            "--find-links", message["wheel_dir"], "--target", PACKAGES_DIR, "--", message["requirement"],
        ]
        completed = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, check=False)
        self.capture.append(self.capture.stdout, completed.stdout)
        self.capture.append(self.capture.stderr, completed.stderr)
        import importlib

        importlib.invalidate_caches()
        error = None
        if completed.returncode != 0:
            error = {"type": "InstallError", "message": f"pip exited with status {completed.returncode}",
                     "traceback": ""}
        self.finish(message, started, 0 if completed.returncode == 0 else 1, error, None)

    def finish(self, message, started, exit_code, error, rejection):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:  # noqa: B036 - a replaced stream may fail in any way
                pass
        end_child_processes()
        self.pump.drain()
        header = {
            "type": "result",
            "id": message.get("id"),
            "exit_code": exit_code,
            "error": error,
            "rejection": bound_rejection(rejection),
            "output_truncated": self.capture.truncated,
            "stdout_length": len(self.capture.stdout),
            "duration_ms": (time.perf_counter() - started) * 1000.0,
        }
        self.channel.send(header, bytes(self.capture.stdout) + bytes(self.capture.stderr))
        self.capture.reset()


def end_child_processes():
    """Kill every process the execution left behind and reap them, since this runner is the container's init."""
    try:
        # kill(-1) reaches every process this user may signal except the caller itself.
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        return
    give_up = time.monotonic() + 1.0
    while time.monotonic() < give_up:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.001)


def describe_exception(exception):
    trace = exception.__traceback__
    # The runner's own frames (the exec call, or compile for a SyntaxError) tell the user nothing.
    while trace is not None and trace.tb_frame.f_code.co_filename == __file__:
        trace = trace.tb_next
    text = "".join(traceback.format_exception(type(exception), exception, trace))
    try:
        message = str(exception)
    except BaseException:  # noqa: B036 - a user-defined __str__ may raise anything
        message = f"<{type(exception).__name__} whose str() failed>"
    return {
        "type": type(exception).__name__,
        "message": truncate(message, MAX_MESSAGE_CHARS, "... message truncated"),
        "traceback": truncate(text, MAX_TRACEBACK_CHARS, "\n... traceback truncated\n"),
    }


def truncate(text, limit, marker):
    return text if len(text) <= limit else text[:limit] + marker


def bound_rejection(rejection):
    if not isinstance(rejection, dict):
        return rejection
    bounded = dict(rejection)
    for key in ("rule", "name", "message"):
        if isinstance(bounded.get(key), str):
            bounded[key] = truncate(bounded[key], MAX_MESSAGE_CHARS, "...")
    return bounded


def prepare_matplotlib_cache():
    """Copy the font cache built into the image to the writable config directory on /tmp."""
    import shutil

    config_dir = os.environ.get("MPLCONFIGDIR")
    if config_dir and os.path.isdir(MATPLOTLIB_CACHE_DIR) and not os.path.exists(config_dir):
        try:
            shutil.copytree(MATPLOTLIB_CACHE_DIR, config_dir)
        except OSError:
            pass  # Without the cache matplotlib builds its own on first use, which is slower but works.


def main():
    read_fd = os.dup(0)
    write_fd = os.dup(1)
    null_fd = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null_fd, 0)
    os.close(null_fd)
    sys.stdin = open(0, "r", closefd=False)
    os.makedirs(PACKAGES_DIR, exist_ok=True)
    prepare_matplotlib_cache()
    sys.path.insert(0, os.path.join(RUNNER_DIR, "lib"))
    sys.path.insert(0, RUNNER_DIR)
    sys.path.append(PACKAGES_DIR)
    runner = Runner(Channel(read_fd, write_fd))
    sys.modules["_omcp_channel"] = runner
    runner.serve()


if __name__ == "__main__":
    main()
