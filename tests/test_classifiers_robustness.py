"""Second robustness pass (issue 11): families of opt-out and opt-in wording, and their look-alikes.

Each family is written as a customer would vary it, not as one sentence of an evaluation set.
"""

import pytest

from classifiers import classify_inbound


def _label(text: str) -> tuple[str, str | None]:
    result = classify_inbound(text)
    return result.label, result.opt_out_scope


# The phrases listed in issue 11's "Robustness" section, read the way the issue asks.
@pytest.mark.parametrize(
    "text",
    [
        "quit it",
        "take my number off",
        "how did you get this number? take it off",
        "lose my number",
        "who is this? don't text me",
        "para ya",
        "baja por favor",
        "borra mi número",
        "stpo",
        "unsubscibe",
        "🛑",
    ],
)
def test_the_issues_indirect_opt_outs_stop_everything(text: str) -> None:
    assert _label(text) == ("opt_out", "all")


def test_the_issues_marketing_opt_out_and_self_stop() -> None:
    assert _label("no specials or offers pls") == ("opt_out", "marketing")
    assert classify_inbound("ok I'll stop bugging you lol").label != "opt_out"


@pytest.mark.parametrize(
    "text",
    [
        # asking how to end the texts
        "how do I make these texts stop",
        "how can I make the messages stop?",
        "please make these texts stop",
        "how do I make the reminder texts stop",
        "how can I get the messages to stop",
        "¿Cómo cancelo los mensajes?",
        "¿cómo dejo de recibir estos mensajes?",
        "como hago para parar los textos",
        # stop + what we send, or stop as an imperative of its own
        "stop sending these",
        "stop sending it",
        "stop messaging this number",
        "stop these",
        "Stop it already",
        "stop the spam",
        "quit texting",
        "please quit messaging me",
        "stop bugging me",
        # no more / enough, alone or with a stop sign
        "no more",
        "no more!!",
        "✋ no more",
        "🚫 no more",
        "no more 🛑",
        "enough",
        "enough already",
        "🚫 texts",
        "no more texts from you guys",
        # a leading STOP with its reason
        "STOP this is a business line, not a customer",
        "STOP this is a work phone",
        "stop, this is a landline",
        "Stop I'm not a customer",
        "I'm not a customer, stop texting",
        # taken off the texts, the list or the number
        "remove me from your texts",
        "take me off the texts",
        "take my number off your messages",
        "remove my number from your system",
        "get me off this list",
        "take me off ur list",
        # misspelt keywords alone
        "stoo",
        "STOPP",
        "unsubcribe",
        "sotp pls",
    ],
)
def test_english_opt_out_families(text: str) -> None:
    assert _label(text) == ("opt_out", "all")


@pytest.mark.parametrize(
    "text",
    [
        "párenle con los mensajes",
        "ya párale con los textos",
        "párenle",
        "ya párenle",
        "paren los mensajes",
        "paren de mandar mensajes",
        "paren de escribirme",
        "ya no me escriban",
        "dejen de mandar",
        "dejen de mandarme mensajes",
        "no me manden",
        "no me manden nada",
        "sáquenme de la lista",
        "sáquenme",
        "bórrenme de su lista",
        "quítenme",
        "no quiero más mensajes",
        "no quiero recibir nada",
        "bájenme",
        "bájenme de la lista",
        "cancelar suscripción",
        "alto",
        "ALTO!",
        "no mas",
        "ya no más mensajes",
        "no me envíen nada más",
        "saquen mi numero",
        "no gracias, no me escriban",
    ],
)
def test_spanish_opt_out_families(text: str) -> None:
    assert _label(text) == ("opt_out", "all")


@pytest.mark.parametrize(
    "text",
    [
        "I don't need the monthly specials, unsubscribe me from those",
        "don't need the deals, remove me from those",
        "enough with the spring tune-up ads",
        "enough with the holiday promos",
        "unsubscribe me from the specials",
        "the coupons are too much, stop those",
    ],
)
def test_marketing_scope_families(text: str) -> None:
    assert _label(text) == ("opt_out", "marketing")


@pytest.mark.parametrize(
    "text",
    [
        "Please remove me from tomorrow's schedule, I'll call when I'm ready",
        "take me off the calendar for friday",
        "remove me from the appointment list for next week",
        "take us off the schedule for Tuesday, something came up",
    ],
)
def test_taken_off_the_schedule_is_a_cancelled_visit(text: str) -> None:
    assert _label(text) == ("booking_cancel", None)


@pytest.mark.parametrize(
    "text",
    [
        # stop + something that is not our texts
        "can you stop by",
        "Stop in whenever",
        "stop at the gate, code 1234",
        "the faucet won't stop leaking",
        "how do I stop the water",
        "how do I make the leak stop?",
        "stop the water!!",
        "stop the water main please it's flooding",
        "there's water coming out and I can't stop it",
        "water everywhere, stop it asap!",
        "stop sending it to my old email",
        "the furnace keeps making noise, how do I make it stop",
        "the alarm won't stop beeping",
        # the speaker stopping themselves
        "ok I'll stop bugging you lol",
        "lol ok I'll stop texting you now",
        "I'll stop bothering you",
        "sorry I'll quit bugging you",
        # no more / enough about something else
        "no more leaks since you came, thanks!",
        "no more hot water",
        "I've had enough of this leak",
        "enough hot water now, thanks",
        # taken off something that is not the list
        "take me off the waitlist and book me for Friday",
        "remove the old water heater please",
        "take the old toilet with you",
        # signs alone answer a question
        "🚫",
        "✋",
        # Spanish look-alikes
        "para cuándo?",
        "para cuándo tienen cita?",
        "para mañana por favor",
        "el techo está muy alto",
        "alto ahí, el perro es bravo",
        "está muy alto el recibo",
        "baja presión en la regadera",
        "hay baja presión",
        "la baja presión del agua",
        "el agua no para",
        "no para de gotear",
        "el agua no para de salir",
        "paren de mandar técnicos nuevos",
        "bájenme el precio por favor",
        "no, no quiero nada más, gracias",
        "no quiero nada",
        "ya no",
    ],
)
def test_look_alikes_are_not_opt_outs(text: str) -> None:
    assert classify_inbound(text).label != "opt_out"


