"""Sign-in tokens in the operating system's keyring (never passwords, never plain files).

With no usable keyring (a headless machine resolves to keyring's "fail" backend)
`available` is False: the console says so and asks for the password at every
sign-in. There is deliberately no file fallback. Keyring calls may block on a
desktop unlock prompt, so call them from a worker.
"""

from __future__ import annotations

import logging

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import chainer, fail, null

log = logging.getLogger(__name__)


def _usable(backend: keyring.backend.KeyringBackend) -> bool:
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(_usable(b) for b in backend.backends)
    # keyrings.alt's plaintext/"encrypted" file backends are a plain file in disguise
    cls = type(backend)
    return not (cls.__module__.startswith("keyrings.alt") and "file" in cls.__module__)


class CredentialStore:
    """Tokens by (server, badge) under one keyring service name."""

    def __init__(self, service: str = "duty-console") -> None:
        self.service = service
        self._broken = False

    @property
    def available(self) -> bool:
        """Whether tokens can be remembered on this machine."""
        if self._broken:
            return False
        try:
            return _usable(keyring.get_keyring())
        except keyring.errors.KeyringError:
            log.warning("keyring could not be initialised", exc_info=True)
            return False

    @staticmethod
    def _account(server: str, badge: str) -> str:
        return f"{badge}@{server.rstrip('/')}"

    def save_token(self, server: str, badge: str, token: str) -> bool:
        """Remember the token; False (and logged) when the keyring refuses."""
        if not self.available:
            return False
        try:
            keyring.set_password(self.service, self._account(server, badge), token)
        except keyring.errors.NoKeyringError:
            self._broken = True
            log.warning("no keyring backend; token not remembered")
            return False
        except keyring.errors.KeyringError:
            log.warning("keyring refused to store the token", exc_info=True)
            return False
        return True

    def load_token(self, server: str, badge: str) -> str | None:
        """The remembered token, or None (none saved, or no keyring)."""
        if not self.available:
            return None
        try:
            return keyring.get_password(self.service, self._account(server, badge))
        except keyring.errors.NoKeyringError:
            self._broken = True
            return None
        except keyring.errors.KeyringError:
            log.warning("keyring could not be read", exc_info=True)
            return None

    def delete(self, server: str, badge: str) -> None:
        """Forget the token (sign-out, or a token the platform no longer accepts)."""
        if not self.available:
            return
        try:
            keyring.delete_password(self.service, self._account(server, badge))
        except keyring.errors.PasswordDeleteError:
            pass  # nothing was stored
        except keyring.errors.KeyringError:
            log.warning("keyring could not delete the token", exc_info=True)
