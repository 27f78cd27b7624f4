"""What every Twilio webhook shares: form parsing, the signature check, clear 400s and TwiML answers."""

from __future__ import annotations

from functools import wraps
from urllib.parse import parse_qsl

from flask import Response, abort, current_app, g, request
from twilio.request_validator import RequestValidator, get_signature_algorithm

from phones import InvalidPhoneNumber, to_e164
from store.limits import SID_MAX_CHARACTERS, is_twilio_id, is_whole_number

FORM_MIMETYPE = "application/x-www-form-urlencoded"
MAX_BODY_CHARACTERS = 1600
# Every field is checked against the column it lands in, so bad input is a 400 naming it, not a 500.
FIELD_MAX_CHARACTERS = 64  # SIDs, phone numbers, Twilio's enumerations


def twilio_webhook(view):
    """Reject what is not a well-formed, correctly signed Twilio form post, before the view runs."""

    @wraps(view)
    def checked(*args, **kwargs):
        if request.mimetype != FORM_MIMETYPE:
            abort(400, f"expected a {FORM_MIMETYPE} body, got {request.mimetype or 'none'}")
        pairs = _raw_pairs(request.get_data(cache=True))
        lenient = {key.decode("utf-8", "replace"): value.decode("utf-8", "replace") for key, value in pairs}
        if not _signature_is_valid(lenient):
            abort(403, "the X-Twilio-Signature header does not match this request")
        try:
            g.twilio = {key.decode("utf-8"): value.decode("utf-8") for key, value in pairs}
        except UnicodeDecodeError:
            abort(400, "the request body is not valid UTF-8")
        for name, value in g.twilio.items():
            if "\x00" in name or "\x00" in value:
                abort(400, f"{name.replace(chr(0), '')[:64] or 'a field'} contains a NUL character")
        return view(*args, **kwargs)

    return checked


def _raw_pairs(body: bytes) -> list[tuple[bytes, bytes]]:
    """The form's names and values as bytes, so that invalid UTF-8 can be told apart from text."""
    # latin-1 maps each byte to one character and back, whatever the bytes are.
    return [(key.encode("latin-1"), value.encode("latin-1"))
            for key, value in parse_qsl(body.decode("latin-1"), keep_blank_values=True, encoding="latin-1")]


def _signature_is_valid(params: dict[str, str]) -> bool:
    settings = current_app.config["SETTINGS"]
    signature = request.headers.get("X-Twilio-Signature", "")
    algorithm = get_signature_algorithm(request.headers.get("X-Twilio-Webhooks-Signature-Settings"))
    return RequestValidator(settings.twilio_auth_token).validate(signed_url(), params, signature, algorithm)


def signed_url() -> str:
    """The URL Twilio signed: the configured public base URL when set, else the (proxied) request URL."""
    base = current_app.config["SETTINGS"].public_base_url
    if not base:
        return request.url
    query = request.query_string.decode("utf-8", "replace")
    return f"{base}{request.path}" + (f"?{query}" if query else "")


def field(name: str, *, max_length: int = FIELD_MAX_CHARACTERS) -> str:
    value = optional(name, max_length=max_length)
    if not value:
        abort(400, f"missing {name}")
    return value


def optional(name: str, *, max_length: int = FIELD_MAX_CHARACTERS) -> str | None:
    value = g.twilio.get(name, "").strip()
    if len(value) > max_length:
        abort(400, f"{name} is longer than {max_length} characters")
    return value or None


def sid_field(name: str, *, required: bool = True) -> str | None:
    """A Twilio id (MessageSid, CallSid, ...): ASCII letters and digits, as long as its column at most."""
    value = g.twilio.get(name, "").strip()
    if not value and not required:
        return None
    if not value:
        abort(400, f"missing {name}")
    if not is_twilio_id(value):
        abort(400, f"{name} is not a Twilio id (letters and digits, at most {SID_MAX_CHARACTERS})")
    return value


def whole_number(name: str, *, max_digits: int = 9) -> int | None:
    """An optional count or duration: ASCII digits only ("²".isdigit() is True, int("²") fails)."""
    value = optional(name)
    if value is None:
        return None
    if not is_whole_number(value, max_digits):
        abort(400, f"{name} is not a whole number of at most {max_digits} digits")
    return int(value)


def phone_field(name: str) -> str:
    try:
        return to_e164(field(name))
    except InvalidPhoneNumber:
        abort(400, f"{name} is not a phone number")


def text_body(name: str = "Body") -> str:
    body = g.twilio.get(name, "")
    if len(body) > MAX_BODY_CHARACTERS:
        abort(400, f"{name} is longer than {MAX_BODY_CHARACTERS} characters")
    return body


def twiml(document: str) -> Response:
    return Response(document, status=200, mimetype="text/xml")
