"""Session 17 families (issue 11): soft pitches with no price or cue word and the service texts that look
like them, and the English reschedule and confirmation cues the model confused with a cancellation."""

import pytest

from classifiers import check_outbound
from classifiers.cues import cue_label
from classifiers.inbound import classify_inbound
from classifiers.promotional import fold


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Acme: since the crew is at your place Monday for the deck, want them to seal the fence too?",
         "want them to seal the fence too?"),
        ("Acme: we're now installing whole-house surge protectors.", "we're now installing"),
        ("Acme: we'd like to invite you to try our new gutter service.", "invite you to try"),
        ("Acme: know someone who needs a new roof? Send them our way!", "Send them our way"),
        ("Acme: clients who switched to quarterly pest control say they never see bugs. Join them?", "Join them?"),
        ("Acme: annual members get first pick of summer dates.", "annual members get"),
        ("Acme: would you be interested in a smart sprinkler controller?", "would you be interested in"),
        ("Acme: Reply WASH to book a driveway wash this month.", "Reply WASH to book"),
        ("Acme: a new heat pump could cut your energy bill.", "could cut your energy bill"),
        ("Acme: we match any written estimate on fencing.", "we match any written estimate"),
        ("Acme: la semana que viene ya que estaremos por su casa, ¿quiere que también limpiemos el filtro?",
         "ya que estaremos"),
        ("Acme: lo invitamos a probar nuestro servicio de limpieza de ventanas.", "lo invitamos a probar"),
        ("Acme: cámbiese a nuestro plan anual y olvídese de las citas.", "cámbiese a nuestro plan"),
        ("Acme: ¿le interesaría un detector de fugas para su casa?", "le interesaría un"),
        ("Acme: would a yearly gutter visit save you the ladder trips?", "would a yearly gutter visit save"),
        ("Acme: want your windows washed while the crew is there?", "want your windows washed while"),
        ("Acme: ¿conoce a alguien que busque jardinero? Le agradecemos la recomendación.",
         "conoce a alguien que busque"),
    ],
)
def test_soft_pitches_are_flagged_with_their_words(text: str, span: str) -> None:
    result = check_outbound(text)
    assert result.promotional
    assert any(fold(span).lower() in fold(s["text"]).lower() for s in result.spans), result.spans


@pytest.mark.parametrize(
    "text",
    [
        "Acme: want us to check the attic too? You mentioned hearing scratching up there.",
        "Acme: would you like us to come back Thursday to finish the trim?",
        "Acme: we're now installing the new valve, about an hour left.",
        "Acme: the crew just started installing your fence.",
        "Acme: are you interested in the 8am or the 10am opening?",
        "Acme: do you know someone who can let us in Thursday?",
        "Acme: reply 1 to switch to the morning slot, 2 to keep the afternoon.",
        "Acme: reply YES to book the 10am slot we discussed.",
        "Acme: you saved $40 today with your plan. The savings are on your receipt.",
        "Acme: the deal you signed on Monday is being processed.",
        "Acme: your tech is around the corner. Reply if you'd like him to call first.",
        "Acme: would you like the same team as last time? Reply 1 for yes, 2 for whoever's free.",
        "Acme: la visita es gratis porque sigue en garantía.",
        "Acme: se aplicó su descuento a la factura de hoy.",
        "Acme: ¿le interesaría una cita el martes a las 10?",
        "Acme: no espere a que el técnico le llame; puede llamarnos si necesita algo.",
    ],
)
def test_service_look_alikes_are_not_flagged(text: str) -> None:
    result = check_outbound(text)
    assert not result.spans, result.spans


@pytest.mark.parametrize(
    ("text", "flagged"),
    [("Use code SPRING25 at booking", True), ("USE CODE SPRING25 AT BOOKING", True), ("BOGO on filters", True),
     ("bogo on filters", True), ("Reply SPRAY to book", True), ("reply spray to book", False)],
)
def test_rules_keep_their_case_readings(text: str, flagged: bool) -> None:
    """Rules without a capital run on a lowered copy; those with one ("BOGO", a code, a keyword reply) do not."""
    assert bool(check_outbound(text).spans) is flagged


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("it's Pat, stuck at work Tuesday, could you come the following week instead? call me", "booking_reschedule"),
        ("can we push the carpet cleaning back a few days", "booking_reschedule"),
        ("let's postpone the install until after the holidays", "booking_reschedule"),
        ("don't cancel it, we just need a later time", "booking_reschedule"),
        ("we'd rather do mornings instead of the 3pm", "booking_reschedule"),
        ("Y, confirming Friday at noon", "booking_confirm"),
        ("confirmed for the 2pm, thanks", "booking_confirm"),
        ("need a quote to replace the garage door springs, 2 car garage", "quote_request"),
        ("could I get a rough estimate on a new deck?", "quote_request"),
    ],
)
def test_english_visit_cues(text: str, label: str) -> None:
    assert cue_label(text) == label


