"""Offers read by their form, and service wording that only looks like one: the families found by blind
set 7 (classifiers.promotional_forms), each written again here in new words, in English and Spanish.
Every flag names the words that raised it."""

import pytest

from classifiers import check_outbound

OFFER_FORMS = [
    # an add-on offered during a visit already planned
    (
        "Reminder: Luis comes Monday 1-3pm. While she's out there, want her to have a look at the sump pump as well?",
        "want her to have a look at the sump pump as well?",
    ),
    (
        "Your tune-up is set for Tuesday. Since he'll be there anyway, want him to check the dryer vent too?",
        "Since he'll be there",
    ),
    (
        "Hi Tom, your drain cleaning is Friday at 1. While they're there, would you like them to camera the"
        " main line"
        " as well?",
        "While they're there",
    ),
    (
        "Le recordamos su cita del martes. ¿Quiere que el plomero de una vez revise la llave del jardín?",
        "Quiere que el plomero de una vez revise",
    ),
    (
        "Mañana llega el técnico a las 10. Mientras esté ahí, ¿le gustaría que cheque también el termostato?",
        "Mientras esté ahí",
    ),
    (
        "Confirmado para el sábado. Ya que el jardinero va a estar ahí, ¿quiere que también le pode los rosales?",
        "quiere que también le pode",
    ),
    (
        "Su cita quedó para el viernes. ¿Ya cuenta con purificador de aire? Se lo podemos poner en esa misma visita.",
        "Se lo podemos poner en esa misma visita",
    ),
    (
        "¿Ya tiene alarma de humo en la cochera? Se la podemos instalar en esa misma visita.",
        "Se la podemos instalar en esa misma visita",
    ),
    (
        "Booked for Wednesday at 9. Do you have a water alarm yet? We can install one during the same visit.",
        "We can install one during the same visit",
    ),
    (
        "Visit confirmed for Monday. Have you ever considered a smart leak shutoff valve? Ask your tech on Monday.",
        "Have you ever considered a",
    ),
    # our crew nearby, asking for other work
    (
        "Good news, we'll be on your block Tuesday. Any other repairs around the home you've been meaning to"
        " get to?"
        " Reply and we'll swing by.",
        "Any other repairs around the home you've been meaning to",
    ),
    (
        "We'll be working on your block next Tuesday. Need anything else fixed around the house? Reply and we'll"
        " stop by.",
        "We'll be working on your block",
    ),
    (
        "Estaremos trabajando en su calle el miércoles. ¿Algo más en la casa que necesite arreglo? Contéstenos y"
        " pasamos.",
        "Algo más en la casa que necesite arreglo",
    ),
    # the season, or the time since the last service, then an offer to book unasked work
    ("Summer is on its way ☀️ Want us to book your AC check?", "Summer is on its way"),
    ("Fall is here! Time to clean out those gutters. Shall we put you on the schedule?", "Fall is here"),
    (
        "Autumn is almost here 🍂 Want us to get your furnace ready before the first cold night?",
        "Autumn is almost here",
    ),
    ("Storm season kicks off next month. Want a sump pump test before it does?", "Storm season kicks off"),
    (
        "Ya comenzó la temporada de lluvias. ¿Lo anotamos en la ruta de limpieza de canaletas?",
        "Ya comenzó la temporada",
    ),
    ("Ya llegó la temporada de alergias. ¿Le limpiamos los ductos este mes?", "Ya llegó la temporada"),
    ("Ya casi es invierno ❄️ ¿Le revisamos la calefacción?", "Ya casi es invierno"),
    ("Se viene la época de calor. ¿Le damos mantenimiento al minisplit antes de mayo?", "Se viene la época"),
    (
        "Ya pasó un año desde su última revisión del calentador. ¿Le programamos la próxima?",
        "Ya pasó un año desde su última",
    ),
    ("Han pasado 8 meses desde la última fumigación. ¿Le apartamos un día?", "Han pasado 8 meses desde la última"),
    (
        "Su último lavado de alfombras fue hace 9 meses. ¿Le agendamos otro?",
        "Su último lavado de alfombras fue hace 9 meses",
    ),
    (
        "Su última revisión de la fosa séptica fue hace 2 años. ¿Le apartamos un día en junio?",
        "Su última revisión de la fosa séptica fue hace 2 años",
    ),
    (
        "It's been 11 months since your last pest treatment. Want us to pencil in the next one?",
        "It's been 11 months since your last",
    ),
    (
        "Having family over for Thanksgiving? Plenty of customers have us clear the main line before the guests"
        " arrive. Want a time?",
        "Plenty of customers have us",
    ),
    # a keyword reply that books unasked work
    (
        "Cold nights are coming. Reply HEAT and we'll send someone to check your furnace before it drops below"
        " freezing.",
        "Reply HEAT and we'll send",
    ),
    ("Gutters clogged with leaves? Reply CLEAN and we'll come clear them this week.", "Reply CLEAN and we'll come"),
    ("Reply SEAL and we'll come reseal your driveway next week.", "Reply SEAL and we'll come"),
    (
        "Ya llegó el calor. ¿Su aire acondicionado está listo? Escríbanos CITA y le damos un horario.",
        "Escríbanos CITA y le damos",
    ),
    ("Se vienen las heladas. Respóndanos PROTEGER y vamos a cubrir sus tuberías.", "Respóndanos PROTEGER y vamos"),
    ("Responda PODA y le mandamos al jardinero el jueves.", "Responda PODA y le mandamos"),
    # equipment age, then a replacement or a consultation
    (
        "Our records show your water heater is 12 years old. Plenty of homeowners are deciding to replace it before"
        " it leaks. Want a free consultation?",
        "Plenty of homeowners are deciding to replace",
    ),
    (
        "Your boiler is 20 years old according to our file. Lots of customers are choosing to upgrade before"
        " winter."
        " Want a quote?",
        "Lots of customers are choosing to upgrade",
    ),
    (
        "Your furnace turns 16 this year. Wondering what a new high-efficiency model could do for your bills?",
        "Wondering what a new",
    ),
    (
        "We put in your sump pump back in 2016. Pumps typically last 7 to 10 years; want us to swap it out before"
        " the rainy season?",
        "typically last 7 to 10 years",
    ),
    (
        "Your roof was put on back in 2008. Most shingles last 20 to 25 years; want a roof check?",
        "Most shingles last 20 to 25 years",
    ),
    (
        "Su calentador ya tiene 13 años según nuestros registros. Los calentadores suelen durar 10 a 12 años;"
        " ¿quiere que le cotizemos uno nuevo?",
        "suelen durar 10 a 12 años",
    ),
    # a plan pitched by what it would cover or save
    (
        "Your home warranty only pays for breakdowns. Our Maintenance Plan covers the yearly tune-ups - want more"
        " info?",
        "Our Maintenance Plan covers",
    ),
    ("Our Protection Plan covers every drain clog for a year - interested?", "Our Protection Plan covers"),
    (
        "Reminder of your Thursday visit. With our Care Club, this visit would have cost you nothing. Ask your tech"
        " how to join.",
        "With our Care Club, this visit would have cost",
    ),
    (
        "Le recordamos su visita del martes. Con nuestro Plan Hogar esta visita le saldría sin costo; pregúntele al"
        " plomero cómo inscribirse.",
        "cómo inscribirse",
    ),
    (
        "Nuestro plan de mantenimiento cubre lo que su garantía no cubre. ¿Le mando los detalles?",
        "Nuestro plan de mantenimiento cubre",
    ),
    # a reward for a review or a referral
    (
        "Leave us a review this month and your next service call is on the house.",
        "Leave us a review this month and your next service call is on the house",
    ),
    ("Write us a Google review and your next filter change is on the house!", "is on the house"),
    (
        "Déjenos su opinión en Google y su siguiente servicio va por nuestra cuenta.",
        "Déjenos su opinión en Google y su siguiente servicio va por nuestra cuenta",
    ),
    ("Recomiéndenos con un vecino y ambos reciben $25 de crédito.", "ambos reciben"),
    ("Si nos recomienda con un familiar, los dos reciben $30 de descuento.", "recomienda con un familiar"),
    ("Refer a friend and you both get $40 off your next visit.", "you both get"),
    # scarcity
    ("Lawn aeration dates are going fast this fall. Reply YES to hold one.", "dates are going fast"),
    (
        "Spots for furnace tune-ups are filling quickly, grab yours now.",
        "Spots for furnace tune-ups are filling quickly",
    ),
    (
        "Only a few Saturday openings left for gutter cleaning - they're going fast!",
        "Only a few Saturday openings left",
    ),
    (
        "Los lugares para la fumigación de octubre se están acabando. ¿Le apartamos uno?",
        "lugares para la fumigación de octubre se están acabando",
    ),
    # more of what they bought
    (
        "How's the new mini-split working out? If you'd like to add another one in the guest room, just let us know.",
        "If you'd like to add another",
    ),
    (
        "Loving your new water softener? If you want a second one for the pool house, just text us.",
        "If you want a second",
    ),
    (
        "¿Qué tal le va con el calentador nuevo? Si quiere instalar otro en el departamento de atrás, avísenos.",
        "Si quiere instalar otro",
    ),
]

