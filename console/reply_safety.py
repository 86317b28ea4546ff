"""Personal data in an officer's own public text, found before it goes out.

A public reply or a notice is read by everyone. Officers sometimes paste what they
should not: a citizen's ID-card number, a phone number, a home address. `findings`
looks for them in the officer's text so the console can ask before sending:

- ID-card numbers: 18 digits (the last may be X) whose check digit is right (GB 11643,
  ISO 7064 MOD 11-2), with a real region digit and birth date; 15-digit legacy numbers
  with a real region digit and birth date (they have no check digit);
- phone numbers: mobiles (1[3-9] + 9 digits, with or without +86 and separators) and
  landlines with an area code (0 + 2–3 digits, then 7–8 digits);
- street addresses: a road or lane with a house number (…路12号, …巷3弄), or building,
  entrance and room numbers (5栋, 3单元, 402室, 7号楼).

Not personal, so not flagged: public service numbers (110, 119, 120, 122, 12345,
96110, 9600110, 400/800 numbers), case and document numbers, dates, amounts, and a road
named without a house number (人民路派出所). Digits that run on into more digits are
never a phone or ID number (a longer case number). Measured on the labelled sentences
in tests/data/reply_safety.tsv (tests/console/test_reply_safety.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

ID_CARD, PHONE, ADDRESS = "id_card", "phone", "address"

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

# Digits standing alone: not preceded or followed by another digit (or a letter that
# would make it a code like a licence plate or an order number).
_ID18 = re.compile(r"(?<![0-9A-Za-z])([1-8]\d{5})(\d{8})(\d{3})([0-9Xx])(?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])([1-8]\d{5})(\d{6})(\d{3})(?![0-9A-Za-z])")
_SEP = r"[ \-－‐]?"
_MOBILE = re.compile(
    rf"(?<![0-9A-Za-z])(?:(?:\+|＋)?86{_SEP})?(1[3-9]\d){_SEP}(\d{{4}}){_SEP}(\d{{4}})(?![0-9A-Za-z])"
)
_LANDLINE = re.compile(
    r"(?<![0-9A-Za-z])(?:[(（]0\d{2,3}[)）]|0\d{2,3})[ \-－]?[2-9]\d{6,7}(?![0-9A-Za-z])"
)
_NUM = r"[0-9０-９一二三四五六七八九十百零]+"
_ROAD = r"[\u4e00-\u9fa5]{1,8}?(?:大道|大街|胡同|路|街|巷|道|里)(?:[东西南北中][段侧])?"
_ADDRESSES = (
    # a road or lane with a house number: 滨河路123号, 解放街45-2号, 幸福巷7弄
    re.compile(rf"{_ROAD}{_NUM}(?:[-－]{_NUM})?(?:号|弄)"),
    # building, entrance, room: 5栋, 12幢, 3单元, 402室, 7号楼
    re.compile(rf"(?<![〔\[【(（]){_NUM}(?:号楼|栋|幢|单元|室)"),
)


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: what kind, where in the text, and the text itself."""

    kind: str
    start: int
    end: int
    text: str


def _real_date(y: int, m: int, d: int) -> bool:
    try:
        born = date(y, m, d)
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


def id18_valid(number: str) -> bool:
    """The check digit of an 18-digit ID-card number is right."""
    total = sum(int(c) * w for c, w in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


def _id_cards(text: str) -> list[Finding]:
    out = []
    for m in _ID18.finditer(text):
        born = m.group(2)
        if _real_date(int(born[:4]), int(born[4:6]), int(born[6:])) and id18_valid(m.group(0)):
            out.append(Finding(ID_CARD, m.start(), m.end(), m.group(0)))
    for m in _ID15.finditer(text):
        born = m.group(2)
        if _real_date(1900 + int(born[:2]), int(born[2:4]), int(born[4:])):
            out.append(Finding(ID_CARD, m.start(), m.end(), m.group(0)))
    return out


def _phones(text: str) -> list[Finding]:
    out = [Finding(PHONE, m.start(), m.end(), m.group(0)) for m in _MOBILE.finditer(text)]
    out += [Finding(PHONE, m.start(), m.end(), m.group(0)) for m in _LANDLINE.finditer(text)]
    return out


def _addresses(text: str) -> list[Finding]:
    return [
        Finding(ADDRESS, m.start(), m.end(), m.group(0))
        for p in _ADDRESSES
        for m in p.finditer(text)
    ]


def findings(text: str) -> list[Finding]:
    """Every ID-card number, phone number and street address in `text`, in order.

    Where two overlap (an ID number also looks like a landline), the earlier, longer
    one is kept.
    """
    found = sorted(
        _id_cards(text) + _phones(text) + _addresses(text), key=lambda f: (f.start, -f.end)
    )
    kept: list[Finding] = []
    for f in found:
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    return kept


def kinds(text: str) -> set[str]:
    return {f.kind for f in findings(text)}
