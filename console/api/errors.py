"""Typed errors for everything that can go wrong talking to the platform.

The platform answers errors as ``{"error": {"code", "message", ...}}`` where
``message`` is a sentence for people. `user_message()` gives the officer that
sentence, or a fitting one of ours when the server sent none (offline, a proxy's
HTML page, ...). Technical detail goes to the log, never to the screen.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApiError", text)


class ApiError(Exception):
    """A request to the platform failed.

    Attributes:
        status: HTTP status (0 when no HTTP answer was received).
        code: the server's machine code, e.g. ``stale_version``, or one of ours.
        message: the server's sentence for people ("" when it sent none).
        details: any other fields of the error body (``holder``, ``current_version``, ...).
    """

    def __init__(
        self,
        status: int = 0,
        code: str = "",
        message: str = "",
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message or code or f"HTTP {status}")
        self.status = status
        self.code = code
        self.message = message
        self.details: dict[str, Any] = dict(details or {})

    def fallback_message(self) -> str:
        """Our own sentence for when the server did not send one."""
        if self.status:
            return _tr(
                "That did not work (the platform answered {status}); please try again later."
            ).format(status=self.status)
        return _tr("That did not work; please try again later.")

    def user_message(self) -> str:
        """One Chinese sentence for the officer: what happened and what to do."""
        return self.message or self.fallback_message()

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status}, code={self.code!r}, "
            f"message={self.message!r}, details={self.details!r})"
        )


class AuthError(ApiError):
    """401: not signed in, or the token expired or was revoked."""

    def fallback_message(self) -> str:
        return _tr("Your sign-in is no longer valid; please sign in again.")


class ForbiddenError(ApiError):
    """403: signed in, but this officer may not do that."""

    def fallback_message(self) -> str:
        return _tr("You are not allowed to do this.")


class NotFoundError(ApiError):
    """404: the post (or whatever) does not exist or is outside the officer's scope."""

    def fallback_message(self) -> str:
        return _tr("This item cannot be found; it may have been moved out of your area.")


class ConflictError(ApiError):
    """409: someone else holds the post (``holder`` names them when the server says)."""

    @property
    def holder(self) -> dict[str, Any] | None:
        holder = self.details.get("holder")
        return holder if isinstance(holder, dict) else None

    def fallback_message(self) -> str:
        holder = self.holder
        if holder and holder.get("name"):
            return _tr("{name} has already accepted this post; refresh to see it.").format(
                name=holder["name"]
            )
        return _tr("Someone else has already handled this post; refresh to see it.")


class StaleError(ApiError):
    """412: the post changed since the officer looked at it."""

    @property
    def current_version(self) -> int | None:
        value = self.details.get("current_version")
        return value if isinstance(value, int) else None

    def fallback_message(self) -> str:
        return _tr("Someone has just updated this post; look at the latest version and try again.")


class ValidationError(ApiError):
    """400/413/422: the platform refused the content (too long, empty, wrong format)."""

    def fallback_message(self) -> str:
        return _tr("The platform did not accept what was sent; check it and try again.")


class RateLimitedError(ApiError):
    """429: too many attempts; ``retry_after`` seconds until the next is accepted."""

    def __init__(
        self,
        status: int = 429,
        code: str = "",
        message: str = "",
        details: dict[str, Any] | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(status, code, message, details)
        self.retry_after = retry_after

    def fallback_message(self) -> str:
        if self.retry_after:
            return _tr("Too many attempts; try again in {n} seconds.").format(
                n=round(self.retry_after)
            )
        return _tr("Too many attempts; please try again later.")


class ServerError(ApiError):
    """5xx: the platform failed; worth retrying later."""

    def fallback_message(self) -> str:
        return _tr("The platform had a temporary error; please try again later.")


class OfflineError(ApiError):
    """No answer at all: connection refused, timed out, or the name did not resolve."""

    def __init__(self, message: str = "", details: dict[str, Any] | None = None) -> None:
        super().__init__(0, "offline", message, details)

    def fallback_message(self) -> str:
        return _tr(
            "Cannot reach the platform; check the network. "
            "The console retries by itself once it is back."
        )


class TlsError(ApiError):
    """The platform's TLS certificate could not be verified; retrying will not help."""

    def fallback_message(self) -> str:
        return _tr(
            "The platform's certificate cannot be verified; ask the administrator to check it."
        )


class ResponseError(ApiError):
    """The platform answered with something this console cannot read."""

    def fallback_message(self) -> str:
        return _tr(
            "The platform sent an answer the console cannot read; "
            "try again later or contact the administrator."
        )


# Errors worth retrying unchanged: the request may succeed later.
TRANSIENT = (OfflineError, ServerError, RateLimitedError)


def error_for_status(
    status: int,
    code: str,
    message: str,
    details: dict[str, Any],
    retry_after: float | None = None,
) -> ApiError:
    """The typed error for an HTTP error answer."""
    if status == 401:
        return AuthError(status, code, message, details)
    if status == 403:
        return ForbiddenError(status, code, message, details)
    if status == 404:
        return NotFoundError(status, code, message, details)
    if status == 409:
        return ConflictError(status, code, message, details)
    if status == 412:
        return StaleError(status, code, message, details)
    if status in (400, 413, 422):
        return ValidationError(status, code, message, details)
    if status == 429:
        return RateLimitedError(status, code, message, details, retry_after=retry_after)
    if status >= 500:
        return ServerError(status, code, message, details)
    return ApiError(status, code, message, details)