@pytest.mark.parametrize(
    "text",
    [
        "ALTA",
        "alta por favor",
        "Empezar",
        "EMPEZAR!",
        "Me suscribo otra vez por favor",
        "me suscribo de nuevo",
        "suscríbanme otra vez",
        "pueden mandarme texts otra vez, me di de baja por error",
        "me di de baja por error",
        "quiero recibir mensajes otra vez",
        "Quiero volver a recibir sus mensajes",
        "reactivar",
        "suscribir",
        "volver a recibir",
        "SI quiero textos",
        "sí quiero recibir mensajes",
        "quiero darme de alta otra vez",
        "denme de alta",
        "ya pueden mandarme mensajes",
        "I unsubscribed by mistake",
        "Start again please",
        # Signing up for the texts, permission to text again, a stop undone, back on the list.
        "we moved back, feel free to go ahead and text me again",
        "i'd like to receive text reminders before each visit",
        "could you add my number to the text list? my wife gets them but i don't",
        "sign us up para los texts de las citas",
        "inscríbeme a los recordatorios porfa",
        "pónganme otra vez en la lista, ya resolví lo del teléfono",
        "ya nos pueden textear de nuevo",
        "oops I blocked your number by accident, sorry",
    ],
)
def test_opt_in_families(text: str) -> None:
    assert classify_inbound(text).label == "opt_in"


@pytest.mark.parametrize(
    "text",
    [
        "quiero dar de alta mi garantía",
        "¿cómo me suscribo al plan de mantenimiento?",
        "la presión está alta",
        "hay que empezar la obra el lunes",
        "volver a recibir al técnico?",
        "add me to the schedule for friday",
        "go ahead and text me when the tech leaves",
        "my toddler blocked the toilet by accident",
        "the water heater stopped by accident?",
        "pónganme en la lista de espera para el sábado",
        "I don't want to get text alerts, just call",
    ],
)
def test_opt_in_look_alikes(text: str) -> None:
    assert classify_inbound(text).label != "opt_in"


@pytest.mark.parametrize(
    "text",
    [
        "pls stop w the texts",
        "stop w/ the msgs",
        "cut it out with the texts",
        "knock it off with the texts",
        "knock it off",
        "count me out of these texts",
        "not interested stop",
        "no thanks, stop",
        "i'm not the homeowner anymore, please remove",
        "St0p",
        "STOP please and thank you",
        "nunca les di mi numero",
        "me quiero dar de baja",
        "ya no me molesten",
        "no me interesa, gracias",
        "STOP. No vivo ahí",
        "para de mandarme mensajes",
    ],
)
def test_more_ways_to_say_stop(text: str) -> None:
    assert _label(text) == ("opt_out", "all")


@pytest.mark.parametrize(
    "text",
    [
        "only appointment texts please",
        "I only want reminders",
        "sin promociones porfa",
        "nada de ofertas",
        "quítenme de las promociones",
        "no more deals please, reminders are fine",
    ],
)
def test_more_ways_to_stop_offers_only(text: str) -> None:
    assert _label(text) == ("opt_out", "marketing")


@pytest.mark.parametrize(
    "text",
    [
        "the tech left old parts in the yard, please remove",
        "I'm not the owner, I rent. Please remove the old carpet",
        "can you take the old heater? please remove it",
        "count the outlets please",
        "no gracias",
    ],
)
def test_more_look_alikes(text: str) -> None:
    assert classify_inbound(text).label != "opt_out"


@pytest.mark.parametrize("text", ["Yes sign me up again", "I want my reminders back", "START sorry", "START again"])
def test_more_ways_to_opt_back_in(text: str) -> None:
    assert classify_inbound(text).label == "opt_in"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a cancellation denied is not a cancellation
        ("Yes, don't cancel, we'll be home", "booking_confirm"),
        ("sí, no la cancelen, ahí estaremos", "booking_confirm"),
        ("no quiero cancelar la cita", "!booking_cancel"),
        ("Don't cancel, I just need a later time", "!booking_cancel"),
        ("cancel my appointment", "booking_cancel"),
        ("cancelen la cita del martes", "booking_cancel"),
        # shorthand and misspellings of reschedule
        ("need to resched", "booking_reschedule"),
        ("resched pls", "booking_reschedule"),
        ("can we rescheduel for friday", "booking_reschedule"),
        # a flow that will not stop is an emergency; a fixture that keeps running is not
        ("water won't stop gushing from the pipe under the sink", "emergency"),
        ("el agua no para de salir del tubo", "emergency"),
        ("the toilet won't stop running", "service_request"),
        ("el grifo no para de gotear", "!emergency"),
    ],
)
def test_denied_cancellations_shorthand_and_unstoppable_water(text: str, label: str) -> None:
    got = classify_inbound(text).label
    assert got != label[1:] if label.startswith("!") else got == label
