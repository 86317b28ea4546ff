"""The server freezes its start-up objects out of the cyclic collector, unless it shares
the process with the console (the embedded demo), whose objects must stay collectable."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from platform_server.config import ServerSettings
from platform_server.embedded import EmbeddedServer
from tests.helpers.platform import new_reference_database

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("freeze", [True, False], ids=["own-process", "beside-the-console"])
def test_start_up_objects_are_frozen_only_in_a_process_of_its_own(
    tmp_path: Path, freeze: bool
) -> None:
    path = tmp_path / "platform.sqlite3"
    new_reference_database(path)
    before = gc.get_freeze_count()  # other servers of this test run froze some already
    settings = ServerSettings(db_url=f"sqlite:///{path}", freeze_gc=freeze)
    with EmbeddedServer(settings):
        frozen = gc.get_freeze_count() - before
    assert (frozen > 0) == freeze
