"""Voicemail recordings past RECORDING_RETENTION_DAYS: deleted on Twilio's side and ours, every day.

The purge job queues its own next run (a dedupe key per day, so the worker starting twice or a
purge run twice queues one); `ensure_scheduled` starts the chain when the worker starts.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from twilio.base.exceptions import TwilioException, TwilioRestException

from config import Settings
from jobs.queue import dispatch, schedule
from store.db import session_scope
from store.models import MediaFile, Voicemail, utcnow
from twilio_account import media
from twilio_account.client import rest_client

log = logging.getLogger(__name__)
PURGE_JOB = "jobs.media.purge_recordings"
PURGE_EVERY = timedelta(days=1)
BATCH = 500


def purge(settings: Settings, now: datetime | None = None) -> str:
    now = now or utcnow()
    cutoff = now - timedelta(days=settings.recording_retention_days)
    client = rest_client(settings) if settings.twilio_account_sid else None  # None: only our copies exist
    deleted = failed = 0
    with session_scope(settings.database_url) as session:
        rows = list(session.scalars(select(MediaFile).where(
            MediaFile.kind == "recording", MediaFile.status != "deleted", MediaFile.created_at < cutoff)
            .order_by(MediaFile.id).limit(BATCH)))
        for row in rows:
            error = _delete_on_twilio(client, row.twilio_sid)
            if error:
                row.error, failed = error, failed + 1
                continue
            media.delete_local(settings, row)
            voicemail = session.get(Voicemail, row.voicemail_id) if row.voicemail_id else None
            if voicemail is not None:
                voicemail.recording_url = None
            deleted += 1
        next_job = schedule_next(session, now)
    dispatch(settings, [next_job])
    return f"deleted {deleted} recording(s), {failed} failed"


def schedule_next(session: Session, now: datetime) -> int | None:
    run_at = now + PURGE_EVERY
    return schedule(session, PURGE_JOB, run_at=run_at, dedupe_key=f"purge-recordings:{run_at.date().isoformat()}")


def ensure_scheduled(settings: Settings) -> None:
    with session_scope(settings.database_url) as session:
        job_id = schedule(session, PURGE_JOB, dedupe_key=f"purge-recordings:{utcnow().date().isoformat()}")
    dispatch(settings, [job_id])


def _delete_on_twilio(client, recording_sid: str | None) -> str | None:
    """None when the recording is gone from Twilio (deleted now, or already); else why not."""
    if client is None or not recording_sid:
        return None
    try:
        client.recordings(recording_sid).delete()
    except TwilioRestException as error:
        if error.status == 404:
            return None
        return f"Twilio refused to delete {recording_sid}: HTTP {error.status} ({error.code})"
    except (TwilioException, OSError) as error:
        return f"could not reach Twilio to delete {recording_sid}: {type(error).__name__}"
    return None
