"""Recorded answers of a Twilio account, for configure and doctor tests (see twilio_http.py)."""

from __future__ import annotations

API = "https://api.twilio.com/2010-04-01"
MESSAGING = "https://messaging.twilio.com/v1"
SERVICE_SID = "MG" + "5" * 32
NUMBER_SID = "PN" + "0" * 32


def account_url(settings) -> str:
    return f"{API}/Accounts/{settings.twilio_account_sid}.json"


def number_url(settings) -> str:
    return f"{API}/Accounts/{settings.twilio_account_sid}/IncomingPhoneNumbers/{NUMBER_SID}.json"


def numbers_url(settings) -> str:
    return f"{API}/Accounts/{settings.twilio_account_sid}/IncomingPhoneNumbers.json"


def service_url(sid: str = SERVICE_SID) -> str:
    return f"{MESSAGING}/Services/{sid}"


def v1_page(key: str, records: list[dict]) -> dict:
    return {"meta": {"key": key, "page": 0, "page_size": 50, "next_page_url": None, "previous_page_url": None,
                     "first_page_url": "", "url": ""}, key: records}


def healthy(twilio_http, settings, base: str, *, campaign_status: str = "VERIFIED", in_pool: bool = True,
            configured: bool = True) -> None:
    """An active account whose number is in a Messaging Service with an approved campaign."""
    twilio_http.answer("GET", account_url(settings), body={"sid": settings.twilio_account_sid, "status": "active"})
    number = {"sid": NUMBER_SID, "phone_number": settings.twilio_number,
              "capabilities": {"sms": True, "mms": True, "voice": True}}
    if configured:
        number.update(voice_url=f"{base}/twilio/voice", voice_method="POST",
                      voice_fallback_url=f"{base}/twilio/fallback", voice_fallback_method="POST")
    twilio_http.answer("GET", numbers_url(settings), body={"incoming_phone_numbers": [number], "next_page_uri": None})
    service = {"sid": SERVICE_SID, "use_inbound_webhook_on_number": False}
    if configured:
        service.update(inbound_request_url=f"{base}/twilio/sms", inbound_method="POST",
                       fallback_url=f"{base}/twilio/fallback", fallback_method="POST")
    twilio_http.answer("GET", service_url(), body=service)
    twilio_http.answer("POST", service_url(), body={"sid": SERVICE_SID})
    pool = [{"sid": NUMBER_SID, "phone_number": settings.twilio_number, "service_sid": SERVICE_SID}] if in_pool else []
    twilio_http.answer("GET", f"{service_url()}/PhoneNumbers", body=v1_page("phone_numbers", pool))
    campaigns = [{"sid": "QE" + "2" * 32, "campaign_id": "CABC123", "campaign_status": campaign_status,
                  "us_app_to_person_usecase": "CUSTOMER_CARE", "errors": []}] if campaign_status else []
    twilio_http.answer("GET", f"{service_url()}/Compliance/Usa2p", body=v1_page("compliance", campaigns))
