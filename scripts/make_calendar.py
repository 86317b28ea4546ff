"""Generate the mainland public-holiday calendar the platform ships (run once a year).

    pip install --target /tmp/hol holidays && PYTHONPATH=/tmp/hol python scripts/make_calendar.py

Reads PyPI `holidays` (a build-time tool, not a runtime dependency) and writes
`platform_server/data/calendar_cn.json`: per year, the days off (法定节假日 and the
days moved by the State Council's arrangement, 调休) and the make-up working days
(weekend days worked instead).

A year is `official` only when the library cites the State Council's notice for it
(its `special_public_holidays` table has the year: the swapped days off and the
make-up days). Otherwise the year is `provisional`: only the statutory holidays
themselves (fixed by 《全国年节及纪念日放假办法》 and the lunar calendar), none of the
library's guessed "observed" days and no make-up days, because the arrangement is
not known yet; an admin enters it with `PUT /api/v1/calendar/{year}` once the notice
is published. Nothing is invented here.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import holidays
from holidays.countries.china import China, ChinaStaticHolidays

OUT = Path(__file__).resolve().parent.parent / "platform_server" / "data" / "calendar_cn.json"
YEARS = (2026, 2027)


def year_entry(year: int) -> dict[str, object]:
    days = China(years=year)
    names = China(years=year, language="zh_CN")
    swaps = ChinaStaticHolidays.special_public_holidays.get(year, ())
    official = bool(swaps)
    off: dict[str, str] = {}
    for day, name in sorted(days.items()):
        if not official and "observed" in name.lower():
            continue  # the library's guess at an arrangement not yet published
        off[day.isoformat()] = names.get(day, name)
    workdays = sorted(date(year, wm, wd).isoformat() for _hm, _hd, wm, wd in swaps)
    return {
        "status": "official" if official else "provisional",
        "source": (
            f"holidays {holidays.__version__}: 国务院办公厅关于{year}年部分节假日安排的通知"
            if official
            else f"holidays {holidays.__version__}: statutory holidays only; the State "
            f"Council's {year} arrangement (调休, make-up working days) is not in the source"
        ),
        "holidays": off,
        "workdays": workdays,
    }


def main() -> int:
    data = {
        "generated_by": "scripts/make_calendar.py",
        "region": "CN mainland",
        "years": {str(y): year_entry(y) for y in YEARS},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for y, e in data["years"].items():  # type: ignore[attr-defined]
        print(y, e["status"], len(e["holidays"]), "days off,", len(e["workdays"]), "make-up days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
