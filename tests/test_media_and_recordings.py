"""MMS photos and voicemail recordings: stored with the webhook, fetched with the account's
credentials by a job (on recorded Twilio answers), size-capped, failures recorded, listed for staff,
and recordings purged after the retention on Twilio's side and ours."""

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

import runtime
from store.db import session_scope
from store.models import MediaFile, Message, Voicemail
from tests.support.webhooks import post, sid, sms
from twilio_account import recordings

CUSTOMER = "+13055550100"
STAFF = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4  # binary, not text


@pytest.fixture
def settings(settings, tmp_path):
    kept = settings.with_overrides(media_dir=str(tmp_path / "media"), media_max_bytes=4096)
    runtime.configure(kept)
    return kept


def _media_url(settings, message_sid: str, media_sid: str) -> str:
    return (f"https://api.twilio.com/2010-04-01/Accounts/{settings.twilio_account_sid}/Messages/{message_sid}"
            f"/Media/{media_sid}")


def _mms(client, settings, message_sid, *media_sids, body="here is the leak under my sink"):
    fields = {"NumMedia": str(len(media_sids))}
    for index, media_sid in enumerate(media_sids):
        fields[f"MediaUrl{index}"] = _media_url(settings, message_sid, media_sid)
        fields[f"MediaContentType{index}"] = "image/jpeg"
    return sms(client, body, phone=CUSTOMER, message_sid=message_sid, **fields)


def _rows(settings):
    with session_scope(settings.database_url) as session:
        return list(session.scalars(select(MediaFile).order_by(MediaFile.id)))


def test_mms_media_urls_and_types_are_stored_with_the_message_once(client, settings):
    message_sid = sid("MM")
    assert _mms(client, settings, message_sid, "ME1", "ME2").status_code == 200
    assert _mms(client, settings, message_sid, "ME1", "ME2").status_code == 200  # Twilio's retry
    rows = _rows(settings)
    with session_scope(settings.database_url) as session:
        message = session.scalars(select(Message).where(Message.twilio_sid == message_sid)).one()
    assert [(row.source_url.rsplit("/", 1)[1], row.content_type, row.status) for row in rows] == [
        ("ME1", "image/jpeg", "pending"), ("ME2", "image/jpeg", "pending")]
    assert {row.message_id for row in rows} == {message.id}


def test_a_job_fetches_media_with_the_accounts_credentials_and_records_failures(client, settings, run_jobs,
                                                                                twilio_http):
    message_sid = sid("MM")
    twilio_http.answer("GET", _media_url(settings, message_sid, "ME1"), 200, JPEG, {"Content-Type": "image/jpeg"})
    twilio_http.answer("GET", _media_url(settings, message_sid, "ME2"), 404,
                       {"code": 20404, "message": "not found", "status": 404})
    _mms(client, settings, message_sid, "ME1", "ME2")
    run_jobs()
    stored, failed = _rows(settings)
    assert stored.status == "stored" and stored.size_bytes == len(JPEG)
    assert (Path(settings.media_dir) / stored.path).read_bytes() == JPEG
    assert failed.status == "failed" and "HTTP 404" in failed.error and failed.path is None
    (fetch,) = twilio_http.calls("GET", _media_url(settings, message_sid, "ME1"))
    assert fetch["auth"] == (settings.twilio_account_sid, settings.twilio_auth_token)


def test_media_larger_than_the_cap_is_not_kept(client, settings, run_jobs, twilio_http):
    message_sid = sid("MM")
    twilio_http.answer("GET", _media_url(settings, message_sid, "ME1"), 200, JPEG * 10)
    _mms(client, settings, message_sid, "ME1")
    run_jobs()
    (row,) = _rows(settings)
    assert row.status == "failed" and "MEDIA_MAX_BYTES" in row.error
    assert not Path(settings.media_dir).exists() or not any(Path(settings.media_dir).rglob("*.jpg"))


def test_a_twilio_outage_is_retried_and_then_recorded(client, settings, run_jobs, twilio_http):
    message_sid = sid("MM")
    url = _media_url(settings, message_sid, "ME1")
    twilio_http.answer("GET", url, 503, {"code": 20500, "message": "down", "status": 503})
    _mms(client, settings, message_sid, "ME1")
    run_jobs()
    (row,) = _rows(settings)
    assert row.status == "failed" and "HTTP 503" in row.error
    assert row.attempts == settings.job_max_attempts == len(twilio_http.calls("GET", url))


def test_media_outside_twilio_is_never_fetched_with_our_credentials(client, settings, run_jobs, twilio_http):
    sms(client, "photo", phone=CUSTOMER, NumMedia="1", MediaUrl0="https://evil.example.com/x.jpg")
    run_jobs()
    (row,) = _rows(settings)
    assert row.status == "failed" and "not an https URL of Twilio" in row.error
    assert not any("evil" in request["uri"] for request in twilio_http.requests)