SERVICE_WORDING = [
    # an estimate the customer asked for, approved by reply; a quote's expiry date
    "Here's the quote you asked for: new kitchen faucet installed, $290. Valid 14 days. Reply APPROVE to book it.",
    "Here's the estimate you requested for the fence repair: $640. Good for 14 days. Reply APPROVE and we'll book"
    " the crew.",
    "Aquí está la cotización que pidió: cambio de calentador, $1,450 instalado. Responda APROBAR para agendarla.",
    "Reminder: your estimate for the panel upgrade expires Monday. Call us with any questions.",
    "Your quote expires this Friday. Reply APPROVE to schedule or ask us any questions.",
    "Su presupuesto para el calentador vence el 15 de julio. Cualquier duda, estamos a sus órdenes.",
    # a visit of their own moved by keyword
    "Reply MOVE and we'll find a new time for your visit.",
    "Responda CAMBIAR y le buscamos otro horario para su cita.",
    # a plan the customer already has: its billing, auto-pay, its free first month ending, its visits
    "Your first month of the Maintenance Plan was free; starting 6/1 your card on file will be billed $14.95/mo"
    " as agreed at signup.",
    "The free trial month of your Lawn Care Plan ends June 1; as agreed, your card on file will be charged $39"
    " per visit after that.",
    "El primer mes gratis de su plan termina el 1 de mayo. Según su inscripción, se le cobrarán $19.99 al mes a su"
    " tarjeta registrada.",
    "Your autopay for the Comfort Club plan ($18.00) was processed. Your next included tune-up is in April.",
    "Auto-pay for your Sparkle Club membership ran today. Your next included clean is on the 14th.",
    "El pago automático de su membresía Club Confort ($16.95) se realizó hoy. Su próxima visita incluida es en marzo.",
    "Your Comfort Club plan's spring tune-up is due. Time to book it! Reply with a day that works.",
    "Spring is here! Your plan's sprinkler start-up is due; reply with a good day.",
    "Hurricane season starts June 1. Your generator service under your plan is booked for May 20.",
    # a visit free because of a guarantee, a recall or our mistake, or included after an install
    "The return visit is free because the leak came back within the 30-day guarantee. See you Friday at 10.",
    "The second visit is free since the clog came back within 30 days. See you Tuesday.",
    "This visit is free of charge because of the manufacturer's recall on your water heater valve.",
    "Your recall repair on the furnace igniter is free; we'll see you Monday at 10.",
    "La visita de regreso es gratis porque la fuga volvió dentro de los 30 días. Nos vemos el viernes.",
    "El material corre por nuestra cuenta porque el error fue nuestro. Lo vemos el lunes.",
    "The first check-up after your installation is free and it's already on the calendar for Tuesday at 9.",
    "The inspection after the install is included and booked for June 3.",
    "La revisión posterior a la instalación no tiene costo y ya está agendada para el jueves.",
    # a discount already applied; financing the customer signed
    "Your 10% senior discount is already applied to invoice #7781. Balance due: $198.00.",
    "Su descuento de veterano ya quedó aplicado en su factura. Total: $240.00.",
    "Reminder: the financing you signed has its first payment due June 1 for $112.40.",
    "Reminder: the payment plan you signed has a $75 installment due on the 5th.",
    "Aviso: el financiamiento que firmó tiene su siguiente pago el 15 de marzo por $95.",
    # "sale" as the Spanish verb salir
    "Su técnico sale para allá en 10 minutos. ¿Nos confirma el número de departamento?",
    "El técnico sale ahorita para su domicilio. Llega en 20 minutos.",
    "¿A qué hora sale usted del trabajo? Podemos ir después de las 5.",
    # an extended warranty expiring, with no offer to renew
    "Your extended warranty ends June 30. Repairs after that will be billed at our standard rates.",
    "Your extended warranty expires Friday; the claim for the compressor was filed before that.",
    "Extended warranty paperwork for your new AC is attached; keep it with your records.",
    "Su garantía extendida vence el 31 de diciembre. Después de esa fecha las reparaciones se cobran a precio normal.",
    # look-alikes of the offer forms
    "Rain is in the forecast Thursday, so we moved your roof job to Monday. Want a call to talk it over?",
    "We installed your water heater in 2019 and it's still under warranty, so the repair is covered. Want us to"
    " come Tuesday?",
    "Since he'll be there early, please leave the side gate unlocked.",
    "While he's there he'll also replace the filter included in your plan.",
    "Reminder: Mike arrives tomorrow 8-10am. Want him to text when he's on the way?",
    "¿Quiere que también le mandemos la factura por correo?",
    "¿Quiere que el técnico le llame antes de llegar?",
    "If you'd like to add another person to the account, reply with their number.",
    "Si quiere agregar otro número de contacto, respóndanos con el número.",
    "We'll extend today's visit by an hour to finish the second bathroom.",
    "We noticed some wood rot on the house trim near the back door; photos attached.",
    "You both get a copy of the invoice by email.",
    "Good news: our labor warranty plan covers this repair, so there's no charge today.",
    "Having guests over Saturday? Let us know and we can move your visit.",
    "We're in your neighborhood Thursday for your scheduled repair. Reply with your gate code.",
    "Do you have a gate code yet? The tech arrives at 9.",
    "¿Ya tiene el código del portón? El técnico llega a las 9.",
    "Your last visit was 6 months ago per our notes; the part you asked about just arrived. Want us to bring it"
    " Tuesday?",
    "Ya pasaron 3 semanas desde que pidió la cotización; ¿quiere que se la volvamos a mandar?",
    "Muchos clientes nos preguntan por el estacionamiento: puede dejar el carro en la entrada.",
    "Winter is here. Please keep the path to your furnace closet clear for tomorrow's visit.",
]


