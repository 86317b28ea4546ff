"""The platform's HTTP API as typed, blocking Python calls (run them on workers).

Every method either returns typed models (console.api.models) or raises a typed
error (console.api.errors); `requests` never leaks out of this module. Each worker
thread gets its own `requests.Session`, so one client may be shared by the task
runner, the outbox sender and anything else.
"""

from __future__ import annotations

import logging
import re
import threading
from datetime import datetime
from typing import Any, TypeVar

import requests

from console import __version__
from console.api import errors
from console.api.models import (
    Board,
    Callback,
    Extension,
    LoginResult,
    Me,
    Meta,
    Note,
    Notice,
    NoticeTemplate,
    Officer,
    Page,
    PostDetail,
    PostSummary,
    Reply,
    Supervision,
    Template,
    Unit,
)
from console.workdays import Calendar, calendar_from_json

log = logging.getLogger(__name__)
T = TypeVar("T")

API_PREFIX = "/api/v1"
_ETAG_RE = re.compile(r'^\s*(?:W/)?"?(\d+)"?\s*$')


def parse_etag(value: str | None) -> int | None:
    """The post version carried by an ``ETag: "<version>"`` header."""
    if not value:
        return None
    m = _ETAG_RE.match(value)
    return int(m.group(1)) if m else None


def _if_match(version: int | None) -> dict[str, str]:
    return {} if version is None else {"If-Match": f'"{version}"'}


def _idem(key: str | None) -> dict[str, str]:
    return {} if key is None else {"Idempotency-Key": key}


def _query_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | set | frozenset):
        # the platform takes multi-value filters as a comma list (status=new,accepted)
        return ",".join(str(_query_value(v)) for v in value)
    return value


