"""Real audio for tests: a private PulseAudio daemon with a null sink, and a recorder.

`null_sink_daemon` starts PulseAudio (null sink ``ci_null``, socket in a temporary
folder), so a test neither needs nor disturbs a desktop sound server; `recording` records
what is played into the sink. It skips, saying why, only when PulseAudio is not installed
or will not start here (scripts/setup.sh installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

SINK = "ci_null"
RATE = 44_100


@dataclass
class NullSink:
    server: str
    env: dict[str, str]
    pactl: str

    def listing(self, what: str) -> str:
        """``pactl list short <what>`` on this daemon ("" when it does not answer)."""
        result = subprocess.run(
            [self.pactl, f"--server={self.server}", "list", "short", what],
            capture_output=True,
            text=True,
            timeout=10,
            env=self.env,
            check=False,
        )
        return result.stdout if result.returncode == 0 else ""


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll a condition of the outside world (a daemon, a file) until it holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@contextmanager
def null_sink_daemon(folder: Path) -> Iterator[NullSink]:
    tools = {name: shutil.which(name) for name in ("pulseaudio", "pactl", "parecord")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        pytest.skip(f"real-audio test needs PulseAudio; not installed: {', '.join(missing)}")
    socket = folder / "native"
    env = {
        **os.environ,
        "HOME": str(folder),
        "XDG_RUNTIME_DIR": str(folder),
        "PULSE_RUNTIME_PATH": str(folder),
        "PULSE_STATE_PATH": str(folder),
    }
    env.pop("PULSE_SERVER", None)
    log_path = folder / "pulseaudio.log"
    with open(log_path, "wb") as log:
        daemon = subprocess.Popen(
            [
                str(tools["pulseaudio"]),
                "-n",
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--use-pid-file=no",
                "--disallow-exit",
                f"--load=module-null-sink sink_name={SINK}",
                f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
            ],
            env=env,
            stdout=log,
            stderr=log,
        )
    sink = NullSink(f"unix:{socket}", env, str(tools["pactl"]))
    with suppress(AssertionError):  # a daemon that will not start is a skip, below
        wait_for(lambda: SINK in sink.listing("sinks") or daemon.poll() is not None, 10, "sink")
    if SINK not in sink.listing("sinks"):
        daemon.kill()
        daemon.wait(5)
        tail = log_path.read_text(errors="replace")[-400:]
        pytest.skip(f"a private PulseAudio with a null sink would not start here: {tail}")
    env["PULSE_SERVER"] = sink.server
    try:
        yield sink
    finally:
        daemon.terminate()
        try:
            daemon.wait(5)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait(5)


@contextmanager
def recording(
    sink: NullSink, out: Path, *, latency_ms: int | None = None, tail: float = 0.3
) -> Iterator[None]:
    """Record the sink into ``out`` (mono 44.1 kHz WAV) while the block runs.

    The block starts once the recorder is attached to the sink; after it, the recording
    goes on until ``tail`` seconds more of audio are in the file, so the last buffers of
    what was played (and a stretch of what followed) are in it.
    """
    command = [
        "parecord",
        f"--server={sink.server}",
        f"--device={SINK}.monitor",
        "--file-format=wav",
        "--channels=1",
        f"--rate={RATE}",
        "--format=s16le",
        str(out),
    ]
    if latency_ms is not None:
        command.insert(-1, f"--latency-msec={latency_ms}")
    recorder = subprocess.Popen(
        command, env=sink.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(lambda: bool(sink.listing("source-outputs").strip()), 10, "the recorder")
        yield
        size = out.stat().st_size if out.exists() else 0
        wanted = size + int(tail * RATE * 2)  # 16-bit mono
        wait_for(lambda: out.stat().st_size >= wanted, 10, "the recording to go on")
    finally:
        recorder.terminate()
        recorder.wait(10)
