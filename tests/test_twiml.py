"""The messaging answer written as text is the document twilio's MessagingResponse builds, character for character."""

import xml.etree.ElementTree as ElementTree

import pytest
from twilio.twiml.messaging_response import MessagingResponse

from intake.twiml import messaging_answer

BODIES = [
    "Bench Plumbing: We can come 1) Sat Dec 5, 9-11am. Reply with the number to book.",
    "Fontanería: ¿le viene bien el sábado? Responda 1 o 2 🙂",
    'Tom & Jerry <tom@example.com> said "5 > 3" and it\'s fine; &amp; stays &amp;',
    "]]> <![CDATA[ <Message>not a verb</Message>",
    "line one\nline two\r\n\ttabbed",
    "a lone surrogate \ud83d here",
    " ",
]


def _twilio(body: str | None) -> str:
    answer = MessagingResponse()
    if body:
        answer.message(body)
    return str(answer)


@pytest.mark.parametrize("body", BODIES)
def test_a_reply_is_the_document_messaging_response_builds(body):
    assert messaging_answer(body) == _twilio(body)


@pytest.mark.parametrize("body", [None, ""])
def test_no_reply_is_an_empty_response(body):
    assert messaging_answer(body) == _twilio(body) == '<?xml version="1.0" encoding="UTF-8"?><Response />'


def test_markup_in_a_reply_stays_text():
    body = "<Redirect>https://evil.example</Redirect> & more"
    document = ElementTree.fromstring(messaging_answer(body))
    assert [element.tag for element in document.iter()] == ["Response", "Message"]
    assert document.find("Message").text == body
