"""A messaging webhook's TwiML answer (nothing, or one <Message>), written as text.

twilio's MessagingResponse builds an ElementTree and serialises it for every answer; the answer is always
one of these two shapes, so it is spelled out here, escaped as ElementTree escapes a text node (&, <, >)
and encoded as its UTF-8 writer encodes (a character UTF-8 cannot carry becomes a character reference).
tests/test_twiml.py holds the output equal to MessagingResponse's.
"""

from __future__ import annotations

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
NO_MESSAGE = f"{DECLARATION}<Response />"


def messaging_answer(body: str | None = None) -> str:
    """The TwiML that replies `body` to the text being answered; with no body (or an empty one), no reply."""
    if not body:
        return NO_MESSAGE
    text = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.encode("utf-8", "xmlcharrefreplace").decode("utf-8")
    return f"{DECLARATION}<Response><Message>{text}</Message></Response>"