@pytest.mark.parametrize(
    "text",
    ["confirmed, but can we move it to 4?", "can you confirm my time?", "text me instead of calling please",
     "move the truck back a bit, it's blocking the mailbox", "confirming I need to cancel friday",
     "the estimate you sent doesn't match the bill"],
)
def test_visit_cue_look_alikes(text: str) -> None:
    assert cue_label(text) not in {"booking_confirm", "booking_reschedule", "quote_request"}


def test_is_this_automated_asks_what_the_texts_are() -> None:
    assert cue_label("is this automated?") is None
    assert classify_inbound("is this automated? I need a human").label == "human"
    assert classify_inbound("are you a bot").label == "human"


# Set 5's forms (its rows were read only after it was scored blind), written again here in our own words.
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Acme: la agenda se llena rápido en diciembre. Aparte su limpieza de ductos.", "la agenda se llena"),
        ("Acme: book your furnace check before our calendar fills up!", "before our calendar fills up"),
        ("Acme: a cold snap is coming. Don't get caught without hot water.", "Don't get caught without"),
        ("Acme: it's been a year since your gutters were done. We'd love to see you again.",
         "We'd love to see you again"),
        ("Acme: hace tiempo que no sabemos de usted. Escríbanos cuando quiera.", "hace tiempo que no sabemos de usted"),
        ("Acme: su plan venció; renueve hoy y le respetamos el precio anterior.", "le respetamos el precio"),
        ("Acme: ¿tiene otra cotización? Mándela y se lo igualamos.", "se lo igualamos"),
        ("Acme: por cada vecino que nos recomiende le regalamos una limpieza.", "que nos recomiende"),
        ("Acme: would you like to be added to our fall aeration list?", "would you like to be added to our fall"),
        ("Acme: los modelos nuevos de calentador consumen la mitad de gas.", "modelos nuevos"),
        ("Acme: Tired of mosquitoes ruining the backyard? Ask about monthly misting.", "Tired of"),
        ("Acme: happy new year! We'd love to help with your next project.", "We'd love to help with your next project"),
    ],
)
def test_round_five_pitches_are_flagged(text: str, span: str) -> None:
    result = check_outbound(text)
    assert result.promotional
    assert any(fold(span).lower() in fold(s["text"]).lower() for s in result.spans), result.spans


@pytest.mark.parametrize(
    "text",
    [
        "Acme: sorry we missed you this morning! Reply with a time to come back.",
        "Acme: your estimate is good for 10 more days. Reply OK to lock in the quoted price.",
        "Acme: invoice #204 is past due. Pay online or call to set up a payment plan.",
        "Acme: your Comfort Club fall furnace visit is due; reply with a day that works.",
        "Acme: the rebate form for your new AC is attached. Mail it in by 6/30 to get your $75 rebate.",
        "Acme: si vuelve la gotera en 30 días, la reparación es gratis por la garantía.",
    ],
)
def test_round_five_service_look_alikes_are_not_flagged(text: str) -> None:
    result = check_outbound(text)
    assert not result.spans, result.spans


# Set 6's outbound forms (read only after it was scored blind), written again in our own words.
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Acme: hurricane season is coming. Have your generator serviced before the storms hit.",
         "before the storms hit"),
        ("Acme: is your water heater over 12 years old? Newer units are safer and cheaper to run.", "Newer units are"),
        ("Acme: la temporada de calor se acerca. Revise su aire a tiempo.", "la temporada de calor se acerca"),
        ("Acme: mejore su plan a Oro y no pague visitas.", "mejore su plan"),
        ("Acme: it's been a year since we were out. Want us to pencil you in for a checkup?", "pencil you in"),
        ("Acme: would your rental homes benefit from yearly dryer vent cleaning?",
         "would your rental homes benefit from"),
        ("Acme: agregue la limpieza de ductos a su próxima visita.", "agregue la limpieza"),
        ("Acme: hay citas disponibles el viernes en su zona. ¿Le interesa?", "citas disponibles el viernes en su zona"),
        ("Acme: ya estamos agendando las revisiones de calefacción.", "ya estamos agendando"),
        ("Acme: los clientes del año pasado eligen primero.", "eligen primero"),
    ],
)
def test_round_six_pitches_are_flagged(text: str, span: str) -> None:
    result = check_outbound(text)
    assert result.promotional
    assert any(fold(span).lower() in fold(s["text"]).lower() for s in result.spans), result.spans


@pytest.mark.parametrize(
    "text",
    [
        "Acme: your Gold plan covers two drain cleanings a year; your next one is due. Reply with a day.",
        "Acme: your card ending 1188 expires this month. Update it to keep your plan active.",
        "Acme: your plan includes 10% off parts, and we've applied it to today's invoice.",
    ],
)
def test_round_six_service_look_alikes_are_not_flagged(text: str) -> None:
    result = check_outbound(text)
    assert not result.spans, result.spans
