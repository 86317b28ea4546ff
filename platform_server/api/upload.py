"""Reading request bodies safely: size limits for every request, streamed uploads.

`RequestBodyGuard` (ASGI middleware) caps every request body before any route sees
it: JSON bodies at `MAX_JSON_BYTES`, attachment uploads at the attachment cap plus
the multipart envelope. Oversize requests get a 413 in the platform's JSON error
shape (Starlette's own limit answers in plain text), and JSON bodies that are not
UTF-8 get a 422 with a sentence (FastAPI would answer 400 in English).

`read_single_file` streams one multipart upload: Starlette's form parser spools any
size of upload to disk before a route can look at it; here the body is fed to
python-multipart chunk by chunk as it arrives and refused (413) the moment it
passes the cap, so a huge or endless upload costs at most the cap in memory.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from fastapi import Request
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from platform_server.api.errors import error_response
from platform_server.errors import ApiError

# Room for the multipart envelope: boundaries, part headers, a few small fields.
ENVELOPE_BYTES = 64 * 1024
# Far above any valid JSON request (5,000 characters escaped as \uXXXX is 30 KB),
# far below what could hurt the server.
MAX_JSON_BYTES = 256 * 1024
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
MAX_FILENAME_CHARS = 200


@dataclass
class UploadedFile:
    data: bytes
    filename: str


class _TooLargeError(Exception):
    pass


def too_large(max_bytes: int) -> ApiError:
    mib = max_bytes / (1024 * 1024)
    return ApiError(
        413,
        "too_large",
        f"文件太大了：每个附件最大 {mib:.0f} MB，请压缩后再上传。",
        max_bytes=max_bytes,
    )


def clean_filename(raw: bytes) -> str:
    """A display label from the client's file name: no path, no control characters."""
    name = raw.decode("utf-8", errors="replace")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    return name.strip()[:MAX_FILENAME_CHARS]


class _OneFileParser:
    """python-multipart callbacks that keep the parts sent in one form field, capped."""

    def __init__(self, boundary: bytes, field: str, max_bytes: int) -> None:
        self.field = field.encode()
        self.max_bytes = max_bytes
        self.files: list[UploadedFile] = []
        self.ended = False
        self._data = bytearray()
        self._ours = False
        self._filename = b""
        self._field = bytearray()
        self._value = bytearray()
        self._headers: dict[bytes, bytes] = {}
        self.parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self._part_begin,
                "on_header_field": self._header_field,
                "on_header_value": self._header_value,
                "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished,
                "on_part_data": self._part_data,
                "on_part_end": self._part_end,
                "on_end": self._end,
            },
        )

    def _part_begin(self) -> None:
        self._headers.clear()
        self._ours = False
        self._data.clear()

    def _header_field(self, buf: bytes, start: int, end: int) -> None:
        self._field.extend(buf[start:end])

    def _header_value(self, buf: bytes, start: int, end: int) -> None:
        self._value.extend(buf[start:end])

    def _header_end(self) -> None:
        self._headers[bytes(self._field).lower()] = bytes(self._value)
        self._field.clear()
        self._value.clear()

    def _headers_finished(self) -> None:
        _, disp = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._ours = disp.get(b"name") == self.field and b"filename" in disp
        self._filename = disp.get(b"filename", b"")

    def _part_data(self, buf: bytes, start: int, end: int) -> None:
        if not self._ours:
            return  # other form fields are ignored (and bounded by the request cap)
        if len(self._data) + (end - start) > self.max_bytes:
            raise _TooLargeError
        self._data.extend(buf[start:end])

    def _part_end(self) -> None:
        if self._ours:
            # The declared content type is ignored: the bytes decide (domain.sniff).
            self.files.append(
                UploadedFile(data=bytes(self._data), filename=clean_filename(self._filename))
            )
            self._data.clear()

    def _end(self) -> None:
        self.ended = True


