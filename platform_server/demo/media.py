"""Sample photos and voice clips for the demo: real PNG and WAV bytes, made in memory."""

from __future__ import annotations

import io
import math
import random
import struct
import wave
import zlib


def make_png(rng: random.Random, width: int = 96, height: int = 72) -> bytes:
    """A small valid RGB PNG that looks like a blurry snapshot (sky, street, shapes)."""
    sky = [rng.randint(90, 200), rng.randint(120, 210), rng.randint(170, 250)]
    ground = [rng.randint(60, 140)] * 3
    shapes = [
        (
            rng.randrange(width),
            rng.randrange(height // 3, height),
            rng.randint(6, 22),
            [rng.randint(0, 255) for _ in range(3)],
        )
        for _ in range(rng.randint(2, 5))
    ]
    horizon = rng.randint(height // 3, height // 2)
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter: none
        base = sky if y < horizon else ground
        shade = 1.0 - 0.3 * y / height
        for x in range(width):
            px = [int(c * shade) for c in base]
            for sx, sy, r, colour in shapes:
                if abs(x - sx) < r and abs(y - sy) < r // 2 + 2:
                    px = colour
            raw.extend(px)

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + chunk(b"IEND", b"")
    )


def make_wav(rng: random.Random, seconds: float = 1.5, rate: int = 8000) -> bytes:
    """A short valid mono 16-bit WAV: syllable-like tone bursts over a little noise."""
    n = int(seconds * rate)
    pitch = rng.uniform(110, 240)
    syllable = rng.uniform(0.12, 0.25)
    frames = bytearray()
    for i in range(n):
        t = i / rate
        envelope = max(0.0, math.sin(math.pi * (t % syllable) / syllable)) ** 2
        voice = math.sin(2 * math.pi * pitch * t) + 0.4 * math.sin(2 * math.pi * 2.1 * pitch * t)
        sample = 6000 * envelope * voice + rng.uniform(-300, 300)
        frames += struct.pack("<h", max(-32768, min(32767, int(sample))))
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    return buf.getvalue()


# ---------------------------------------------------------------- simulator
