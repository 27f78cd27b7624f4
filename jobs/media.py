"""Jobs that keep customers' media: fetch an MMS photo or a voicemail recording, purge old recordings."""

from __future__ import annotations

import runtime
from twilio_account import media, recordings


def fetch_media(media_id: int) -> str:
    return media.fetch(runtime.settings(), media_id)


def purge_recordings() -> str:
    return recordings.purge(runtime.settings())
