"""What staff read of a customer's texts and voicemails, with the photos and recordings we kept."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm import fields
from crm.fields import Field
from crm.rows import found
from store.models import Contact, MediaFile, Message, Voicemail
from twilio_account import media

CONVERSATION_LIMIT = 200
VOICEMAIL_LIMIT = 200
VOICEMAIL_FILTERS = {"contact_id": Field(fields.identifier_param)}


def conversation(session: Session, contact_id: int) -> dict[str, Any]:
    """The contact's latest messages, oldest first, each with its media."""
    contact = found(session, Contact, contact_id, "contact")
    messages = list(session.scalars(select(Message).where(Message.contact_id == contact.id)
                                    .order_by(Message.id.desc()).limit(CONVERSATION_LIMIT)))
    attached = media.of_messages(session, [message.id for message in messages])
    return {"contact_id": contact.id, "messages": [
        {"id": message.id, "direction": message.direction, "channel": message.channel, "body": message.body,
         "status": message.status, "created_at": fields.iso(message.created_at),
         "media": [media.to_json(row) for row in attached.get(message.id, [])]}
        for message in reversed(messages)]}


def voicemails(session: Session, query: dict[str, str]) -> dict[str, Any]:
    """Voicemails, newest first, with the transcription and the recording we kept (or why not)."""
    filters = fields.parse(query, VOICEMAIL_FILTERS)
    statement = select(Voicemail, MediaFile).outerjoin(MediaFile, MediaFile.voicemail_id == Voicemail.id)
    if "contact_id" in filters:
        statement = statement.where(Voicemail.contact_id == filters["contact_id"])
    rows = session.execute(statement.order_by(Voicemail.id.desc()).limit(VOICEMAIL_LIMIT))
    return {"voicemails": [
        {"id": voicemail.id, "contact_id": voicemail.contact_id, "call_sid": voicemail.call_sid,
         "duration_seconds": voicemail.duration_seconds, "transcription": voicemail.transcription_text,
         "created_at": fields.iso(voicemail.created_at),
         "recording": media.to_json(recording) if recording is not None else None}
        for voicemail, recording in rows]}


def media_file(session: Session, media_id: int) -> MediaFile:
    return found(session, MediaFile, media_id, "media file")