# A second batch, written after the rules, in a looser register (caps, typos, emoji, no accents).
LOOSER_REGISTER = [
    (
        "Hola! Su cita es el jueves. Ya que va el técnico, ¿le revisamos también el boiler? Sin compromiso",
        "Ya que va el técnico",
    ),
    (
        "Reminder: crew arrives Monday for the fence. While they're out there want them to pressure wash the deck?"
        " Just say the word",
        "While they're out there",
    ),
    (
        "WINTER IS COMING ❄️ want us to blow out your sprinklers before the first freeze? reply YES",
        "WINTER IS COMING",
    ),
    ("Ya van 6 meses desde su último servicio de fumigación. ¿Lo agendamos?", "Ya van 6 meses desde su último"),
    (
        "hola! la temporada de calor ya empezo, quiere que le demos servicio a su mini split?",
        "la temporada de calor ya empezo",
    ),
    (
        "Your water heater is 11 yrs old. Most only last 10-12 yrs. Want a replacement quote before it fails?",
        "Most only last 10-12 yrs",
    ),
    ("Plan members paid $0 for today's visit. Want to sign up?", "Plan members paid $0"),
    (
        "Deje su reseña de 5 estrellas y le regalamos la próxima limpieza",
        "Deje su reseña de 5 estrellas y le regalamos",
    ),
    ("Reply TUNEUP and we'll get you on the schedule for a furnace check 🔥", "Reply TUNEUP and we'll get"),
    (
        "How's the new water heater? Lots of our customers add a water softener too - want info?",
        "Lots of our customers add a",
    ),
]
MORE_SERVICE_WORDING = [
    "¡Hola! ¿En qué le podemos ayudar? Cuéntenos qué necesita o pregúntenos qué días podemos ir.",
    "Your visit on Tuesday is cancelled. Text us any time to book again.",
    "Si sale agua por debajo del lavabo, cierre la llave de paso; el técnico sale para allá en 20 minutos.",
    "Your estimate #2231 for the water heater replacement is attached. Reply APPROVE to schedule or call with"
    " questions.",
    "Su cotización #4410 está lista. Responda APROBAR para agendar el trabajo.",
    "Su plan de mantenimiento se renueva el 1 de julio por $179 al año. No necesita hacer nada.",
    "Su técnico sale de la oficina a las 9 y llega entre 9:30 y 10.",
    "The part for your dryer came in. Want us to install it Thursday morning?",
    "Gracias por su pago. Su descuento de cliente frecuente ya fue aplicado en el total.",
]


