"""Decoding what a citizen uploads: a file is kept only if it really is what it looks like.

`sniff` names the type from the first bytes; here the whole file is read by a kept
library for that type, and it must end where the format says it ends:

- PNG and JPEG: Pillow verifies the structure (PNG chunk checksums), then decodes
  every pixel, within `max_pixels`. A PNG must end with its IEND chunk, a JPEG with
  its end-of-image marker.
- WAV: the standard library's `wave` reads every frame; the RIFF size must match.
- MP3: mutagen's MPEG frame parser walks every frame from the first to the last
  (an ID3v1 tag may close the file).
- OGG and M4A: mutagen reads the stream; every Ogg page, or every top-level MP4
  box, is walked to the end. An Ogg video (Theora) is not audio.
- AAC (ADTS) and AMR: every frame header is walked by its length (no kept parser
  walks them; the formats are one table each).

Anything that fails is refused with 422 — which is what a polyglot gets: a valid
header followed by a web page, or a page that merely starts like an MP3 frame.
Markup anywhere in the file (`<html`, `<script`, ...) is refused too: it has no
business inside a photo or a recording.
"""

from __future__ import annotations

import io
import re
import warnings
import wave
from collections.abc import Callable

import mutagen
from mutagen.mp3 import HeaderNotFoundError, MPEGFrame, skip_id3
from mutagen.mp4 import MP4
from mutagen.mp4._atom import Atoms
from mutagen.ogg import OggPage
from mutagen.oggflac import OggFLAC
from mutagen.oggopus import OggOpus
from mutagen.oggspeex import OggSpeex
from mutagen.oggvorbis import OggVorbis
from PIL import Image

from platform_server.domain.sniff import Sniffed
from platform_server.errors import ApiError

_MARKUP = re.compile(
    rb"<(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta|form|\?xml)[\s>/]",
    re.IGNORECASE,
)
_OGG_AUDIO = (OggVorbis, OggOpus, OggSpeex, OggFLAC)
# Bytes per frame (TOC byte included) by frame type; 0: not a valid frame type.
_AMR_NB = (13, 14, 16, 18, 20, 21, 27, 32, 6, 0, 0, 0, 0, 0, 0, 1)
_AMR_WB = (18, 24, 33, 37, 41, 47, 51, 59, 61, 6, 0, 0, 0, 0, 1, 1)


class NotDecodableError(Exception):
    """The bytes are not a complete, valid file of the type they start like."""


def refused(what: str) -> ApiError:
    return ApiError(
        422,
        "not_decodable",
        f"这个文件无法作为{what}读取（内容不完整、已损坏，或夹带了其他内容），"
        "请重新拍摄或录制后上传。",
    )


def verify(data: bytes, sniffed: Sniffed, max_pixels: int) -> None:
    """422 unless `data` decodes completely as `sniffed` says (and holds no markup)."""
    what = "图片" if sniffed.kind == "image" else "录音"
    if _MARKUP.search(data):
        raise refused(what)
    if sniffed.kind == "image":
        _image(data, sniffed, max_pixels)
        return
    check = _AUDIO_CHECKS.get(sniffed.extension)
    if check is None:
        raise refused(what)
    try:
        check(data)
    except (NotDecodableError, mutagen.MutagenError, wave.Error, EOFError, ValueError) as exc:
        raise refused(what) from exc


def _image(data: bytes, sniffed: Sniffed, max_pixels: int) -> None:
    fmt = "PNG" if sniffed.extension == "png" else "JPEG"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            stream = io.BytesIO(data)
            with Image.open(stream, formats=[fmt]) as im:
                if im.width * im.height > max_pixels:
                    raise ApiError(
                        422,
                        "image_too_large",
                        f"图片像素太多（{im.width}×{im.height}），请缩小后再上传。",
                    )
                im.verify()
            if fmt == "PNG":
                # verify() stops right after the IEND chunk's type; its CRC ends the file.
                end = stream.tell()
                if data[end - 4 : end] != b"IEND" or end + 4 != len(data):
                    raise NotDecodableError("data after the PNG's IEND chunk")
            elif not data.endswith(b"\xff\xd9"):
                raise NotDecodableError("data after the JPEG's end-of-image marker")
            with Image.open(io.BytesIO(data), formats=[fmt]) as im:
                im.load()
    except ApiError:
        raise
    except (NotDecodableError, OSError, ValueError, SyntaxError, Warning) as exc:
        # OSError: truncated or corrupt; SyntaxError: Pillow's "broken PNG file".
        raise refused("图片") from exc


