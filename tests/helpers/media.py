"""Media files as citizens upload them: real PNG and WAV bytes, made in memory."""

from __future__ import annotations

import io
import struct
import wave
import zlib


def png_bytes(width: int = 4, height: int = 3, extra: int = 0) -> bytes:
    """A real (tiny, grey) PNG, optionally padded with an ancillary chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    out = b"\x89PNG\r\n\x1a\n" + chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    )
    if extra:
        out += chunk(b"teXt", b"pad\x00" + b"x" * extra)
    return out + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def wav_bytes(seconds: float = 0.3) -> bytes:
    """A short silent 8 kHz mono WAV."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\0\0" * int(8000 * seconds))
    return out.getvalue()
