"""Checks on text people send (citizens' posts, officers' replies, reasons, names).

Text is stored exactly as given; it is checked, never rewritten.
"""

from __future__ import annotations

import unicodedata

from platform_server.errors import ApiError
from platform_server.schemas import LocationIO

MAX_ADDRESS_CHARS = 300


def check_text(
    value: str, what: str, max_chars: int | None = None, *, required: bool = True
) -> None:
    """422 for text that cannot be stored and shown faithfully.

    NUL characters and lone surrogates (which JSON escapes can smuggle in) would be
    cut off or crash the UTF-8 encoder somewhere downstream, so they are refused
    rather than silently repaired.
    """
    if required and not value.strip():
        raise ApiError(422, "empty_text", f"{what}不能为空。", field=what)
    if max_chars is not None and len(value) > max_chars:
        raise ApiError(
            422,
            "text_too_long",
            f"{what}太长了：最多 {max_chars} 个字，现在有 {len(value)} 个字。",
            field=what,
            max_chars=max_chars,
        )
    if "\x00" in value:
        raise ApiError(422, "bad_text", f"{what}里含有无法保存的空字符（NUL），请删除后重试。")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(
            422, "bad_text", f"{what}里含有无效的字符编码（孤立的代理字符），请重新输入。"
        ) from None


def check_line(
    value: str, what: str, max_chars: int | None = None, *, required: bool = True
) -> None:
    """`check_text` for one-line labels (workstation, nickname, badge): also no line
    breaks or other control characters, which would forge lines in logs and exports."""
    check_text(value, what, max_chars, required=required)
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ApiError(
            422,
            "bad_text",
            f"{what}里含有换行或控制字符，请只填写一行文字。",
            field=what,
        )


def check_location(location: LocationIO | None) -> None:
    if location is not None and location.address is not None:
        check_text(location.address, "地址", MAX_ADDRESS_CHARS, required=False)
