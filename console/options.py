"""What this run of the console was asked to do (the command line, console/__main__.py).

`Options` is filled once at start-up and read by the controller (console/app.py); the
demo account is what the embedded demo platform signs in with.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path

from console.embedded import DEMO_DAYS, DEMO_POSTS

DEMO_BADGE = "010001"
DEMO_PASSWORD = "demo-pass"  # noqa: S105  (the documented demo credential, embedded demo only)


@dataclass
class Options:
    """What the command line asked for (console/__main__.py)."""

    server: str = ""
    badge: str = ""
    workstation: str = ""
    password: str = ""  # from DUTY_CONSOLE_PASSWORD, never from the command line
    alert_journal: Path | None = None
    theme: str | None = None
    self_test: bool = False
    demo_posts: int = DEMO_POSTS
    demo_days: int = DEMO_DAYS
    simulate: bool = True
    ca_bundle: Path | None = None  # --ca-bundle: overrides the saved setting, not saved


def default_workstation() -> str:
    """This computer's name, as the workstation recorded with every action."""
    return socket.gethostname()[:100]
