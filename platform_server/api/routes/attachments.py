"""Routes: attachment bytes (images, audio), for officers who may read the post.

Uploads come from citizens, so the answer is built never to be interpreted as a page:
only the image and audio types the platform accepts are served inline with their
type; anything else goes out as an opaque download. `nosniff` and a sandboxing CSP
stop browsers from guessing otherwise.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi import APIRouter, Response
from sqlalchemy import select
from sqlalchemy.orm import undefer

from platform_server import schemas
from platform_server.api.deps import Ctx, CurrentViewer, PathId
from platform_server.domain import listing
from platform_server.errors import ApiError
from platform_server.storage.models import Attachment

router = APIRouter(tags=["attachments"])

INLINE_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "audio/aac": "aac",
    "audio/ogg": "ogg",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/amr": "amr",
    "audio/amr-wb": "awb",
    "audio/webm": "webm",
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/;:*?<>|]+')


def safe_filename(name: str, attachment_id: int, content_type: str) -> str:
    """A download name with no path, quotes or control characters, never empty, and
    always with the extension of the type the platform stored (a photo the citizen
    named `page.html` downloads as `page.png`)."""
    ext = INLINE_TYPES.get(content_type, "bin")
    stem = _UNSAFE.sub("_", name).strip(" ._")
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = stem.strip(" ._")[:120]
    return f"{stem or f'attachment-{attachment_id}'}.{ext}"


def content_disposition(kind: str, filename: str, attachment_id: int, content_type: str) -> str:
    ascii_name = f"attachment-{attachment_id}.{INLINE_TYPES.get(content_type, 'bin')}"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


@router.get(
    "/attachments/{attachment_id}",
    summary="The bytes of an attachment, with their content type",
    response_class=Response,
    responses={
        200: {"content": {t: {} for t in sorted(INLINE_TYPES)}, "description": "The file"},
        401: {"model": schemas.ErrorOut, "description": "Not logged in"},
        404: {"model": schemas.ErrorOut, "description": "No such attachment, or not readable"},
    },
)
def get_attachment(attachment_id: PathId, ctx: Ctx, viewer: CurrentViewer) -> Response:
    with ctx.read() as db:
        att = db.scalar(
            select(Attachment)
            .where(Attachment.id == attachment_id)
            .options(undefer(Attachment.data))
        )
        missing = ApiError(
            404, "attachment_not_found", "没有找到这个附件：编号可能有误，或您没有查看权限。"
        )
        if att is None:
            raise missing
        try:
            listing.load_readable(db, viewer, att.post_id)
        except ApiError:
            raise missing from None
        data = att.data
        ctype = att.content_type.split(";")[0].strip().lower()
        name = safe_filename(att.filename, att.id, ctype)
    inline = ctype in INLINE_TYPES
    return Response(
        content=data,
        media_type=ctype if inline else "application/octet-stream",
        headers={
            "Content-Disposition": content_disposition(
                "inline" if inline else "attachment", name, attachment_id, ctype
            ),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, max-age=3600",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )
