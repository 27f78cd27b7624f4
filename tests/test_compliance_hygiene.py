"""Message hygiene: segment counting (GSM-7 and UCS-2) and phrase matching."""

import pytest

from compliance.hygiene import contains_phrase, is_gsm7, segments

WAVE = "\N{WAVING HAND SIGN}"  # outside the Basic Multilingual Plane: two UTF-16 units
CURLY = "\N{RIGHT SINGLE QUOTATION MARK}"


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("", 0),
        ("a", 1),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("Ça coûte 5€", 1),  # Ç and € are GSM-7, û is not: UCS-2, still one segment
        ("€" * 80, 1),  # extension characters take two septets: 160
        ("€" * 81, 2),
        ("[" + "a" * 159, 2),
        # A multipart message never splits an escape pair: 152 + (2) + 152 septets need 3 parts.
        ("a" * 152 + "€" + "a" * 152, 3),
        ("Hi " + WAVE, 1),
        ("a" * 68 + WAVE, 1),  # 70 UTF-16 units
        ("a" * 69 + WAVE, 2),
        ("a" * 69 + CURLY, 1),  # one curly quote turns the message into UCS-2
        ("a" * 70 + CURLY, 2),
        ("a" * 134, 1),  # the same 134 characters in GSM-7 fit one segment
        ("a" * 133 + CURLY, 2),  # 134 UCS-2 units = 2 x 67
        # A multipart message never splits a surrogate pair: 66 + (2) + 66 units need 3 parts.
        ("a" * 66 + WAVE + "a" * 66, 3),
    ],
)
def test_segments(body, count):
    assert segments(body) == count


@pytest.mark.parametrize(
    ("body", "gsm7"),
    [
        ("Plain text, 100% GSM: @£$¥ èéùìò ÄÖÑÜ§¿äöñüà {}[]~|^\\€", True),
        ("Line\nbreak\r", True),
        ("emoji " + WAVE, False),
        ("curly " + CURLY, False),
        ("ç", False),
        ("\x1b", False),  # the escape itself is not a character a body may carry
    ],
)
def test_is_gsm7(body, gsm7):
    assert is_gsm7(body) is gsm7


@pytest.mark.parametrize(
    ("body", "phrase", "found"),
    [
        ("Joe's Plumbing: see you at 9", "Joe's Plumbing", True),
        ("JOE’S  PLUMBING: see you", "Joe's Plumbing", True),
        ("joe's\nplumbing", "Joe's Plumbing", True),
        ("Joes Plumbing", "Joe's Plumbing", False),
        ("Deals! reply stop to OPT OUT", "Reply STOP to opt out", True),
        ("Reply STOP to unsubscribe", "Reply STOP to opt out", False),
    ],
)
def test_contains_phrase(body, phrase, found):
    assert contains_phrase(body, phrase) is found