def test_the_conversation_lists_each_message_with_its_media_and_the_file_is_served(client, settings, run_jobs,
                                                                                   twilio_http):
    message_sid = sid("MM")
    twilio_http.answer("GET", _media_url(settings, message_sid, "ME1"), 200, JPEG, {"Content-Type": "image/jpeg"})
    _mms(client, settings, message_sid, "ME1")
    run_jobs()
    contact_id = _rows(settings)[0].contact_id
    body = client.get(f"/api/contacts/{contact_id}/messages", headers=STAFF).get_json()
    inbound = next(message for message in body["messages"] if message["direction"] == "inbound")
    (photo,) = inbound["media"]
    assert photo["status"] == "stored" and photo["content_type"] == "image/jpeg"
    served = client.get(f"/api/media/{photo['id']}/file", headers=STAFF)
    assert served.status_code == 200 and served.data == JPEG and served.mimetype == "image/jpeg"
    served.close()
    assert client.get(f"/api/media/{photo['id']}/file").status_code == 401


def _voicemail(client, recording_sid: str, url: str, text: str = "my water heater is leaking, call me"):
    call_sid = sid("CA")
    recording = {"CallSid": call_sid, "From": CUSTOMER, "RecordingSid": recording_sid, "RecordingUrl": url,
                 "RecordingDuration": "9"}
    post(client, "/twilio/voicemail", recording)
    post(client, "/twilio/voicemail/transcription", {**recording, "TranscriptionSid": sid("TR"),
                                                     "TranscriptionStatus": "completed", "TranscriptionText": text})


def _recording_url(settings, recording_sid):
    return f"https://api.twilio.com/2010-04-01/Accounts/{settings.twilio_account_sid}/Recordings/{recording_sid}"


def test_voicemail_recording_is_kept_and_listed_with_its_transcription(client, settings, run_jobs, twilio_http):
    recording_sid = sid("RE")
    url = _recording_url(settings, recording_sid)
    twilio_http.answer("GET", url + ".mp3", 200, b"ID3" + JPEG[:100], {"Content-Type": "audio/mpeg"})
    _voicemail(client, recording_sid, url)
    run_jobs()
    (voicemail,) = client.get("/api/voicemails", headers=STAFF).get_json()["voicemails"]
    assert voicemail["transcription"] == "my water heater is leaking, call me"
    assert voicemail["recording"]["status"] == "stored" and voicemail["recording"]["content_type"] == "audio/mpeg"
    assert (Path(settings.media_dir) / voicemail["recording"]["path"]).read_bytes().startswith(b"ID3")
    (fetch,) = twilio_http.calls("GET", url + ".mp3")
    assert fetch["auth"] == (settings.twilio_account_sid, settings.twilio_auth_token)


def test_a_recording_that_cannot_be_fetched_is_listed_with_the_reason(client, settings, run_jobs, twilio_http):
    recording_sid = sid("RE")
    _voicemail(client, recording_sid, _recording_url(settings, recording_sid))  # Twilio answers 404
    run_jobs()
    (voicemail,) = client.get("/api/voicemails", headers=STAFF).get_json()["voicemails"]
    assert voicemail["recording"]["status"] == "failed" and "HTTP 404" in voicemail["recording"]["error"]


def test_recordings_past_the_retention_are_deleted_on_twilio_and_here(client, settings, run_jobs, twilio_http,
                                                                      weekday_morning):
    old_sid, new_sid = sid("RE"), sid("RE")
    for recording_sid in (old_sid, new_sid):
        twilio_http.answer("GET", _recording_url(settings, recording_sid) + ".mp3", 200, b"ID3 audio",
                           {"Content-Type": "audio/mpeg"})
    _voicemail(client, old_sid, _recording_url(settings, old_sid))
    run_jobs()
    weekday_morning.shift(timedelta(days=settings.recording_retention_days - 1))
    _voicemail(client, new_sid, _recording_url(settings, new_sid))
    run_jobs()
    weekday_morning.shift(timedelta(days=2))
    old_delete = _recording_url(settings, old_sid) + ".json"
    twilio_http.answer("DELETE", old_delete, 204, "")
    old_file = Path(settings.media_dir) / _rows(settings)[0].path

    assert recordings.purge(settings).startswith("deleted 1 recording")
    old, new = _rows(settings)
    assert old.status == "deleted" and old.path is None and not old_file.exists()
    assert new.status == "stored" and (Path(settings.media_dir) / new.path).exists()
    assert len(twilio_http.calls("DELETE", old_delete)) == 1
    assert twilio_http.calls("DELETE", _recording_url(settings, new_sid) + ".json") == []
    with session_scope(settings.database_url) as session:
        urls = {voicemail.recording_sid: voicemail.recording_url for voicemail in session.scalars(select(Voicemail))}
    assert urls[old_sid] is None and urls[new_sid]


def test_a_recording_twilio_will_not_delete_is_kept_and_says_why(client, settings, run_jobs, twilio_http,
                                                                 weekday_morning):
    recording_sid = sid("RE")
    twilio_http.answer("GET", _recording_url(settings, recording_sid) + ".mp3", 200, b"ID3 audio")
    _voicemail(client, recording_sid, _recording_url(settings, recording_sid))
    run_jobs()
    weekday_morning.shift(timedelta(days=settings.recording_retention_days + 1))
    twilio_http.answer("DELETE", _recording_url(settings, recording_sid) + ".json", 500,
                       {"code": 20500, "message": "oops", "status": 500})
    assert "1 failed" in recordings.purge(settings)
    (row,) = _rows(settings)
    assert row.status == "stored" and "HTTP 500" in row.error
    assert (Path(settings.media_dir) / row.path).exists()
