"""Whether what was typed in the settings dialog can be saved: a URL the console can
use, a CA bundle it can read, an alert journal it can write.

Blocking (a CA bundle on a network share may be slow): the dialog runs `check_values`
on a worker and shows the `Problem`s it returns, translated, on the GUI thread.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PEM_MARKER = "-----BEGIN CERTIFICATE-----"


@dataclass(frozen=True)
class Problem:
    """One reason the entered values cannot be saved (translated on the GUI thread)."""

    field: str
    kind: str
    detail: str = ""


def check_values(values: dict[str, Any]) -> list[Problem]:
    """What is wrong with ``values`` (blocking: touches the disk; run it on a worker)."""
    problems: list[Problem] = []
    server = str(values.get("server_url", ""))
    if server:
        parts = urlsplit(server)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            problems.append(Problem("server_url", "bad_url"))
    ca = str(values.get("ca_bundle", ""))
    if ca:
        path = Path(ca)
        if not path.is_file():
            problems.append(Problem("ca_bundle", "missing"))
        else:
            try:
                head = path.read_text(encoding="ascii", errors="replace")
                if PEM_MARKER not in head:
                    problems.append(Problem("ca_bundle", "not_pem"))
                else:
                    ssl.create_default_context(cafile=str(path))  # parses every certificate
            except (OSError, ssl.SSLError) as exc:
                problems.append(Problem("ca_bundle", "unreadable", str(exc)))
    journal = str(values.get("alert_journal_path", "")).strip()
    if not journal:
        problems.append(Problem("alert_journal_path", "empty"))
    else:
        try:
            Path(journal).parent.mkdir(parents=True, exist_ok=True)
            with open(journal, "a", encoding="utf-8"):
                pass  # the journal appends; proving it can is enough
        except OSError as exc:
            problems.append(Problem("alert_journal_path", "unwritable", str(exc)))
    return problems
