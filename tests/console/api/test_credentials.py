"""CredentialStore: tokens go to the keyring or nowhere — never to a file."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import null

from console.api.credentials import CredentialStore
from tests.helpers.fakes import MemoryKeyring

pytestmark = pytest.mark.unit

SERVER = "https://platform.example"


def test_token_round_trip_per_server_and_badge(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore()
    assert store.available
    assert store.save_token(SERVER, "010001", "tok-a")
    assert store.save_token(SERVER + "/", "010002", "tok-b")
    assert store.save_token("http://127.0.0.1:9", "010001", "tok-c")

    assert store.load_token(SERVER, "010001") == "tok-a"
    assert store.load_token(SERVER, "010002") == "tok-b"  # trailing slash is the same server
    assert store.load_token("http://127.0.0.1:9", "010001") == "tok-c"
    assert store.load_token(SERVER, "010900") is None
    # stored under our service name, and only tokens
    assert {svc for svc, _ in memory_keyring.store} == {"duty-console"}
    assert sorted(memory_keyring.store.values()) == ["tok-a", "tok-b", "tok-c"]


def test_delete_forgets_and_tolerates_missing(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore()
    store.save_token(SERVER, "010001", "tok")
    store.delete(SERVER, "010001")
    assert store.load_token(SERVER, "010001") is None
    store.delete(SERVER, "010001")  # nothing stored: no error


def test_no_keyring_means_unavailable_and_nothing_written(
    no_keyring: None, console_home: Path, tmp_path: Path
) -> None:
    store = CredentialStore()
    assert not store.available
    assert store.save_token(SERVER, "010001", "secret-token-123") is False
    assert store.load_token(SERVER, "010001") is None
    store.delete(SERVER, "010001")  # no error either
    # no plaintext fallback anywhere under the test's files
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"secret-token-123" not in path.read_bytes(), path


def test_null_backend_is_unavailable() -> None:
    keyring.set_keyring(null.Keyring())
    store = CredentialStore()
    assert not store.available
    assert store.save_token(SERVER, "010001", "tok") is False


@pytest.mark.expected_log(
    r"console\.api\.credentials: keyring (refused to store|could not be read)"
)
def test_backend_that_fails_at_runtime_is_reported_not_raised(
    memory_keyring: MemoryKeyring,
) -> None:
    class Locked(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.KeyringLocked("locked")

        def get_password(self, service: str, username: str) -> str | None:
            raise keyring.errors.KeyringLocked("locked")

    keyring.set_keyring(Locked())
    store = CredentialStore()
    assert store.save_token(SERVER, "010001", "tok") is False
    assert store.load_token(SERVER, "010001") is None
