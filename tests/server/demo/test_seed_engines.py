"""Seeding on both engines, then the platform carrying on as usual.

A seeder writes rows with explicit ids; on PostgreSQL that left every id sequence at
1 and the first new post after seeding was a 500 (duplicate key). Seeded through the
CLI (`seed --db URL`, the option after the subcommand as the CLI documents it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from platform_server.cli import main
from tests.helpers import databases
from tests.helpers.platform import RunningPlatform, citizen_post, silent_report
from tests.helpers.posts import if_match

pytestmark = pytest.mark.integration


def test_everything_can_be_created_after_seeding(
    engine: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = databases.new_database(engine, tmp_path)
    assert main(["seed", "--db", url, "--posts", "300", "--days", "10"]) == 0
    assert "seeded demo city" in capsys.readouterr().out
    platform = RunningPlatform.serve_url(url)
    try:
        citizen = platform.citizen("新来的市民")  # a citizen and a token row
        pid = citizen_post(citizen, "种子数据之后的新帖子")  # post, timeline, event
        assert pid > 300
        sid = silent_report(citizen)
        officer = platform.officer("010001")
        assert officer.post(f"/posts/{pid}/accept", headers=if_match(1)).status_code == 200
        reply = officer.post(f"/posts/{pid}/replies", {"body": "已收到，正在处理。"})
        assert reply.status_code == 201, reply.text  # reply, audit entry
        note = officer.post(f"/posts/{pid}/notes", {"body": "内部备注"})
        assert note.status_code == 201, note.text
        ack = officer.post(f"/posts/{sid}/acknowledge", headers=if_match(1))
        assert ack.status_code == 200, ack.text
        detail = officer.get(f"/posts/{pid}").json()
        assert [r["body"] for r in detail["replies"]] == ["已收到，正在处理。"]
    finally:
        platform.stop()
