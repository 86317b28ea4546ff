"""The reply-safety check on a labelled set of officer texts (tests/data/reply_safety.tsv):
every ID-card and phone number is caught, and false alarms stay under 2 %."""

from __future__ import annotations

from pathlib import Path

import pytest

from console import reply_safety
from console.reply_safety import ADDRESS, ID_CARD, PHONE

pytestmark = pytest.mark.unit

DATA = Path(__file__).parents[1] / "data" / "reply_safety.tsv"
LABELS = {"id": ID_CARD, "phone": PHONE, "address": ADDRESS}


def _cases() -> list[tuple[set[str], str]]:
    out = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        label, text = line.split("\t", 1)
        out.append(({LABELS[x] for x in label.split(",") if x != "-"}, text))
    return out


CASES = _cases()


def test_the_set_is_large_and_mixed() -> None:
    assert len(CASES) >= 200
    assert sum(1 for kinds, _ in CASES if not kinds) >= 100  # incl. tricky negatives
    for kind in (ID_CARD, PHONE, ADDRESS):
        assert sum(1 for kinds, _ in CASES if kind in kinds) >= 20


@pytest.mark.parametrize("kind", [ID_CARD, PHONE])
def test_every_id_card_and_phone_number_is_caught(kind: str) -> None:
    missed = [
        text for kinds, text in CASES if kind in kinds and kind not in reply_safety.kinds(text)
    ]
    assert missed == []


def test_false_alarms_stay_under_two_percent() -> None:
    """A false alarm: the check names a kind of personal data the sentence does not hold."""
    false = [(text, reply_safety.kinds(text) - kinds) for kinds, text in CASES]
    false = [f for f in false if f[1]]
    assert len(false) / len(CASES) < 0.02, false


def test_addresses_are_caught_too() -> None:
    with_address = [text for kinds, text in CASES if ADDRESS in kinds]
    missed = [t for t in with_address if ADDRESS not in reply_safety.kinds(t)]
    assert len(missed) / len(with_address) <= 0.05, missed


def test_the_check_digit_decides_for_18_digit_numbers() -> None:
    assert reply_safety.kinds("身份证号371302198503121235已核验") == {ID_CARD}
    assert reply_safety.kinds("编号371302198503121236已核验") == set()  # wrong check digit
    assert reply_safety.kinds("编号371302198513121235") == set()  # no 13th month


def test_findings_say_where_they_are() -> None:
    text = "请联系13912345678，地址滨河路123号。"
    found = reply_safety.findings(text)
    assert [f.kind for f in found] == [PHONE, ADDRESS]
    assert text[found[0].start : found[0].end] == "13912345678"
    assert text[found[1].start : found[1].end].endswith("滨河路123号")
