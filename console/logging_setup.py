"""Logging to a rotating file in the user log dir, with personal data scrubbed.

Officers' workstations keep logs for support; citizens' phone numbers, bearer tokens
and passwords must never land in them, so every record passes a redacting filter.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

LOG_FILE_NAME = "duty-console.log"

_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+")
_SECRET_FIELD = re.compile(r'(?i)("?(?:password|token|access_token)"?\s*[:=]\s*)("[^"]*"|\S+)')


def redact(text: str) -> str:
    """Masks phone numbers, bearer tokens and password/token fields in a log line."""
    text = _PHONE.sub(r"\1****\2", text)
    text = _BEARER.sub(r"\1***", text)
    return _SECRET_FIELD.sub(r"\1***", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class RedactingFormatter(logging.Formatter):
    """Also scrubs tracebacks, which are formatted after filters run."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send the root logger to ``log_dir/duty-console.log`` (5 x 2 MB, rotating)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2 * 1024 * 1024, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s")
    )
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.setLevel(level)
    # Replace an earlier handler of ours (a second setup call in the same process).
    for h in list(root.handlers):
        if getattr(h, "_duty_console", False):
            root.removeHandler(h)
            h.close()
    handler._duty_console = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    logging.captureWarnings(True)
    return path
