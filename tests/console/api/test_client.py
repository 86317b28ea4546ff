"""PlatformClient against the real platform on loopback: typed answers, typed errors."""

from __future__ import annotations

import threading
import uuid

import pytest

from console.api import errors
from console.api.client import PlatformClient
from console.api.models import PostDetail, Reply
from platform_server.demo.reference_data import DEMO_PASSWORD
from platform_server.embedded import free_port
from tests.helpers.client import signed_in_client
from tests.helpers.console_expected_logs import REFUSED
from tests.helpers.media import png_bytes
from tests.helpers.platform import RunningPlatform, citizen_post

pytestmark = pytest.mark.integration


@pytest.mark.expected_log(REFUSED + r"POST .*/auth/login: (401|429) ")
@pytest.mark.expected_log(r"platform_server\.domain\.accounts: login rate-limited")
def test_wrong_password_then_rate_limited(fresh_platform: RunningPlatform) -> None:
    c = PlatformClient(fresh_platform.url)
    with pytest.raises(errors.AuthError) as info:
        c.login("010001", "wrong-pass", "ws")
    assert info.value.user_message() == "警号或密码不正确，请核对后重试。"
    assert c.token is None
    for _ in range(10):
        try:
            c.login("010001", "wrong-pass", "ws")
        except errors.RateLimitedError as exc:
            assert exc.status == 429
            assert exc.retry_after is not None and exc.retry_after > 0
            assert "秒后再试" in exc.user_message()
            break
        except errors.AuthError:
            continue
    else:
        pytest.fail("login was never rate-limited")


@pytest.mark.expected_log(REFUSED + r"POST .*/auth/login: 422 ")
def test_invalid_input_is_a_validation_error_in_chinese(platform: RunningPlatform) -> None:
    c = PlatformClient(platform.url)
    with pytest.raises(errors.ValidationError) as info:
        c.login("", DEMO_PASSWORD, "ws")
    assert info.value.status == 422
    assert "警号" in info.value.user_message()


