"""The stats tests' fixed data set, written once into each module's platform."""

from __future__ import annotations

import pytest

from tests.helpers.platform import RunningPlatform
from tests.helpers.stats_cast import Cast, install_dataset


@pytest.fixture(scope="module")
def cast(platform: RunningPlatform) -> Cast:
    """Who is who in the data set (tests/helpers/stats_cast.py tells each post's story)."""
    return install_dataset(platform)
