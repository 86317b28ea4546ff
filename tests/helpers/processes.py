"""Platform servers as separate processes (`platform-server serve`), as a city runs them.

`ServerProcess.start(db_url)` runs ``python -m platform_server serve --db URL`` on a
free loopback port and returns once it answers; `stop()` ends it with SIGTERM (then
SIGKILL). Its output goes to a log file in the given folder, shown when it fails.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from platform_server.embedded import free_port


@dataclass
class ServerProcess:
    proc: subprocess.Popen[bytes]
    url: str
    log: Path

    @classmethod
    def start(cls, db_url: str, folder: Path, *args: str, timeout: float = 60.0) -> ServerProcess:
        port = free_port()
        log = folder / f"server-{port}.log"
        cmd = [sys.executable, "-m", "platform_server", "serve", "--db", db_url]
        cmd += ["--port", str(port), *args]
        with log.open("wb") as out:
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        server = cls(proc, f"http://127.0.0.1:{port}", log)
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited ({proc.returncode}):\n{log.read_text()}")
            try:
                if requests.get(server.url + "/api/v1/meta", timeout=1).ok:
                    return server
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                server.stop()
                raise TimeoutError(f"server did not answer in time:\n{log.read_text()}")
            time.sleep(0.1)

    def stop(self, timeout: float = 15.0) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace")
