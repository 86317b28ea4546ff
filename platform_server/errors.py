"""The error every layer raises: an HTTP status, a code and a sentence for people.

`platform_server.api.errors` turns it into the JSON error shape
`{"error": {"code", "message", ...}}`; the domain raises it so a refusal carries
its Chinese sentence from where the rule lives.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """Raise anywhere in a request to answer with the JSON error shape."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, **self.extra}}
