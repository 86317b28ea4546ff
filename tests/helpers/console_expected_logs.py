"""Warnings the console's own tests provoke on purpose, declared here for now.

The strict-log fixture (tests/conftest.py) came after these tests were written; they
live in tests/console, which the console's engineers own, so their declarations are
kept in this one table until each moves next to its test as
``@pytest.mark.expected_log(...)``. `tests/conftest.py` turns every entry into that
marker at collection time. Nothing here applies to tests/server.
"""

from __future__ import annotations

REFUSED = r"console\.api\.client: platform refused "
OUTBOX_REFUSED = r"console\.api\.outbox_sender: outbox item \d+ \(\w+\) (refused|is stale)"
TASK_FAILED = r"console\.tasks: background task .* failed"

# Benign in any console test: a worker's result that arrives after its window closed.
ANY_CONSOLE_TEST = [r"console\.tasks: task .* submitted after shutdown; ignored"]

BY_TEST: dict[str, list[str]] = {
    "test_actions.py::test_claim_conflict_between_two_consoles_names_the_holder_and_keeps_the_draft": [  # noqa: E501
        REFUSED + r"POST .*/accept: 409",
        OUTBOX_REFUSED,
    ],
    "test_actions.py::test_stale_action_says_who_changed_the_post": [
        REFUSED + r"POST .*/close: 412",
        OUTBOX_REFUSED,
    ],
    "test_alert_journal.py::test_unwritable_path_is_logged_never_raised": [
        r"console\.alerts\.journal: alert journal: cannot write to ",
    ],
    "test_client.py::test_wrong_password_then_rate_limited": [
        REFUSED + r"POST .*/auth/login: (401|429) ",
        r"platform_server\.domain\.accounts: login rate-limited",
    ],
    "test_client.py::test_invalid_input_is_a_validation_error_in_chinese": [
        REFUSED + r"POST .*/auth/login: 422 ",
    ],
    "test_client.py::test_accept_conflict_names_the_holder": [REFUSED + r"POST .*/accept: 409"],
    "test_client.py::test_stale_version_is_stale_error_with_current_version": [
        REFUSED + r"POST .*/close: 412",
    ],
    "test_client.py::test_missing_post_and_out_of_scope_action": [
        REFUSED + r"(GET|POST) .*: 40[34]"
    ],
    "test_client.py::test_reply_with_the_same_key_is_one_reply": [
        REFUSED + r"POST .*/replies: 422 idempotency_key_reused",
    ],
    "test_credentials.py::test_backend_that_fails_at_runtime_is_reported_not_raised": [
        r"console\.api\.credentials: keyring (refused to store|could not be read)",
    ],
    "test_dashboard.py::test_failure_is_a_sentence_on_screen": [TASK_FAILED],
    "test_logging_crash.py::test_log_file_never_holds_phones_tokens_or_passwords": [
        r"console\.test: (login body|failed)",
    ],
    "test_logging_crash.py::test_crash_is_logged_and_the_officer_told_where_the_log_is": [
        r"console\.crash: unhandled exception",
    ],
    "test_login.py::test_wrong_password_says_so_in_chinese": [
        REFUSED + r"POST .*/auth/login: 401 ",
        TASK_FAILED,
    ],
    "test_login.py::test_expired_token_mid_draft_brings_back_sign_in_and_keeps_case_and_draft": [
        REFUSED + r"GET .*: 401 token_revoked",
        TASK_FAILED,
        r"console\.views\.queue_feed: queue page failed: AuthError",
    ],
    "test_outbox.py::test_conflict_fails_with_the_reason_and_holds_later_actions": [
        REFUSED + r"POST .*/accept: 409",
        OUTBOX_REFUSED,
    ],
    "test_outbox.py::test_refused_token_pauses_until_a_new_one": [
        REFUSED + r"POST .*: 401 token_revoked",
    ],
    "test_outbox.py::test_acknowledge_goes_through_even_after_an_escalation": [
        REFUSED + r"POST .*/acknowledge: 412",
    ],
    "test_reply_editor.py::test_failed_reply_shows_reason_and_retry_then_delivers": [
        REFUSED + r"POST .*/replies: 409",
        OUTBOX_REFUSED,
    ],
    "test_settings.py::test_hand_edited_garbage_falls_back_to_default": [
        r"console\.settings: setting \w+ has an unusable value",
    ],
    "test_settings_dialog.py::test_unreadable_ca_bundle_stops_sign_in_with_a_sentence": [
        TASK_FAILED,
    ],
    "test_store.py::test_unreadable_payload_is_skipped_not_fatal": [
        r"console\.store: event \d+ \(post\.updated\) has an unreadable post",
    ],
    "test_stream.py::test_unknown_resume_point_asks_for_a_resync_and_stays_live": [
        r"console\.api\.stream: event stream reset: unknown_seq",
    ],
    # It starts with a made-up token; the platform may answer it before the real one.
    "test_stream.py::test_offline_then_platform_appears": [
        r"console\.api\.stream: event stream refused the token",
    ],
    "test_stream.py::test_refused_token_stops_with_auth_failed": [
        r"console\.api\.stream: event stream refused the token",
    ],
    "test_tasks.py::test_failure_is_logged_with_traceback_and_delivered": [TASK_FAILED],
    "test_tasks.py::test_a_raising_callback_does_not_kill_the_runner": [
        r"console\.tasks: success callback .* raised",
    ],
    "test_tasks.py::test_sync_runner_runs_inline": [r"console\.tasks: task .* failed"],
}


def patterns_for(nodeid: str) -> list[str]:
    """The declared patterns of a console test (its node id from the repository root)."""
    if not nodeid.startswith("tests/console/"):
        return []
    name = nodeid.removeprefix("tests/console/").split("[")[0]
    return ANY_CONSOLE_TEST + BY_TEST.get(name, [])
