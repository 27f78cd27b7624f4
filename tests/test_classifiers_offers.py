"""Outbound offers without a price (classifiers.promotional_offers), and what is already the customer's.

Each sentence is written for this test; none is an evaluation row. A flag must name its words.
"""

import pytest

from classifiers import check_outbound


@pytest.mark.parametrize("text", [
    # add / sign-up questions
    "Hi Dana, should we add a dryer vent cleaning to Friday's visit?",
    "Do you want us to include gutter guards while the crew is on the roof?",
    "Our home protection plan covers two tune-ups a year. Shall we enroll you?",
    "It was great working on your deck. Would you consider us for the fence too?",
    "We install whole-home surge protectors if you're interested.",
    # announcements, neighbours, referral asks
    "Now booking spring lawn aeration for April.",
    "Our crew will be in your neighborhood Tuesday. Would you like them to take a quick look at your trees?",
    "If you know someone who needs a painter, send them our way!",
    "Voted top HVAC company in Cedar County two years in a row.",
    # season, fear and cost hooks
    "Storm season is around the corner. Is your roof ready?",
    "Snow is in the forecast. Make sure your generator is ready, we can service it this week.",
    "Your dishwasher is about 12 years old now. Thinking about a replacement?",
    "Keep your pets safe: book a fall pest treatment.",
    "Did your gas bill seem high this winter? A furnace tune-up can pay for itself.",
    # Spanish
    "¿Le agregamos una limpieza de ductos a su cita del viernes?",
    "Ya viene la temporada de lluvias. ¿Su techo está preparado?",
    "Ahora tenemos servicio de jardinería en su zona.",
    "Si conoce a alguien que necesite plomero, mándenos su número.",
    "Antes de que llegue el frío, aparte su revisión de calefacción.",
    # scarcity, social proof, reply-for-more, did-you-know
    "Our calendar fills up fast every spring. Grab your aeration slot today.",
    "Only 4 install dates left before the holidays.",
    "Thinking of remodeling? Let's talk kitchens.",
    "We now install EV chargers! Reply INFO for details.",
    "¿Sabía que el sarro acorta la vida de su calentador? Se lo revisamos en la próxima visita.",
    "Quedan pocas fechas en noviembre para limpieza de ductos.",
    "Su refrigerador ya tiene 14 años. Con gusto le damos una cotización para cambiarlo.",
])
def test_offers_without_a_price_are_flagged_with_their_words(text: str) -> None:
    result = check_outbound(text)
    assert result.promotional
    assert all(span["text"] and span["text"] in text for span in result.spans)


@pytest.mark.parametrize("text", [
    # what the customer already has, or owes
    "Your spring tune-up under your Premier Care plan is coming up. Which day works?",
    "Reminder: your current plan renews on 3/1 at $19/mo.",
    "A $30 discount was applied to invoice #2207 as promised.",
    "The coupon you used last time has been applied to today's bill.",
    "Installment 3 of 6 ($80) will be charged on the 15th.",
    "Your 0% financing balance is now $640. Thanks for your payment!",
    "Attached is the rebate form for your new water heater.",
    "Free street parking is available in front of the building.",
    "Your special-order shower valve arrived; we'll install it Monday.",
    "Since the clog came back within the warranty, the return visit is on us.",
    # scheduling or access for the customer's own job
    "Would you like us to come Tuesday morning or Wednesday afternoon?",
    "Is this a good time to call about your estimate?",
    "Should we use the side gate when we arrive?",
    "Is your dog going to be inside during the visit?",
    # Spanish
    "Su mantenimiento incluido en su plan actual está pendiente. ¿Qué día le queda bien?",
    "El descuento de $20 ya se aplicó a su factura.",
    "El estacionamiento es gratis en la calle de atrás.",
    "¿Le queda bien el martes a las 10 para su cita?",
])
def test_what_is_already_theirs_is_not_flagged(text: str) -> None:
    assert not check_outbound(text).promotional


@pytest.mark.parametrize("text", [
    # a hook (season, weather, age, suggestion) about the customer's own job, with no pitch
    "Your water heater is about 15 years old, so the replacement part may take a week to arrive.",
    "Please keep your pets inside during the visit.",
    "If you're interested in an earlier slot, reply EARLY.",
    "This is a good time to remind you that your payment is due Friday.",
    "We recommend replacing the flapper; it's included in today's repair.",
    "Rain is in the forecast tomorrow, so we'll reschedule the roof job to Thursday.",
    "Hail season is here and we're busy; your roof inspection is confirmed for Monday.",
    "Ya viene la temporada de lluvias; confirmamos la revisión de su techo para el lunes.",
])
def test_a_hook_without_a_pitch_is_not_an_offer(text: str) -> None:
    assert not check_outbound(text).promotional


@pytest.mark.parametrize("text", [
    # "add"/"include" with no service or product to sell, or the work the customer asked about
    "Would you like us to add a note for the tech about the dog?",
    "Should we add the second bathroom you mentioned to the estimate?",
    "Do you want us to include the photos in the report?",
    "Can we add your wife as a contact on the account?",
    "¿Le agregamos una nota para el técnico?",
    # our crew nearby, a part that came in, paperwork, a slot
    "Our crew will be in your area around 2pm.",
    "Ahora tenemos su pieza, ¿le queda bien el jueves?",
    "Thanks! We'll extend your warranty paperwork to the manufacturer today.",
    "Can we put you down for Tuesday at 10?",
    "Reply YES to confirm your appointment Tuesday at 10.",
    "Only 2 items left on your punch list; we'll finish Friday.",
    "Can we give you a call when the tech is 30 minutes out?",
])
def test_scheduling_and_access_questions_are_not_offers(text: str) -> None:
    assert not check_outbound(text).promotional
