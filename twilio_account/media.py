"""MMS photos and voicemail recordings: recorded with the webhook, fetched by a job, kept on disk.

Twilio keeps the files behind the account's credentials (HTTP basic auth when media
authentication is on). A job downloads each with those credentials, only from Twilio's own hosts,
at most `MEDIA_MAX_BYTES`, into `MEDIA_DIR/<kind>/<contact id>/`; a failure is written on the row
(`status` failed, `error` says why) so staff see it instead of a silently missing photo.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from requests import RequestException
from sqlalchemy import select
from sqlalchemy.orm import Session
from twilio.base.exceptions import TwilioException

from config import Settings
from jobs.queue import schedule
from store.db import session_scope
from store.models import Contact, MediaFile, Message, Voicemail, utcnow
from store.upsert import insert_ignoring_conflict
from twilio_account.client import download_client

FETCH_JOB = "jobs.media.fetch_media"
TWILIO_HOST_SUFFIX = ".twilio.com"
RECORDING_FORMAT = (".mp3", "audio/mpeg")
FINAL = ("stored", "deleted")


class FetchLater(Exception):
    """A transient failure (Twilio 5xx, 429, the network): recorded, and raised so that RQ retries."""


@dataclass(frozen=True)
class Attachment:
    index: int
    url: str
    content_type: str | None


@dataclass(frozen=True)
class Fetched:
    content: bytes | None = None
    content_type: str | None = None
    error: str | None = None
    transient: bool = False


def keep_mms(session: Session, contact: Contact, message: Message, message_sid: str,
             attachments: tuple[Attachment, ...]) -> list[int]:
    """Store MediaUrl0..N and their content types with the message; queue their download."""
    job_ids = []
    for attachment in attachments:
        media_id = insert_ignoring_conflict(session, MediaFile, _row(
            f"mms:{message_sid}:{attachment.index}", "mms", contact.id, attachment.url, attachment.content_type,
            message_id=message.id, twilio_sid=_last_segment(attachment.url)))
        job_ids.append(_queue_fetch(session, media_id))
    return [job_id for job_id in job_ids if job_id is not None]


def keep_recording(session: Session, voicemail: Voicemail) -> int | None:
    """Record the voicemail's recording for download (once per recording SID)."""
    if not voicemail.recording_url:
        return None
    extension, content_type = RECORDING_FORMAT
    media_id = insert_ignoring_conflict(session, MediaFile, _row(
        f"recording:{voicemail.recording_sid}", "recording", voicemail.contact_id,
        voicemail.recording_url + extension, content_type, voicemail_id=voicemail.id,
        twilio_sid=voicemail.recording_sid))
    return _queue_fetch(session, media_id)


def fetch(settings: Settings, media_id: int) -> str:
    """Download one file and record the result; raises FetchLater for a failure worth retrying."""
    with session_scope(settings.database_url) as session:
        row = session.get(MediaFile, media_id)
        if row is None:
            return "missing"
        if row.status in FINAL:
            return row.status
        row.attempts += 1
        url, attempts = row.source_url, row.attempts
    fetched = download(settings, url)
    with session_scope(settings.database_url) as session:
        row = session.get(MediaFile, media_id)
        if fetched.error is None:
            content_type = row.content_type or fetched.content_type
            path = _save(settings, row, fetched.content, content_type)
            row.status, row.path, row.size_bytes = "stored", path, len(fetched.content)
            row.content_type, row.fetched_at, row.error = content_type, utcnow(), None
        else:
            row.status, row.error = "failed", fetched.error[:2000]
        status = row.status
    if fetched.transient and attempts < settings.job_max_attempts:
        raise FetchLater(f"media {media_id}: {fetched.error}")
    return status


def download(settings: Settings, url: str) -> Fetched:
    if not settings.twilio_account_sid:
        return Fetched(error="no Twilio credentials (TWILIO_ACCOUNT_SID) to fetch it with")
    host = urlsplit(url).hostname or ""
    if urlsplit(url).scheme != "https" or not ("." + host).endswith(TWILIO_HOST_SUFFIX):
        return Fetched(error=f"not an https URL of Twilio ({host or 'no host'}); our credentials go only there")
    limit = settings.media_max_bytes
    try:
        answer = download_client(settings, limit).request("GET", url, headers={"Accept": "*/*"},
                                                          allow_redirects=True)
    except (RequestException, TwilioException, OSError) as error:
        return Fetched(error=f"could not reach Twilio: {type(error).__name__}", transient=True)
    if answer.status_code != 200:
        transient = answer.status_code >= 500 or answer.status_code == 429
        return Fetched(error=f"Twilio answered HTTP {answer.status_code} for {url}", transient=transient)
    content = answer.content if isinstance(answer.content, bytes) else str(answer.content).encode()
    if len(content) > limit:
        return Fetched(error=f"larger than MEDIA_MAX_BYTES ({limit} bytes); not kept")
    headers = answer.headers or {}
    content_type = (headers.get("Content-Type") or "").split(";")[0].strip() or None
    return Fetched(content=content, content_type=content_type)


def delete_local(settings: Settings, row: MediaFile) -> None:
    if row.path:
        Path(settings.media_dir, row.path).unlink(missing_ok=True)
    row.status, row.path, row.deleted_at = "deleted", None, utcnow()


def of_messages(session: Session, message_ids: list[int]) -> dict[int, list[MediaFile]]:
    found: dict[int, list[MediaFile]] = {}
    if message_ids:
        for row in session.scalars(select(MediaFile).where(MediaFile.message_id.in_(message_ids))
                                   .order_by(MediaFile.id)):
            found.setdefault(row.message_id, []).append(row)
    return found


def to_json(row: MediaFile) -> dict:
    return {"id": row.id, "kind": row.kind, "status": row.status, "content_type": row.content_type,
            "twilio_url": row.source_url, "path": row.path, "size_bytes": row.size_bytes, "error": row.error,
            "message_id": row.message_id, "voicemail_id": row.voicemail_id,
            "created_at": row.created_at.isoformat(),
            "fetched_at": row.fetched_at.isoformat() if row.fetched_at else None}


def _row(source_key: str, kind: str, contact_id: int, url: str, content_type: str | None, **links) -> dict:
    return {"source_key": source_key, "kind": kind, "contact_id": contact_id, "source_url": url,
            "content_type": content_type, "status": "pending", "attempts": 0, "created_at": utcnow(), **links}


def _queue_fetch(session: Session, media_id: int | None) -> int | None:
    if media_id is None:
        return None  # a retried webhook: the first one queued it
    return schedule(session, FETCH_JOB, dedupe_key=f"fetch-media:{media_id}", media_id=media_id)


def _save(settings: Settings, row: MediaFile, content: bytes, content_type: str | None) -> str:
    """Write the file atomically; returns its path relative to MEDIA_DIR."""
    extension = mimetypes.guess_extension(content_type or "") or ".bin"
    relative = Path(row.kind, str(row.contact_id), f"{row.id}-{row.twilio_sid or 'file'}{extension}")
    target = Path(settings.media_dir) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    partial.write_bytes(content)
    os.replace(partial, target)
    return str(relative)


def _last_segment(url: str) -> str | None:
    segment = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return segment[:64] or None
