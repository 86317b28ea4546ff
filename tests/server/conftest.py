"""Fixtures several server test packages share (the platforms are in tests/conftest.py)."""

from __future__ import annotations

import pytest

from platform_server.demo.reference_data import DEMO_ADMIN_BADGE
from tests.helpers.platform import Api, RunningPlatform
from tests.helpers.queue_data import install_queue_posts


@pytest.fixture(scope="module")
def admin(platform: RunningPlatform) -> Api:
    """The demo admin, signed in to the module's platform: sees every post and figure."""
    return platform.officer(DEMO_ADMIN_BADGE)


@pytest.fixture(scope="module")
def queue_posts(platform: RunningPlatform) -> dict[str, int]:
    """The queue tests' known posts (tests/helpers/queue_data.py) in the module's platform."""
    return install_queue_posts(platform)
