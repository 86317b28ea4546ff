#!/usr/bin/env python3
"""Synthesises the console's alert sounds into resources/sounds/ (committed WAV files).

Why synthesised: the sounds are ours, reproducible byte for byte, and tuned for a
command centre — loud enough to cut through a room, soft enough for a 12-hour shift.

Every file is 16-bit PCM, 44.1 kHz, mono. The output is deterministic (no randomness,
no timestamps in the files), so ``--check`` can prove the committed files are what
this script makes.

The sounds
- ``alarm.wav``       silent report (V报警): a 1.5 s hi-lo two-tone (880/660 Hz) with
                      a few soft harmonics so small speakers still carry it. Each tone
                      fades in and out over a few milliseconds and the file starts and
                      ends at silence, so QSoundEffect can loop it without a click.
- ``escalation.wav``  unacknowledged past the escalation time: higher (1175/880 Hz),
                      twice as fast, a little louder, brighter. Loopable the same way.
- ``chime.wav``       new ordinary post: a soft two-note bell (E6 then C6) that decays.
- ``link_lost.wav``   the live link is lost: three descending steps (G5, D5, G4) —
                      unlike anything else the console plays.

Peak levels stay between -11 and -6 dBFS (headroom): the volume setting scales from there.

Usage:
    python scripts/make_sounds.py            # (re)write resources/sounds/*.wav
    python scripts/make_sounds.py --check    # exit 1 if a committed file differs
"""

from __future__ import annotations

import argparse
import io
import math
import sys
import wave
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path

RATE = 44_100
SOUNDS_DIR = Path(__file__).resolve().parent.parent / "resources" / "sounds"
FADE_S = 0.008  # long enough to avoid clicks, short enough to keep the attack crisp

Wave = Callable[[float], float]


def _harmonic(freq: float, partials: Iterable[tuple[float, float]]) -> Wave:
    """A tone made of (multiple, amplitude) partials over a fundamental, normalised to 1."""
    parts = list(partials)
    total = sum(a for _, a in parts)

    def wave_at(t: float) -> float:
        return sum(a * math.sin(2 * math.pi * freq * m * t) for m, a in parts) / total

    return wave_at


def _tone(
    freq: float,
    seconds: float,
    peak: float,
    partials: Iterable[tuple[float, float]] = ((1, 1.0),),
    fade_s: float = FADE_S,
    decay_per_s: float = 0.0,
) -> list[float]:
    """One tone with raised-cosine fade-in/out (and optional exponential decay)."""
    n = round(seconds * RATE)
    fade_n = max(1, round(fade_s * RATE))
    wave_at = _harmonic(freq, partials)
    out: list[float] = []
    for i in range(n):
        t = i / RATE
        env = 1.0
        if i < fade_n:
            env = 0.5 - 0.5 * math.cos(math.pi * i / fade_n)
        elif i >= n - fade_n:
            env = 0.5 - 0.5 * math.cos(math.pi * (n - 1 - i) / fade_n)
        if decay_per_s:
            env *= math.exp(-decay_per_s * t)
        out.append(peak * env * wave_at(t))
    return out


def _silence(seconds: float) -> list[float]:
    return [0.0] * round(seconds * RATE)


def _mix_at(base: list[float], add: list[float], offset_s: float) -> list[float]:
    start = round(offset_s * RATE)
    end = start + len(add)
    if end > len(base):
        base = base + [0.0] * (end - len(base))
    for i, v in enumerate(add):
        base[start + i] += v
    return base


SIREN_PARTIALS = ((1, 1.0), (2, 0.30), (3, 0.12))


def alarm() -> list[float]:
    out: list[float] = []
    for _ in range(2):
        out += _tone(880.0, 0.375, 0.55, SIREN_PARTIALS)
        out += _tone(660.0, 0.375, 0.55, SIREN_PARTIALS)
    return out  # 1.5 s


def escalation() -> list[float]:
    bright = ((1, 1.0), (2, 0.40), (3, 0.22), (4, 0.10))
    out: list[float] = []
    for _ in range(4):
        out += _tone(1174.7, 0.125, 0.62, bright, fade_s=0.006)
        out += _tone(880.0, 0.125, 0.62, bright, fade_s=0.006)
    return out  # 1.0 s


def chime() -> list[float]:
    # 2.76x is the first overtone of a struck bar: it is what makes it sound like a bell.
    bell = ((1, 1.0), (2.76, 0.12))
    out = _silence(0.9)
    out = _mix_at(out, _tone(1318.5, 0.55, 0.30, bell, fade_s=0.004, decay_per_s=6.0), 0.0)
    out = _mix_at(out, _tone(1046.5, 0.70, 0.30, bell, fade_s=0.004, decay_per_s=5.0), 0.18)
    return out[: round(0.9 * RATE)]


def link_lost() -> list[float]:
    soft_square = ((1, 1.0), (3, 0.20), (5, 0.06))
    out: list[float] = []
    for freq in (784.0, 587.3, 392.0):
        out += _tone(freq, 0.22, 0.45, soft_square, fade_s=0.012)
        out += _silence(0.04)
    return out


SOUNDS: dict[str, Callable[[], list[float]]] = {
    "alarm": alarm,
    "escalation": escalation,
    "chime": chime,
    "link_lost": link_lost,
}


def encode(samples: list[float]) -> bytes:
    """16-bit mono PCM WAV bytes (clipped, rounded; no metadata, hence deterministic)."""
    pcm = array("h", (max(-32767, min(32767, round(s * 32767))) for s in samples))
    if sys.byteorder == "big":
        pcm.byteswap()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--out", type=Path, default=SOUNDS_DIR, help="target folder")
    args = parser.parse_args(argv)
    stale: list[str] = []
    for name, make in SOUNDS.items():
        data = encode(make())
        path = args.out / f"{name}.wav"
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path.name)
            continue
        args.out.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path} ({len(data) / 1024:.0f} KiB)")
    if stale:
        print("out of date (run scripts/make_sounds.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
