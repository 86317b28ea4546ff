"""A raw Server-Sent Events client for tests, over a plain loopback socket.

Unlike `requests-sse` it shows comment frames (`: ping`), reports when the server
closed the stream, and can be dropped abruptly, which is what the stream tests
need to see. HTTP/1.1 with chunked decoding, like real clients.
"""

from __future__ import annotations

import contextlib
import json
import socket
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Frame:
    event: str | None = None
    data: str | None = None
    id: str | None = None
    retry: int | None = None
    comments: list[str] = field(default_factory=list)
    at: float = 0.0  # time.monotonic() when the frame was complete

    @property
    def json(self) -> Any:
        return json.loads(self.data or "null")

    @property
    def seq(self) -> int:
        assert self.id is not None
        return int(self.id)

    @property
    def is_ping(self) -> bool:
        return self.event is None and self.data is None and "ping" in self.comments


class SseReader:
    """GET /api/v1/events; `status`, `headers`, then frames via `next()`."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        last_event_id: str | None = None,
        after: int | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> None:
        url = urlsplit(base_url)
        host, port = url.hostname or "127.0.0.1", url.port or 80
        path = "/api/v1/events" + (f"?after={after}" if after is not None else "")
        lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Accept: text/event-stream"]
        if token:
            lines.append(f"Authorization: Bearer {token}")
        if last_event_id is not None:
            lines.append(f"Last-Event-ID: {last_event_id}")
        lines += [f"{k}: {v}" for k, v in (extra_headers or {}).items()]
        self.sock = socket.create_connection((host, port), timeout=10)
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self._raw = b""
        self._body = b""
        self._chunked = False
        self._remaining_chunk = 0
        self.eof = False
        head = self._read_until(b"\r\n\r\n", time.monotonic() + 10)
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        self.status = int(status_line.split()[1])
        self.headers = {
            k.strip().lower(): v.strip()
            for k, _, v in (h.partition(":") for h in header_lines if h)
        }
        self._chunked = self.headers.get("transfer-encoding", "").lower() == "chunked"

    # ------------------------------------------------------------ transport
    def _recv(self, deadline: float) -> bool:
        """Read more raw bytes; False on timeout or EOF."""
        timeout = deadline - time.monotonic()
        if timeout <= 0 or self.eof:
            return False
        self.sock.settimeout(timeout)
        try:
            chunk = self.sock.recv(65536)
        except TimeoutError:
            return False
        except OSError:
            self.eof = True
            return False
        if not chunk:
            self.eof = True
            return False
        self._raw += chunk
        return True

    def _read_until(self, marker: bytes, deadline: float) -> bytes:
        while marker not in self._raw:
            if not self._recv(deadline):
                raise TimeoutError(f"no {marker!r} from server")
        head, _, self._raw = self._raw.partition(marker)
        return head

    def _decode(self) -> None:
        """Move decoded body bytes from the raw buffer into the body buffer."""
        if not self._chunked:
            self._body += self._raw
            self._raw = b""
            return
        while True:
            if self._remaining_chunk == 0:
                if b"\r\n" not in self._raw:
                    return
                size_line, _, rest = self._raw.partition(b"\r\n")
                size = int(size_line.split(b";")[0], 16)
                if size == 0:
                    self.eof = True
                    self._raw = b""
                    return
                self._raw = rest
                self._remaining_chunk = size + 2  # data plus its CRLF
            take = min(self._remaining_chunk, len(self._raw))
            if take == 0:
                return
            data = self._raw[:take]
            self._raw = self._raw[take:]
            self._remaining_chunk -= take
            if self._remaining_chunk == 0:
                data = data[:-2]
            elif self._remaining_chunk == 1:
                data = data[:-1]
            self._body += data

    # ------------------------------------------------------------ frames
    def body_text(self, timeout: float = 5.0) -> str:
        """For non-200 answers: the whole (small) body."""
        deadline = time.monotonic() + timeout
        length = int(self.headers.get("content-length", "-1"))
        self._decode()
        while len(self._body) != length and self._recv(deadline):
            self._decode()
        return self._body.decode()

    def next(self, timeout: float = 5.0) -> Frame | None:
        """The next frame (event or comment), or None on timeout / end of stream."""
        deadline = time.monotonic() + timeout
        while b"\n\n" not in self._body:
            self._decode()
            if b"\n\n" in self._body:
                break
            if not self._recv(deadline):
                self._decode()
                if b"\n\n" not in self._body:
                    return None
        raw, _, self._body = self._body.partition(b"\n\n")
        frame = Frame(at=time.monotonic())
        for line in raw.decode().split("\n"):
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "":
                frame.comments.append(value)
            elif name == "event":
                frame.event = value
            elif name == "data":
                frame.data = value if frame.data is None else frame.data + "\n" + value
            elif name == "id":
                frame.id = value
            elif name == "retry":
                frame.retry = int(value)
        return frame

    def events(self, timeout: float = 5.0) -> list[Frame]:
        """Every event frame (pings skipped) until `timeout` passes or the stream ends."""
        deadline = time.monotonic() + timeout
        out = []
        while True:
            frame = self.next(max(0.0, deadline - time.monotonic()))
            if frame is None:
                return out
            if not frame.is_ping:
                out.append(frame)

    def until(self, pred: Any, timeout: float = 5.0) -> list[Frame]:
        """Event frames up to and including the first one matching `pred`."""
        deadline = time.monotonic() + timeout
        out = []
        while True:
            frame = self.next(max(0.0, deadline - time.monotonic()))
            if frame is None:
                raise AssertionError(f"no matching event within {timeout} s; got {out}")
            if frame.is_ping:
                continue
            out.append(frame)
            if pred(frame):
                return out

    def ready(self, timeout: float = 5.0) -> Frame:
        frame = self.until(lambda f: True, timeout)[0]
        assert frame.event == "stream.ready", frame
        return frame

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()

    def __enter__(self) -> SseReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
