"""Every webhook is signed: a bad or missing signature is a 403 and nothing is stored."""

import pytest
from sqlalchemy import func, select

from app import create_app
from store.db import session_scope
from store.models import Contact, WebhookReceipt
from tests.support.webhooks import post, sid

WEBHOOK_PATHS = ["/twilio/sms", "/twilio/voice", "/twilio/voice/dial-status", "/twilio/voicemail",
                 "/twilio/voicemail/transcription", "/twilio/status"]


def _stored_rows(settings) -> int:
    with session_scope(settings.database_url) as session:
        return (session.scalar(select(func.count()).select_from(Contact))
                + session.scalar(select(func.count()).select_from(WebhookReceipt)))


@pytest.mark.parametrize("path", WEBHOOK_PATHS)
def test_unsigned_request_is_forbidden_and_stores_nothing(client, settings, path):
    response = client.post(path, data={"MessageSid": sid("SM"), "From": "+13055550100", "Body": "hi"})
    assert response.status_code == 403
    assert b"Traceback" not in response.data
    assert _stored_rows(settings) == 0


@pytest.mark.parametrize("path", WEBHOOK_PATHS)
def test_request_signed_with_another_token_is_forbidden(client, settings, path):
    params = {"MessageSid": sid("SM"), "CallSid": sid("CA"), "From": "+13055550100", "Body": "hi"}
    response = post(client, path, params, token="not-the-auth-token")
    assert response.status_code == 403
    assert _stored_rows(settings) == 0


def test_signature_over_other_parameters_is_forbidden(client, settings):
    params = {"MessageSid": sid("SM"), "From": "+13055550100", "Body": "hi"}
    from tests.support.webhooks import signature

    forged = signature("http://localhost/twilio/sms", params)
    response = client.post("/twilio/sms", data={**params, "Body": "changed"},
                           headers={"X-Twilio-Signature": forged})
    assert response.status_code == 403


def test_public_base_url_is_the_url_that_must_be_signed(settings):
    client = create_app(settings.with_overrides(public_base_url="https://desk.example.com")).test_client()
    params = {"MessageSid": sid("SM"), "From": "+13055550100", "Body": "hi"}
    assert post(client, "/twilio/sms", params).status_code == 403
    signed_publicly = post(client, "/twilio/sms", {**params, "MessageSid": sid("SM")},
                           url="https://desk.example.com/twilio/sms")
    assert signed_publicly.status_code == 200


def test_forwarded_scheme_and_host_are_honoured_behind_a_configured_proxy(settings):
    client = create_app(settings.with_overrides(trusted_proxies=1)).test_client()
    params = {"MessageSid": sid("SM"), "From": "+13055550100", "Body": "hi"}
    proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "desk.example.com"}
    response = post(client, "/twilio/sms", params, url="https://desk.example.com/twilio/sms", headers=proxied)
    assert response.status_code == 200
    unproxied = post(client, "/twilio/sms", {**params, "MessageSid": sid("SM")},
                     url="https://desk.example.com/twilio/sms")
    assert unproxied.status_code == 403


def test_forwarded_headers_are_not_trusted_without_a_configured_proxy(client):
    """A direct client must not choose the URL whose signature is checked (TRUSTED_PROXIES=0)."""
    params = {"MessageSid": sid("SM"), "From": "+13055550100", "Body": "hi"}
    proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "attacker.example.com"}
    chosen = post(client, "/twilio/sms", params, url="https://attacker.example.com/twilio/sms", headers=proxied)
    assert chosen.status_code == 403
    direct = post(client, "/twilio/sms", {**params, "MessageSid": sid("SM")}, headers=proxied)
    assert direct.status_code == 200
