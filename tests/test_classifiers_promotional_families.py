"""Outbound upsells without a price or cue word, and service wording that only looks like an offer
(issue 11). Every flag names the words that raised it."""

import pytest

from classifiers import check_outbound


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # what the neighbours bought
        (
            "Blue Flame: Your neighbors on Oak Street just upgraded their furnaces. Want us to look at yours?",
            "Your neighbors on Oak Street just upgraded",
        ),
        (
            "Acme: Many homeowners in your area are upgrading to smart thermostats. Interested?",
            "homeowners in your area are upgrading",
        ),
        ("Acme: Families on your street have switched to tankless.", "Families on your street have switched"),
        ("Your neighbors just got theirs done!", "Your neighbors just got theirs"),
        # an offer made because we already have them, or added to a booked visit
        ("Acme: Job done. Want a quote on a water softener while we have your info?", "while we have your info"),
        (
            "Acme: Add a drain cleaning to your next appointment for peace of mind.",
            "Add a drain cleaning to your next appointment",
        ),
        (
            "Acme: Add a whole-home surge protector inspection to your upcoming visit? Reply YES.",
            "Add a whole-home surge protector inspection to your upcoming visit",
        ),
        ("Acme: Ask your tech for a free estimate on a new filter system.", "Ask your tech for a free estimate"),
        ("Summit: Want us to add you?", "Want us to add you"),
        ("Book your AC tune-up before the rush.", "before the rush"),
        ("Your warranty is ending. Extend it now.", "Extend it now"),
        ("We'll beat any written quote.", "We'll beat any"),
        # Spanish
        ("Acme: Gracias por su pago. ¿Sabía que ahora ofrecemos limpieza de ductos?", "Sabía que ahora ofrecemos"),
        ("Acme: ¿Sabía que instalamos paneles solares? ¿Le mandamos información?", "Le mandamos información?"),
        (
            "Acme: Mientras el técnico está ahí, ¿quiere que le cambiemos también el filtro?",
            "Mientras el técnico está ahí",
        ),
        ("Acme: Los precios van a subir el próximo mes.", "Los precios van a subir"),
        ("Acme: Reserve su precio hoy.", "Reserve su precio"),
        ("Acme: Sus vecinos ya cambiaron sus calentadores.", "Sus vecinos ya cambiaron"),
    ],
)
def test_upsells_are_flagged_with_their_words(text: str, span: str) -> None:
    result = check_outbound(text)
    assert result.promotional
    assert span in [s["text"] for s in result.spans]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in result.spans)


@pytest.mark.parametrize(
    "text",
    [
        "Acme: Your Comfort Club plan's spring tune-up is due. Reply with a day that works.",
        "Acme: Your Comfort Club maintenance visit is scheduled for Tuesday 9-11am.",
        "Acme: A $50 credit for the visit we had to cancel has been applied to your account.",
        "Acme: We applied a $25 credit to your invoice.",
        "Acme: Para cualquier duda llame a nuestra línea gratuita 1-800-555-0142.",
        "Acme: Call our toll-free line 1-800-555-0100 with questions.",
        "Acme: Ya no recibirá mensajes de promociones. Seguirá recibiendo los recordatorios de sus citas.",
        "Acme: You will no longer receive promotional messages. Appointment reminders will continue.",
        "Acme: You won't get any more offers from us. Reply START to opt back in.",
        "Acme: Add your gate code to your upcoming visit by replying here.",
        "Acme: Your neighbor's dog got out, just FYI the tech closed the gate.",
        "Acme: Want us to send the quote to your email too?",
        "Acme: Mientras estamos en su casa necesitaremos acceso al ático.",
        "Acme: Recordatorio: su cita es mañana. ¿Le mandamos la dirección del técnico?",
    ],
)
def test_service_wording_is_not_flagged(text: str) -> None:
    assert not check_outbound(text).promotional


def test_joining_a_plan_is_still_an_offer() -> None:
    assert check_outbound("Acme: Join our Comfort Club and never pay for a service call.").promotional


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Acme: Your water heater is 12 years old. Want a replacement quote?", "Want a replacement quote"),
        ("Acme: Get your AC checked before summer hits!", "before summer hits"),
        ("Acme: Protect your home with our maintenance plan.", "Protect your home with our maintenance plan"),
        ("Acme: Proteja su hogar con nuestro plan de mantenimiento.", "Proteja su hogar"),
        ("Acme: Inscríbase en nuestro plan de mantenimiento.", "Inscríbase en nuestro"),
        ("Acme: ¿Le gustaría agregar una limpieza de ductos a su visita?", "Le gustaría agregar"),
        ("Acme: Tenemos espacio esta semana para limpieza de ductos, ¿le interesa?", "le interesa?"),
        ("Acme: We're doing gutter cleanings on your street next week. Interested?", "Interested?"),
        (
            "Acme: Your neighbors had their ducts cleaned. Want us to take a look at yours?",
            "Want us to take a look at yours",
        ),
    ],
)
def test_more_offers_without_a_price(text: str, span: str) -> None:
    result = check_outbound(text)
    assert result.promotional and span in [s["text"] for s in result.spans]


@pytest.mark.parametrize(
    "text",
    [
        "Acme: Your plan covers this visit, no charge.",
        "Acme: Your visit is covered by our maintenance plan.",
        "Acme: Interested in rescheduling? Reply with a day.",
        "Acme: Before winter, please make sure the crawl space is accessible for Tuesday's repair.",
    ],
)
def test_more_service_wording(text: str) -> None:
    assert not check_outbound(text).promotional
