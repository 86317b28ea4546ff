"""Phone masking for officers outside the handling unit: never more than 4 digits shown."""

from __future__ import annotations

import pytest

from platform_server.domain.security import mask_phone

pytestmark = pytest.mark.unit

TABLE = [
    (None, None),
    ("", ""),
    ("12345", "***45"),
    ("123456", "***456"),
    ("1234567", "****567"),
    ("12345678", "****5678"),
    ("13812345678", "*******5678"),
    ("+8613812345678", "+*********5678"),
    ("123456789012345", "***********2345"),
]


@pytest.mark.parametrize(("phone", "masked"), TABLE)
def test_masking_table(phone: str | None, masked: str | None) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize("length", range(5, 16))
def test_never_more_than_four_digits_nor_half_of_them(length: int) -> None:
    phone = "9" * length
    shown = sum(ch.isdigit() for ch in mask_phone(phone) or "")
    assert shown <= 4 and shown <= length // 2
    assert len(mask_phone(phone) or "") == length