def test_unreachable_platform_is_offline_error(chinese: None) -> None:
    c = PlatformClient(f"http://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(errors.OfflineError) as info:
        c.me()
    assert info.value.status == 0
    assert "无法连接到平台" in info.value.user_message()
    assert isinstance(info.value, errors.TRANSIENT)


# ---------------------------------------------------------------- reference data
def test_reference_data_and_meta(client: PlatformClient) -> None:
    boards = {b.code: b for b in client.boards()}
    assert boards["silent"].restricted and not boards["110"].restricted
    units = {u.code: u for u in client.units()}
    assert units["cmd"].name == "市局指挥中心"
    assert units["st-hebin"].parent_id == units["br-east"].id
    officers = {o.badge: o for o in client.officers()}
    assert officers["010900"].role == "leader"
    assert all(t.title and t.body for t in client.templates())
    meta = client.meta()
    assert meta.escalation_seconds == 2.0
    assert meta.max_body_chars > 0
    assert meta.server_time.tzinfo is not None


def test_set_duty_round_trip(platform: RunningPlatform) -> None:
    c = signed_in_client(platform, "010003")
    assert c.set_duty(False).on_duty is False
    assert {o.badge: o for o in c.officers()}["010003"].on_duty is False
    assert c.set_duty(True).on_duty is True


# ---------------------------------------------------------------- posts
def test_list_and_search_in_chinese(platform: RunningPlatform, client: PlatformClient) -> None:
    marker = uuid.uuid4().hex[:6]
    wanted = citizen_post(platform, title=f"电动车被盗 {marker}")
    citizen_post(platform, title=f"噪音扰民 {marker}")
    page = client.list_posts({"q": f"电动车 {marker}"})
    assert [p.id for p in page.items] == [wanted]
    hit = page.items[0]
    assert hit.title == f"电动车被盗 {marker}"
    assert hit.created_at.tzinfo is not None
    assert hit.status == "new" and hit.kind == "post"

    both = client.list_posts({"q": marker, "status": ["new", "accepted"], "board": "110"})
    assert len(both.items) == 2


def test_cursor_paging_walks_everything_once(
    platform: RunningPlatform, client: PlatformClient
) -> None:
    marker = uuid.uuid4().hex[:6]
    made = {citizen_post(platform, title=f"翻页 {marker} {i}") for i in range(5)}
    seen: list[int] = []
    cursor = None
    while True:
        page = client.list_posts({"q": marker}, cursor=cursor, limit=2)
        seen.extend(p.id for p in page.items)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert sorted(seen) == sorted(made)


def test_detail_carries_version_from_etag(
    platform: RunningPlatform, client: PlatformClient
) -> None:
    pid = citizen_post(platform)
    detail = client.get_post(pid)
    assert isinstance(detail, PostDetail)
    assert detail.version >= 1
    assert detail.body.endswith("请尽快处理，谢谢。")
    assert detail.timeline and detail.timeline[0].at.tzinfo is not None
    assert detail.summary().id == pid


@pytest.mark.expected_log(REFUSED + r"POST .*/accept: 409")
def test_accept_conflict_names_the_holder(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    zhang, li = signed_in_client(platform, "010001"), signed_in_client(platform, "010002")
    v = zhang.get_post(pid).version
    accepted = zhang.accept(pid, v)
    assert accepted.status == "accepted" and accepted.version > v
    assert accepted.assignee_id == zhang.me().id

    with pytest.raises(errors.ConflictError) as info:
        li.accept(pid, accepted.version)
    exc = info.value
    assert exc.status == 409
    assert exc.holder is not None and exc.holder["name"] == "张伟"
    assert "张伟" in exc.user_message()


@pytest.mark.expected_log(REFUSED + r"POST .*/close: 412")
def test_stale_version_is_stale_error_with_current_version(
    platform: RunningPlatform, client: PlatformClient
) -> None:
    pid = citizen_post(platform)
    v = client.get_post(pid).version
    client.accept(pid, v)
    with pytest.raises(errors.StaleError) as info:
        client.close(pid, v, "已处理")  # v is from before the accept
    assert info.value.status == 412
    assert info.value.current_version == client.get_post(pid).version
    assert info.value.user_message()


@pytest.mark.expected_log(REFUSED + r"(GET|POST) .*: 40[34]")
def test_missing_post_and_out_of_scope_action(
    platform: RunningPlatform, client: PlatformClient
) -> None:
    with pytest.raises(errors.NotFoundError) as info:
        client.get_post(999_999)
    assert info.value.status == 404 and info.value.user_message()

    traffic_post = citizen_post(platform, board="traffic", title="路口信号灯坏了")
    v = client.get_post(traffic_post).version  # any officer may read an ordinary post
    with pytest.raises(errors.ForbiddenError) as forbidden:
        client.accept(traffic_post, v)
    assert forbidden.value.status == 403
    assert "范围" in forbidden.value.user_message()


@pytest.mark.expected_log(REFUSED + r"POST .*/replies: 422 idempotency_key_reused")
def test_reply_with_the_same_key_is_one_reply(
    platform: RunningPlatform, client: PlatformClient
) -> None:
    pid = citizen_post(platform)
    key = uuid.uuid4().hex
    first = client.reply(pid, "您好，民警已出发。", key)
    again = client.reply(pid, "您好，民警已出发。", key)
    assert isinstance(first, Reply)
    assert again.id == first.id
    assert [r.body for r in client.get_post(pid).replies] == ["您好，民警已出发。"]
    with pytest.raises(errors.ValidationError) as info:
        client.reply(pid, "另一句话", key)
    assert info.value.code == "idempotency_key_reused"


def test_transfer_close_reopen(platform: RunningPlatform, client: PlatformClient) -> None:
    pid = citizen_post(platform)
    units = {u.code: u for u in client.units()}
    post = client.get_post(pid)
    post = client.transfer(pid, post.version, units["st-hebin"].id, "属河滨辖区")
    assert post.unit_id == units["st-hebin"].id and post.transfer_count == 1

    pid2 = citizen_post(platform)
    v = client.accept(pid2, client.get_post(pid2).version).version
    closed = client.close(pid2, v, "已调解完毕")
    assert closed.status == "resolved"
    reopened = client.reopen(pid2, closed.version, "当事人再次求助")
    assert reopened.status != "resolved"


def test_note_is_internal(platform: RunningPlatform, client: PlatformClient) -> None:
    pid = citizen_post(platform)
    note = client.note(pid, "报警人情绪激动，注意沟通", idem_key=uuid.uuid4().hex)
    detail = client.get_post(pid)
    assert [n.id for n in detail.notes] == [note.id]
    assert detail.replies == ()


def test_generic_get_json_for_stats(client: PlatformClient) -> None:
    data = client.get_json("/stats/summary")
    assert isinstance(data, dict)


def test_one_client_from_many_threads(platform: RunningPlatform, client: PlatformClient) -> None:
    pid = citizen_post(platform)
    results: list[int] = []
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                results.append(client.get_post(pid).id)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not failures
    assert results == [pid] * 20


def test_attachment_bytes_and_type(platform: RunningPlatform, client: PlatformClient) -> None:
    citizen = platform.citizen()
    r = citizen.post("/public/posts", {"board": "110", "title": "车被刮了", "body": "有照片"})
    pid = r.json()["id"]
    data = png_bytes()
    up = citizen.session.post(
        citizen.url(f"/public/posts/{pid}/attachments"),
        files={"file": ("现场.png", data, "application/octet-stream")},
        headers=citizen.headers(),
        timeout=10,
    )
    assert up.status_code == 201, up.text
    (att,) = client.get_post(pid).attachments
    assert (att.kind, att.content_type, att.size) == ("image", "image/png", len(data))
    body, content_type = client.attachment(att.id)
    assert body == data
    assert content_type.startswith("image/png")
