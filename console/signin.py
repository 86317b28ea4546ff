"""Signing in, as blocking calls for a worker thread: password, remembered token, re-sign-in.

Each function talks to the platform (and the OS keyring) and returns what the controller
(console/app.py) needs on the GUI thread: a signed-in `PlatformClient` with the
`SessionInfo` every view starts from, or a fresh token. None of them touches a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from console.api.client import PlatformClient
from console.api.credentials import CredentialStore
from console.api.errors import ApiError, AuthError, TlsError
from console.api.models import Board, Me, Meta, Officer, Unit
from console.workdays import Calendar


@dataclass(frozen=True)
class LoginForm:
    """What the officer entered (or the command line gave)."""

    server: str
    badge: str
    password: str
    workstation: str
    remember: bool


@dataclass
class SessionInfo:
    """What a successful sign-in brings back (fetched on a worker)."""

    server: str
    badge: str
    workstation: str
    token: str
    me: Me
    boards: list[Board] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    officers: list[Officer] = field(default_factory=list)
    meta: Meta | None = None
    demo: bool = False
    calendar: Calendar | None = None  # holidays, for working-day deadlines


def _calendar(client: PlatformClient) -> Calendar | None:
    try:
        return client.calendar()
    except ApiError:
        return None  # a platform without /calendar: deadlines show in hours


def tls_verify(ca_bundle: str) -> bool | str:
    """``verify`` for every request: the custom CA bundle when one is set, else True.

    Never False: certificate verification is not something the console can turn off.
    A configured bundle that cannot be read is an error the officer sees, never a
    silent fall-back to another list of trusted authorities. Touches the disk.
    """
    if not ca_bundle:
        return True
    if not Path(ca_bundle).is_file():
        message = QCoreApplication.translate(
            "ConsoleApp",
            "The certificate file set for this console cannot be read: {path}. "
            "Check it in Settings or ask IT.",
        ).format(path=ca_bundle)
        raise TlsError(0, "ca_bundle", message)
    return ca_bundle


def fetch_session_info(
    client: PlatformClient, server: str, badge: str, workstation: str, demo: bool
) -> SessionInfo:
    """Who am I and the reference data every view needs."""
    me = client.me()
    try:
        meta: Meta | None = client.meta()
    except ApiError:
        meta = None  # an older platform without /meta still works
    return SessionInfo(
        server=server,
        badge=badge,
        workstation=workstation,
        token=client.token or "",
        me=me,
        boards=client.boards(),
        units=client.units(),
        officers=client.officers(),
        meta=meta,
        demo=demo or bool(meta and meta.demo),
        calendar=_calendar(client),
    )


def sign_in(
    form: LoginForm, *, ca_bundle: str, credentials: CredentialStore, demo: bool
) -> tuple[PlatformClient, SessionInfo]:
    """Badge and password; the token goes to the keyring when the officer asked for it."""
    client = PlatformClient(form.server, workstation=form.workstation, verify=tls_verify(ca_bundle))
    client.login(form.badge, form.password, form.workstation)
    info = fetch_session_info(client, form.server, form.badge, form.workstation, demo)
    if form.remember:
        credentials.save_token(form.server, form.badge, info.token)
    return client, info


def resume_remembered(
    server: str, badge: str, workstation: str, *, ca_bundle: str, credentials: CredentialStore
) -> tuple[PlatformClient, SessionInfo] | None:
    """The token remembered for this officer, if the platform still takes it (else None).

    A token the platform refuses is forgotten.
    """
    token = credentials.load_token(server, badge)
    if not token:
        return None
    client = PlatformClient(
        server, token=token, workstation=workstation, verify=tls_verify(ca_bundle)
    )
    try:
        return client, fetch_session_info(client, server, badge, workstation, False)
    except AuthError:
        credentials.delete(server, badge)
        return None


def reauthenticate(form: LoginForm, *, ca_bundle: str, credentials: CredentialStore) -> str:
    """Sign the same officer in again mid-shift; returns the new token."""
    client = PlatformClient(form.server, workstation=form.workstation, verify=tls_verify(ca_bundle))
    token, _officer, _expires = client.login(form.badge, form.password, form.workstation)
    if form.remember:
        credentials.save_token(form.server, form.badge, token)
    return token


def revoke(client: PlatformClient, credentials: CredentialStore, server: str, badge: str) -> None:
    """Sign-out: the platform forgets the token, and so does the keyring."""
    try:
        client.logout()
    finally:
        credentials.delete(server, badge)