@pytest.mark.parametrize(("text", "span"), OFFER_FORMS + LOOSER_REGISTER)
def test_offer_forms_are_flagged_with_their_words(text: str, span: str) -> None:
    result = check_outbound(text)
    assert result.promotional
    assert span in [s["text"] for s in result.spans]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in result.spans)


@pytest.mark.parametrize("text", SERVICE_WORDING + MORE_SERVICE_WORDING)
def test_service_wording_is_not_an_offer(text: str) -> None:
    result = check_outbound(text)
    assert not result.promotional, result.spans


@pytest.mark.parametrize(
    "text",
    [
        "Dave comes Thursday. While he's there, want him to check the disposal? You mentioned it was jamming.",
        "Mañana va el técnico. Usted mencionó la fuga del lavabo: ¿quiere que el técnico también revise el lavabo?",
    ],
)
def test_an_add_on_the_customer_mentioned_is_service(text: str) -> None:
    assert not check_outbound(text).promotional


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Enroll in auto-pay and save 5% on every visit!", "save 5%"),
        ("Inscríbase al pago automático y ahorre 5% en cada visita.", "ahorre"),
        ("Recall season special: 20% off all inspections this week.", "20% off all"),
        ("Join today and get 2 included tune-ups a year plus 15% off repairs.", "15% off"),
        ("Únase hoy: se le cobrará solo $9 al mes y la primera visita es gratis.", "gratis"),
        ("Don't make the mistake of skipping your tune-up: 20% off this week.", "20% off"),
    ],
)
def test_words_about_what_they_have_do_not_hide_an_offer(text: str, span: str) -> None:
    assert span in [s["text"] for s in check_outbound(text).spans]
