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


def jpeg_bytes(width: int = 8, height: int = 6) -> bytes:
    """A real baseline JPEG (Pillow)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (120, 160, 200)).save(out, "JPEG", quality=80)
    return out.getvalue()


# MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames. A frame whose
# side information is all zeros decodes as silence.
_MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 413


def mp3_bytes(frames: int = 12, id3: bool = True) -> bytes:
    """A short silent MP3: an ID3v2 tag, whole frames, an ID3v1 tag."""
    head = b"ID3\x04\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10 if id3 else b""
    tail = b"TAG" + b"\x00" * 125 if id3 else b""
    return head + _MP3_FRAME * frames + tail


def amr_bytes(frames: int = 25) -> bytes:
    """AMR narrow-band: the magic line, then 12.2 kbit/s frames (32 bytes each)."""
    return b"#!AMR\n" + (b"\x3c" + b"\x00" * 31) * frames


def adts_bytes(frames: int = 10) -> bytes:
    """AAC in ADTS frames of 100 bytes (7-byte header, no CRC)."""
    length = 100
    header = bytes(
        [
            0xFF,
            0xF1,
            0x50,
            0x80 | (length >> 11),
            (length >> 3) & 0xFF,
            ((length & 7) << 5) | 0x1F,
            0xFC,
        ]
    )
    return (header + b"\x00" * (length - 7)) * frames
