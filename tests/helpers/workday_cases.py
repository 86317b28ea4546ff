"""Working-day cases over the shipped 2026/2027 calendar, for every copy of the algorithm.

`platform_server.domain.workdays` is tested against these; a console that counts
"time left" in working days must pass the same table. Times are naive UTC; the city's
days are local (UTC+8), so 01:00 UTC is 09:00 there.
"""

from __future__ import annotations

# (start, working days, deadline): add_working_days
ADD_CASES: list[tuple[str, int, str]] = [
    ("2026-09-16T01:00:00", 0, "2026-09-16T01:00:00"),  # nothing to add
    ("2026-09-18T01:00:00", 1, "2026-09-20T01:00:00"),  # Fri → Sun 20 Sep, a make-up day
    ("2026-09-30T01:00:00", 1, "2026-10-08T01:00:00"),  # over the National Day week
    ("2026-09-30T01:00:00", 3, "2026-10-10T01:00:00"),  # Sat 10 Oct is worked
    ("2026-09-30T17:00:00", 1, "2026-10-07T17:00:00"),  # local 1 Oct 01:00 → 8 Oct 01:00
    ("2026-02-13T01:00:00", 1, "2026-02-14T01:00:00"),  # Fri → Sat 14 Feb, a make-up day
    ("2026-02-14T01:00:00", 1, "2026-02-24T01:00:00"),  # over the Spring Festival
    ("2026-06-18T01:00:00", 1, "2026-06-22T01:00:00"),  # Dragon Boat Fri 19 Jun off
    ("2026-12-31T01:00:00", 1, "2027-01-04T01:00:00"),  # New Year 2027 (provisional year)
    ("2026-11-20T10:00:00", 5, "2026-11-27T10:00:00"),  # an ordinary week (local 18:00)
]

# (now, deadline, working days left): working_days_left
LEFT_CASES: list[tuple[str, str, int]] = [
    ("2026-09-30T01:00:00", "2026-09-30T09:00:00", 0),  # due today
    ("2026-09-30T01:00:00", "2026-10-08T01:00:00", 1),
    ("2026-10-02T01:00:00", "2026-10-10T01:00:00", 3),  # 8, 9 and (make-up) 10 Oct
    ("2026-10-08T01:00:00", "2026-09-30T01:00:00", -1),  # a working day late
    ("2026-11-20T01:00:00", "2026-11-27T01:00:00", 5),
]
