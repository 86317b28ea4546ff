"""What an uploaded file really is, decided from its first bytes.

The declared content type and the file name come from the citizen's device and are
not trusted: a page of HTML named `photo.png` must never be stored (and later
served) as an image. Only the formats the platform accepts are recognised: JPEG
and PNG images; WAV, MP3, OGG, AMR and M4A/AAC audio. Anything else is `None`.
"""

from __future__ import annotations

from dataclasses import dataclass

HEAD_BYTES = 64  # enough for every signature below


@dataclass(frozen=True)
class Sniffed:
    kind: str  # "image" | "audio"
    content_type: str
    extension: str


JPEG = Sniffed("image", "image/jpeg", "jpg")
PNG = Sniffed("image", "image/png", "png")
WAV = Sniffed("audio", "audio/wav", "wav")
MP3 = Sniffed("audio", "audio/mpeg", "mp3")
OGG = Sniffed("audio", "audio/ogg", "ogg")
AMR = Sniffed("audio", "audio/amr", "amr")
AMR_WB = Sniffed("audio", "audio/amr-wb", "awb")
M4A = Sniffed("audio", "audio/mp4", "m4a")
AAC = Sniffed("audio", "audio/aac", "aac")

# ISO-BMFF major brands that are audio containers (not video).
_M4A_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}


def _mpeg_audio_frame(head: bytes) -> bool:
    """An MPEG-1/2 audio frame header (MP3 without an ID3 tag)."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version = (head[1] >> 3) & 0x03
    layer = (head[1] >> 1) & 0x03
    bitrate = head[2] >> 4
    sample_rate = (head[2] >> 2) & 0x03
    # 01 version, 00 layer, 1111 bitrate and 11 sample rate are reserved/invalid.
    return version != 0b01 and layer != 0b00 and bitrate != 0x0F and sample_rate != 0x03


def _adts_frame(head: bytes) -> bool:
    """An AAC ADTS frame header: 12 sync bits, then layer 00."""
    return len(head) >= 7 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0


def _m4a(head: bytes) -> bool:
    if len(head) < 16 or head[4:8] != b"ftyp":
        return False
    if head[8:12] in _M4A_BRANDS:
        return True
    box_size = int.from_bytes(head[0:4], "big")
    compatible = head[16 : min(box_size, len(head))]
    return any(compatible[i : i + 4] in _M4A_BRANDS for i in range(0, len(compatible) - 3, 4))


def sniff(head: bytes) -> Sniffed | None:
    """The accepted type these leading bytes belong to, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return PNG
    if head[0:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    if head.startswith(b"ID3") and len(head) >= 10 and head[3] in (2, 3, 4):
        return MP3
    if head.startswith(b"OggS"):
        return OGG
    if head.startswith(b"#!AMR-WB\n"):
        return AMR_WB
    if head.startswith(b"#!AMR\n"):
        return AMR
    if _m4a(head):
        return M4A
    if _adts_frame(head):
        return AAC
    if _mpeg_audio_frame(head):
        return MP3
    return None