class PlatformClient:
    """A signed-in (or not yet signed-in) connection to one platform.

    Attributes:
        base_url: e.g. ``https://platform.example.gov.cn`` (no trailing slash).
        token: the bearer token; set by `login`, cleared by `logout`, settable.
        workstation: this console's name, sent at login and with every request.
        verify: True, False, or a path to a CA bundle (TLS verification).
        timeout: seconds to wait for the connection and for each read.
    """

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        workstation: str = "",
        verify: bool | str = True,
        timeout: float = 10.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.workstation = workstation
        self.verify = verify
        self.timeout = timeout
        self._local = threading.local()

    # ------------------------------------------------------------ plumbing
    def url(self, path: str) -> str:
        """Absolute URL of an API path such as ``/posts/3``."""
        return self.base_url + API_PREFIX + path

    def new_session(self) -> requests.Session:
        """A fresh session configured like this client's (the event stream uses its own)."""
        s = requests.Session()
        s.verify = self.verify
        s.headers["User-Agent"] = f"duty-console/{__version__}"
        return s

    def _session(self) -> requests.Session:
        s: requests.Session | None = getattr(self._local, "session", None)
        if s is None:
            s = self.new_session()
            self._local.session = s
        return s

    def auth_headers(self, token: str | None = None) -> dict[str, str]:
        h: dict[str, str] = {}
        token = token if token is not None else self.token
        if token:
            h["Authorization"] = f"Bearer {token}"
        if self.workstation:
            # Headers must be latin-1; the workstation name may be Chinese.
            h["X-Workstation"] = self.workstation.encode("utf-8").decode("latin-1")
        return h

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        """Send one request; return the response when 2xx, raise a typed error otherwise."""
        url = self.url(path)
        all_headers = {**self.auth_headers(), **(headers or {})}
        try:
            resp = self._session().request(
                method,
                url,
                json=json,
                params=params,
                headers=all_headers,
                timeout=self.timeout,
            )
        except requests.exceptions.SSLError as exc:
            log.warning("TLS failure on %s %s: %s", method, url, exc)
            raise errors.TlsError(0, "tls", details={"detail": str(exc)}) from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            log.info("platform unreachable on %s %s: %s", method, url, exc)
            raise errors.OfflineError(details={"detail": str(exc)}) from exc
        except requests.RequestException as exc:
            log.warning("request failed on %s %s: %s", method, url, exc)
            raise errors.OfflineError(details={"detail": str(exc)}) from exc
        if resp.status_code >= 400:
            raise self._error_from(method, url, resp)
        return resp

    @staticmethod
    def _error_from(method: str, url: str, resp: requests.Response) -> errors.ApiError:
        code, message, details = "", "", {}
        try:
            body = resp.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            err = dict(body["error"])
            code = str(err.pop("code", ""))
            message = str(err.pop("message", ""))
            details = err
        retry_after: float | None = None
        raw_retry = resp.headers.get("Retry-After") or details.get("retry_after")
        if raw_retry is not None:
            try:
                retry_after = float(raw_retry)
            except (TypeError, ValueError):
                retry_after = None
        log.warning(
            "platform refused %s %s: %s %s %r details=%r",
            method,
            url,
            resp.status_code,
            code,
            message,
            details,
        )
        return errors.error_for_status(resp.status_code, code, message, details, retry_after)

    def _json(self, method: str, path: str, **kw: Any) -> Any:
        resp = self.request(method, path, **kw)
        if resp.status_code == 204 or not resp.content:
            return None
        try:
            return resp.json()
        except ValueError as exc:
            log.warning("unreadable answer to %s %s: %.200r", method, path, resp.text)
            raise errors.ResponseError(resp.status_code, "bad_response") from exc

    @staticmethod
    def _parse(model: Any, data: Any) -> Any:
        try:
            return model.from_json(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            log.warning("unexpected %s shape: %.300r", model.__name__, data)
            raise errors.ResponseError(0, "bad_response", details={"detail": str(exc)}) from exc

    def _list(self, cls: Any, path: str) -> list[Any]:
        data = self._json("GET", path)
        return [self._parse(cls, d) for d in data or ()]

    # ------------------------------------------------------------ auth
    def login(self, badge: str, password: str, workstation: str) -> tuple[str, Officer, datetime]:
        """Sign in; keeps the token on the client and returns (token, officer, expires_at)."""
        self.workstation = workstation
        data = self._json(
            "POST",
            "/auth/login",
            json={"badge": badge, "password": password, "workstation": workstation},
        )
        result: LoginResult = self._parse(LoginResult, data)
        token, officer, expires_at = result.token, result.officer, result.expires_at
        self.token = token
        return token, officer, expires_at

    def logout(self) -> None:
        """Revoke the token on the platform. An already dead token counts as signed out."""
        try:
            self._json("POST", "/auth/logout")
        except errors.AuthError:
            pass
        finally:
            self.token = None

    def me(self) -> Me:
        result: Me = self._parse(Me, self._json("GET", "/me"))
        return result

    def set_duty(self, on_duty: bool) -> Officer:
        """Mark the signed-in officer on or off duty."""
        result: Officer = self._parse(
            Officer, self._json("PUT", "/me/duty", json={"on_duty": on_duty})
        )
        return result

    # ------------------------------------------------------------ reference data
    def meta(self) -> Meta:
        result: Meta = self._parse(Meta, self._json("GET", "/meta"))
        return result

    def boards(self) -> list[Board]:
        return self._list(Board, "/boards")

    def calendar(self) -> Calendar:
        """The holiday calendar working-day deadlines count over (`GET /calendar`)."""
        return calendar_from_json(self._json("GET", "/calendar"))

    def units(self) -> list[Unit]:
        return self._list(Unit, "/units")

    def officers(self) -> list[Officer]:
        return self._list(Officer, "/officers")

    def templates(self) -> list[Template]:
        return self._list(Template, "/templates")

    # ------------------------------------------------------------ posts
    def list_posts(
        self, filters: dict[str, Any] | None = None, cursor: str | None = None, limit: int = 100
    ) -> Page[PostSummary]:
        """One page of the queue.

        Filters (API.md): status, board (a value or a list), unit (id, with sub-units),
        assignee (officer id, "me" or "none"), kind, q (full text), overdue,
        mentions_me, sort. None and "" are left out.
        """
        params: dict[str, Any] = {
            k: _query_value(v) for k, v in (filters or {}).items() if v is not None and v != ""
        }
        params["limit"] = limit
        if cursor:
            params["cursor"] = cursor
        data = self._json("GET", "/posts", params=params)
        try:
            return Page.from_json(data, PostSummary)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise errors.ResponseError(0, "bad_response", details={"detail": str(exc)}) from exc

    def citizen_posts(self, citizen_id: int, limit: int = 50) -> list[PostSummary]:
        """The author's posts, newest first, as far as this officer may read them."""
        data = self._json("GET", f"/citizens/{citizen_id}/posts", params={"limit": limit})
        try:
            return list(Page.from_json(data, PostSummary).items)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise errors.ResponseError(0, "bad_response", details={"detail": str(exc)}) from exc

    def get_post(self, post_id: int) -> PostDetail:
        """The full post; its ``version`` is the one in the ETag (what If-Match needs)."""
        resp = self.request("GET", f"/posts/{post_id}")
        try:
            data = resp.json()
        except ValueError as exc:
            raise errors.ResponseError(resp.status_code, "bad_response") from exc
        version = parse_etag(resp.headers.get("ETag"))
        if version is not None and isinstance(data, dict):
            data["version"] = version
        detail: PostDetail = self._parse(PostDetail, data)
        return detail

    def act(
        self,
        post_id: int,
        action: str,
        version: int | None,
        body: dict[str, Any] | None = None,
        idem_key: str | None = None,
    ) -> PostSummary:
        """``POST /posts/{id}/{action}``: a change of the post's state (console.operations).

        ``version`` goes in If-Match; the answer is the post as it now is, its version
        the one in the ETag.
        """
        resp = self.request(
            "POST",
            f"/posts/{post_id}/{action}",
            json=body,
            headers={**_if_match(version), **_idem(idem_key)},
        )
        try:
            data = resp.json()
        except ValueError as exc:
            raise errors.ResponseError(resp.status_code, "bad_response") from exc
        new_version = parse_etag(resp.headers.get("ETag"))
        if new_version is not None and isinstance(data, dict) and "version" in data:
            data["version"] = new_version
        return self._post_result(data)

    def create(
        self,
        post_id: int,
        collection: str,
        body: dict[str, Any],
        model: type[T],
        idem_key: str | None,
        version: int | None = None,
    ) -> tuple[T, int | None]:
        """``POST /posts/{id}/{collection}``: something new on the post (a reply, a note).

        Returns it with the post version it produced (the answer's ETag; None without).
        """
        resp = self.request(
            "POST",
            f"/posts/{post_id}/{collection}",
            json=body,
            headers={**_if_match(version), **_idem(idem_key)},
        )
        try:
            data = resp.json()
        except ValueError as exc:
            raise errors.ResponseError(resp.status_code, "bad_response") from exc
        result: T = self._parse(model, data)
        return result, parse_etag(resp.headers.get("ETag"))

    def _post_result(self, data: Any) -> PostSummary:
        if isinstance(data, dict) and isinstance(data.get("post"), dict):
            data = data["post"]
        cls = PostDetail if isinstance(data, dict) and "timeline" in data else PostSummary
        result: PostSummary = self._parse(cls, data)
        return result

    def accept(self, post_id: int, version: int, idem_key: str | None = None) -> PostSummary:
        """Claim the post (受理). 409 ConflictError when someone else holds it."""
        return self.act(post_id, "accept", version, None, idem_key)

    def transfer(
        self,
        post_id: int,
        version: int,
        unit_id: int,
        reason: str,
        idem_key: str | None = None,
    ) -> PostSummary:
        """Hand the post to another unit (转办)."""
        body = {"unit_id": unit_id, "reason": reason}
        return self.act(post_id, "transfer", version, body, idem_key)

    def close(
        self, post_id: int, version: int, resolution: str, idem_key: str | None = None
    ) -> PostSummary:
        """Resolve the post (办结)."""
        return self.act(post_id, "close", version, {"resolution": resolution}, idem_key)

    def reopen(
        self, post_id: int, version: int, reason: str = "", idem_key: str | None = None
    ) -> PostSummary:
        return self.act(post_id, "reopen", version, {"reason": reason}, idem_key)

    def acknowledge(
        self, post_id: int, version: int | None, idem_key: str | None = None
    ) -> PostSummary:
        """Acknowledge a silent report: stops the alarm on every console."""
        return self.act(post_id, "acknowledge", version, None, idem_key)

    def reply(
        self, post_id: int, body: str, idem_key: str | None, version: int | None = None
    ) -> Reply:
        """A public reply (the citizen sees it)."""
        return self.create(post_id, "replies", {"body": body}, Reply, idem_key, version)[0]

    def note(
        self, post_id: int, body: str, idem_key: str | None, version: int | None = None
    ) -> Note:
        """An internal note (never visible to citizens)."""
        return self.create(post_id, "notes", {"body": body}, Note, idem_key, version)[0]

    def record_post(self, body: dict[str, Any], idem_key: str) -> PostSummary:
        """``POST /posts``: a post from the hotline, an SMS, a letter or a visit."""
        data = self._json("POST", "/posts", json=body, headers=_idem(idem_key))
        return self._post_result(data)

    def callbacks(self, status: str | None = "due") -> list[Callback]:
        """``GET /callbacks``: the unit's callback (回访) worklist, soonest due first."""
        data = self._json("GET", "/callbacks", params={"status": status} if status else None)
        return [self._parse(Callback, x) for x in data]

    def callback_attempt(
        self, callback_id: int, outcome: str, note: str, idem_key: str
    ) -> Callback:
        """One attempt at a callback; dissatisfied reopens the post under supervision."""
        data = self._json(
            "POST",
            f"/callbacks/{callback_id}/attempts",
            json={"outcome": outcome, "note": note},
            headers=_idem(idem_key),
        )
        result: Callback = self._parse(Callback, data)
        return result

    def notices(self) -> list[Notice]:
        """``GET /notices``: the notices of the officer's units, with read counts."""
        return [self._parse(Notice, x) for x in self._json("GET", "/notices")]

    def notice_templates(self) -> list[NoticeTemplate]:
        return [self._parse(NoticeTemplate, x) for x in self._json("GET", "/notices/templates")]

    def publish_notice(self, body: dict[str, Any], idem_key: str) -> Notice:
        """``POST /notices``: at once, or at ``publish_at``."""
        data = self._json("POST", "/notices", json=body, headers=_idem(idem_key))
        result: Notice = self._parse(Notice, data)
        return result

    def extensions(self, status: str = "pending") -> list[Extension]:
        """Extension requests (延期) of the leader's units; waiting ones by default."""
        data = self._json("GET", "/extensions", params={"status": status})
        return [self._parse(Extension, d) for d in data or ()]

    def supervision(self) -> list[Supervision]:
        """Open supervision orders (督办) of the leader's units, by due time."""
        return self._list(Supervision, "/supervision")

    def decide_extension(
        self, extension_id: int, approve: bool, comment: str, idem_key: str | None = None
    ) -> Extension:
        """A leader approves (the deadline moves) or rejects an extension request."""
        data = self._json(
            "POST",
            f"/extensions/{extension_id}/decide",
            json={"approve": approve, "comment": comment},
            headers=_idem(idem_key),
        )
        result: Extension = self._parse(Extension, data)
        return result

    def messages_read(self, post_id: int) -> PostSummary:
        """The citizen's private answers have been read here: the unread mark goes."""
        return self._post_result(self._json("POST", f"/posts/{post_id}/messages/read"))

    # ------------------------------------------------------------ other
    def attachment(self, attachment_id: int) -> tuple[bytes, str]:
        """The attachment's bytes and content type."""
        resp = self.request("GET", f"/attachments/{attachment_id}")
        return resp.content, resp.headers.get("Content-Type", "application/octet-stream")

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """Any GET under /api/v1 (stats, audit), as parsed JSON."""
        query = {k: _query_value(v) for k, v in (params or {}).items() if v is not None}
        return self._json("GET", path, params=query or None)
