"""Password hashing, bearer tokens and phone masking."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# scrypt parameters: ~50 ms per hash on a workstation core; slow enough to make
# offline guessing expensive, fast enough for a login rate of a few per second.
_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(
        password.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(digest.hex(), digest_hex)


# A constant hash to verify against when the badge is unknown, so response time
# does not reveal which badges exist.
DUMMY_HASH = hash_password("not-a-real-password")


def new_token() -> tuple[str, str]:
    """A random bearer token and the hash that is stored in its place."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


MASK_SHOW_MAX_DIGITS = 4


def mask_phone(phone: str | None) -> str | None:
    """A phone number as officers outside the handling unit see it.

    At most the last 4 digits are shown, and never more than half of them (a 5-digit
    number shows 2, a 6-digit one 3); every other digit is a `*`. A leading `+` stays.
    """
    if not phone:
        return phone
    digits = sum(ch.isdigit() for ch in phone)
    show = min(MASK_SHOW_MAX_DIGITS, digits // 2)
    out: list[str] = []
    seen = 0
    for ch in phone:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > digits - show else "*")
        else:
            out.append(ch)
    return "".join(out)