def _wav(data: bytes) -> None:
    riff_size = int.from_bytes(data[4:8], "little") + 8
    if riff_size not in (len(data), len(data) - 1):  # a pad byte may follow
        raise NotDecodableError("RIFF size does not match the file")
    with wave.open(io.BytesIO(data), "rb") as w:
        frames = w.getnframes()
        got = w.readframes(frames)
        if len(got) != frames * w.getsampwidth() * w.getnchannels():
            raise NotDecodableError("fewer samples than the header says")


def _mp3(data: bytes) -> None:
    f = io.BytesIO(data)
    skip_id3(f)
    frames = 0
    while f.tell() < len(data):
        rest = len(data) - f.tell()
        if rest == 128 and data[f.tell() : f.tell() + 3] == b"TAG":
            break  # ID3v1 tag
        try:
            MPEGFrame(f)
        except HeaderNotFoundError as exc:
            raise NotDecodableError(f"no MPEG frame at byte {f.tell()}") from exc
        frames += 1
    # A last frame cut short is how a stopped recording may end: allowed after others.
    if frames == 0 or (f.tell() > len(data) and frames < 2):
        raise NotDecodableError("no complete MPEG audio frames")


def _ogg(data: bytes) -> None:
    audio = mutagen.File(io.BytesIO(data))
    if not isinstance(audio, _OGG_AUDIO):
        raise NotDecodableError("not an Ogg audio stream")
    f = io.BytesIO(data)
    while f.tell() < len(data):
        OggPage(f)
    if f.tell() != len(data):
        raise NotDecodableError("last Ogg page cut short")


def _m4a(data: bytes) -> None:
    info = MP4(io.BytesIO(data)).info
    if info is None or not info.codec or info.length <= 0:
        raise NotDecodableError("no audio track")
    atoms = Atoms(io.BytesIO(data))
    if sum(a.length for a in atoms.atoms) != len(data):
        raise NotDecodableError("data after the last MP4 box")


def _adts(data: bytes) -> None:
    pos = frames = 0
    while pos < len(data):
        head = data[pos : pos + 7]
        if len(head) < 7 or head[0] != 0xFF or head[1] & 0xF6 != 0xF0:
            raise NotDecodableError(f"no ADTS frame at byte {pos}")
        length = ((head[3] & 0x03) << 11) | (head[4] << 3) | (head[5] >> 5)
        if length < 7:
            raise NotDecodableError("ADTS frame shorter than its header")
        pos += length
        frames += 1
    if pos != len(data) or frames == 0:
        raise NotDecodableError("last ADTS frame cut short")


def _amr_frames(data: bytes, start: int, sizes: tuple[int, ...]) -> None:
    pos, frames = start, 0
    while pos < len(data):
        toc = data[pos]
        size = sizes[(toc >> 3) & 0x0F]
        if toc & 0x83 or size == 0:
            raise NotDecodableError(f"no AMR frame at byte {pos}")
        pos += size
        frames += 1
    if pos != len(data) or frames == 0:
        raise NotDecodableError("last AMR frame cut short")


def _amr(data: bytes) -> None:
    _amr_frames(data, len(b"#!AMR\n"), _AMR_NB)


def _amr_wb(data: bytes) -> None:
    _amr_frames(data, len(b"#!AMR-WB\n"), _AMR_WB)


_AUDIO_CHECKS: dict[str, Callable[[bytes], None]] = {
    "wav": _wav,
    "mp3": _mp3,
    "ogg": _ogg,
    "m4a": _m4a,
    "aac": _adts,
    "amr": _amr,
    "awb": _amr_wb,
}