async def read_single_file(request: Request, max_bytes: int, field: str = "file") -> UploadedFile:
    """The one file sent in form field `field`; 413 past `max_bytes`, 422 when malformed."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise ApiError(
            422,
            "not_multipart",
            f"请用 multipart/form-data 上传附件，文件放在“{field}”字段里。",
        )
    limit = max_bytes + ENVELOPE_BYTES
    declared_length = request.headers.get("content-length", "")
    if declared_length.isdigit() and int(declared_length) > limit:
        raise too_large(max_bytes)
    parts = _OneFileParser(boundary, field, max_bytes)
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise _TooLargeError
            parts.parser.write(chunk)
            if len(parts.files) > 1:
                break
        parts.parser.finalize()
    except _TooLargeError:
        raise too_large(max_bytes) from None
    except (ApiError, HTTPException, ClientDisconnect):
        raise
    except Exception as exc:  # python-multipart raises its own errors for bad framing
        raise ApiError(
            422, "bad_multipart", "上传的内容格式不正确或不完整，请重新选择文件上传。"
        ) from exc
    if len(parts.files) > 1:
        raise ApiError(422, "one_file_only", "一次只能上传一个附件。")
    if not parts.files or not parts.ended:
        raise ApiError(422, "missing_file", f"没有收到文件：请把附件放在“{field}”字段里完整上传。")
    if not parts.files[0].data:
        raise ApiError(422, "empty_file", "上传的文件是空的。")
    return parts.files[0]


def _is_upload(scope: Scope) -> bool:
    return bool(scope["method"] == "POST" and str(scope.get("path", "")).endswith("/attachments"))


class RequestBodyGuard:
    """ASGI middleware: size-caps every request body; JSON bodies must be UTF-8.

    JSON bodies (small by the cap) are read here in full and handed on unchanged;
    uploads are passed through with a byte counter so the route can stream them.
    """

    def __init__(
        self, app: ASGIApp, *, max_upload_bytes: int, max_json_bytes: int = MAX_JSON_BYTES
    ) -> None:
        self.app = app
        self.max_upload_bytes = max_upload_bytes
        self.max_json_bytes = max_json_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        upload = _is_upload(scope)
        # The upload route checks its own (smaller) cap with a precise sentence;
        # this is the backstop.
        limit = self.max_upload_bytes + 2 * ENVELOPE_BYTES if upload else self.max_json_bytes
        length = _content_length(scope)
        if length is not None and length > limit:
            await self._reject(scope, receive, send, limit)
            return
        if upload:
            await self.app(scope, _counting(receive, limit), send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)
                return
            body += message.get("body", b"")
            if len(body) > limit:
                await self._reject(scope, receive, send, limit)
                return
            if not message.get("more_body", False):
                break
        if body and _is_json(scope):
            try:
                bytes(body).decode("utf-8")
            except UnicodeDecodeError:
                err = ApiError(
                    422, "invalid_request", "请求体不是有效的 JSON（或不是 UTF-8 编码）。"
                )
                await error_response(err)(scope, receive, send)
                return
        first: Message = {"type": "http.request", "body": bytes(body), "more_body": False}
        await self.app(scope, _replay([first], receive), send)

    @staticmethod
    async def _reject(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        err = ApiError(
            413, "too_large", f"请求内容太大（上限 {limit // 1024} KB）。", max_bytes=limit
        )
        await error_response(err)(scope, receive, send)


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value)
    return None


def _content_length(scope: Scope) -> int | None:
    raw = _header(scope, b"content-length")
    return int(raw) if raw is not None and raw.isdigit() else None


def _is_json(scope: Scope) -> bool:
    raw = (_header(scope, b"content-type") or b"").split(b";")[0].strip().lower()
    return raw in (b"", b"application/json") or raw.endswith(b"+json")


def _replay(first: list[Message], receive: Receive) -> Receive:
    pending = list(first)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()  # afterwards only http.disconnect can come

    return replay


def _counting(receive: Receive, limit: int) -> Receive:
    total = 0

    async def counted() -> Message:
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > limit:
                raise HTTPException(413)
        return message

    return counted
