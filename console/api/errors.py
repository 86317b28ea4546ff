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
            return _tr("操作没有成功（平台返回 {status}），请稍后重试。").format(status=self.status)
        return _tr("操作没有成功，请稍后重试。")

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
        return _tr("登录已失效，请重新登录。")


class ForbiddenError(ApiError):
    """403: signed in, but this officer may not do that."""

    def fallback_message(self) -> str:
        return _tr("您没有权限进行这项操作。")


class NotFoundError(ApiError):
    """404: the post (or whatever) does not exist or is outside the officer's scope."""

    def fallback_message(self) -> str:
        return _tr("找不到这条内容，它可能已被转出您的范围。")


class ConflictError(ApiError):
    """409: someone else holds the post (``holder`` names them when the server says)."""

    @property
    def holder(self) -> dict[str, Any] | None:
        holder = self.details.get("holder")
        return holder if isinstance(holder, dict) else None

    def fallback_message(self) -> str:
        holder = self.holder
        if holder and holder.get("name"):
            return _tr("这条帖子已由{name}受理，请刷新后查看。").format(name=holder["name"])
        return _tr("这条帖子已被他人处理，请刷新后查看。")


class StaleError(ApiError):
    """412: the post changed since the officer looked at it."""

    @property
    def current_version(self) -> int | None:
        value = self.details.get("current_version")
        return value if isinstance(value, int) else None

    def fallback_message(self) -> str:
        return _tr("这条帖子刚被他人更新，请查看最新内容后再操作。")


class ValidationError(ApiError):
    """400/413/422: the platform refused the content (too long, empty, wrong format)."""

    def fallback_message(self) -> str:
        return _tr("提交的内容不符合要求，请检查后再试。")


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
            return _tr("尝试次数过多，请 {n} 秒后再试。").format(n=round(self.retry_after))
        return _tr("尝试次数过多，请稍后再试。")


class ServerError(ApiError):
    """5xx: the platform failed; worth retrying later."""

    def fallback_message(self) -> str:
        return _tr("平台暂时出错，请稍后重试。")


class OfflineError(ApiError):
    """No answer at all: connection refused, timed out, or the name did not resolve."""

    def __init__(self, message: str = "", details: dict[str, Any] | None = None) -> None:
        super().__init__(0, "offline", message, details)

    def fallback_message(self) -> str:
        return _tr("无法连接到平台，请检查网络；连接恢复后会自动重试。")


class TlsError(ApiError):
    """The platform's TLS certificate could not be verified; retrying will not help."""

    def fallback_message(self) -> str:
        return _tr("无法验证平台的证书，请联系管理员检查证书配置。")


class ResponseError(ApiError):
    """The platform answered with something this console cannot read."""

    def fallback_message(self) -> str:
        return _tr("平台返回了无法识别的内容，请稍后重试或联系管理员。")


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
