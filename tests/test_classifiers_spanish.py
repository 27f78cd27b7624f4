"""Spanish and Spanglish inbound texts, the informal opt-outs, Spanish promotions, language detection,
and the frozen evaluation set kept out of training."""

from pathlib import Path

import pytest

from classifiers import check_outbound, classify_inbound
from classifiers.corpus import SOURCE_DIR, read_jsonl
from classifiers.evaluation import by_language, evaluate_inbound, evaluate_outbound
from classifiers.frozen import FROZEN_DIR, frozen_rows
from classifiers.language import answer_language, detect_language
from classifiers.training import training_paths

MIN_SPANISH_MACRO_F1 = 0.90


@pytest.mark.parametrize("text", [
    "PARA", "para ya", "Para ya!", "baja por favor", "BAJA", "Dame de baja", "borra mi número",
    "Borren mi numero por favor", "No me manden más mensajes", "no me escriban más", "ya no quiero recibir mensajes",
    "Quítenme de su lista", "número equivocado", "Se equivocaron de número", "Este no es el número de Juan",
    "Ya basta de mensajes", "no quiero que me contacten", "nunca me inscribí a esto", "desuscribir",
    "stop por favor", "please borren my number", "no more mensajes please", "ya no me interesa", "Ya basta",
    "no me vuelvan a escribir", "stop mensajes", "No más, gracias", "no me escriban mas x favor",
    # indirect and informal English, misspellings, the stop sign
    "quit it", "take my number off", "how did you get this number? take it off", "lose my number",
    "who is this? don't text me", "stpo", "unsubscibe", "🛑", "🛑🛑", "do not text",
])
def test_opt_outs_stop_everything(text: str) -> None:
    result = classify_inbound(text)
    assert (result.label, result.opt_out_scope) == ("opt_out", "all")


@pytest.mark.parametrize("text", [
    "no specials or offers pls", "no me manden promociones", "ya no quiero ofertas",
    "Solo mándenme mensajes de mis citas", "stop las ofertas, reminders are ok",
])
def test_marketing_opt_outs(text: str) -> None:
    result = classify_inbound(text)
    assert (result.label, result.opt_out_scope) == ("opt_out", "marketing")


@pytest.mark.parametrize("text", [
    "ok I'll stop bugging you lol", "I'll stop pestering you, thanks for the help", "Necesito un plomero para mañana",
    "para cuándo pueden venir?", "la presión del agua está baja", "¿Cómo cancelo mi cita?",
    "se equivocaron de persona con la foto, perdón", "Tengo que cancelar la cita", "alto el agua del tinaco",
    "no me interesa el plan de mantenimiento", "no mas tiempo para eso hoy", "dont text me before 9",
])
def test_not_an_opt_out(text: str) -> None:
    assert classify_inbound(text).label != "opt_out"


@pytest.mark.parametrize("text", [
    "quiero recibir mensajes otra vez", "Pueden volver a mandarme mensajes", "vuelvan a escribirme por favor",
    "start por favor",
])
def test_spanish_opt_ins(text: str) -> None:
    assert classify_inbound(text).label == "opt_in"


@pytest.mark.parametrize("text", [
    "huele a gas en la casa", "Se está inundando el sótano", "no hay luz y hay chispas", "sale humo del panel",
    "se reventó un tubo y hay agua por todos lados", "la alarma de monóxido de carbono está sonando",
    "huele a gas in the kitchen!!", "no tenemos calefacción y tengo un bebé de 2 meses",
])
def test_spanish_emergencies(text: str) -> None:
    assert classify_inbound(text).label == "emergency"


@pytest.mark.parametrize("text", [
    "ya no huele a gas, gracias", "no hay chispas, solo no prende", "el detector de humo necesita pila",
    "no tenemos calefacción", "Se quemó un foco",
])
def test_not_a_spanish_emergency(text: str) -> None:
    assert classify_inbound(text).label != "emergency"


@pytest.mark.parametrize(("text", "label"), [
    ("AYUDA", "help"), ("sí", "booking_confirm"), ("sii", "booking_confirm"),
    ("quiero hablar con una persona", "human"), ("llámenme por favor", "human"),
    ("cancelen la cita del martes por favor", "booking_cancel"),
    ("¿Podemos reprogramar para el jueves?", "booking_reschedule"),
    ("¿Cuánto cuesta cambiar un calentador?", "quote_request"),
    ("me cobraron de más", "complaint"),
])
def test_spanish_cues(text: str, label: str) -> None:
    assert classify_inbound(text).label == label


def test_spanish_held_out_bar() -> None:
    rows = by_language(read_jsonl("inbound_test"))
    spanish = evaluate_inbound(rows["es"] + rows["mixed"])
    assert spanish.missed_opt_outs == [] and spanish.false_opt_outs == [] and spanish.scope_errors == []
    assert spanish.macro_f1 >= MIN_SPANISH_MACRO_F1
    assert evaluate_outbound(by_language(read_jsonl("outbound_test"))["es"]).f1 == 1.0


@pytest.mark.parametrize("text", [
    "Apex Plumbing: 15% de descuento en cualquier destape este mes.", "Limpieza profunda por solo $59.",
    "¡Únase a nuestro club y ahorre en cada visita!", "Summit: Want us to add you?",
    "Book your AC tune-up before the rush.", "Your warranty is ending. Extend it now.",
    "Your neighbors just got theirs done!", "We'll beat any written quote.",
])
def test_promotional(text: str) -> None:
    assert check_outbound(text).promotional


@pytest.mark.parametrize("text", [
    "Call our toll-free line, 1-800-555-0100, with questions about your bill.",
    "A $25 credit has been applied to your account.", "Your plan's tune-up is due. Reply with a day that works.",
    "Reminder: your visit is tomorrow 8-10am. Please keep the area free of boxes.",
    "Recordatorio: su cita es mañana de 8 a 10am. Responda aquí si necesita cambiarla.",
    "¿Está libre el jueves en la tarde para la inspección que pidió?",
])
def test_not_promotional(text: str) -> None:
    assert not check_outbound(text).promotional


@pytest.mark.parametrize(("text", "language"), [
    ("huele a gas en la casa", "es"), ("¿Pueden venir el sábado?", "es"), ("gracias", "es"),
    ("can someone come tomorrow morning?", "en"), ("STOP", "en"),
    ("hola, can you come tomorrow en la mañana?", "mixed"),
    ("ok", None), ("1", None), ("👍", None), ("", None),
])
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_the_contact_keeps_its_language_on_a_text_that_shows_none() -> None:
    assert answer_language(None, "es") == "es"
    assert answer_language("mixed", None) == "es"
    assert answer_language("en", "es") == "en"


def test_training_never_reads_the_frozen_set() -> None:
    paths = training_paths()
    assert paths and all(path.is_file() for path in paths)
    assert not any(FROZEN_DIR in path.parents or path.name.endswith("_eval.jsonl") for path in paths)
    assert FROZEN_DIR not in SOURCE_DIR.parents and not Path(SOURCE_DIR).is_relative_to(FROZEN_DIR)
    assert not any(path.is_relative_to(FROZEN_DIR) for path in SOURCE_DIR.rglob("*"))


def test_the_frozen_set_is_present_and_labelled() -> None:
    inbound, outbound = frozen_rows("inbound"), frozen_rows("outbound")
    assert len(inbound) >= 400 and len(outbound) >= 200
    assert sum(row["lang"] == "es" for row in inbound) >= 100
    assert sum(row["label"] == "opt_out" for row in inbound) >= 60
    assert {row["lang"] for row in inbound + outbound} <= {"en", "es", "mixed"}


# Robustness pass: how customers really write it in Spanish (docs/compliance.md, section 2).
@pytest.mark.parametrize("text", [
    "favor de no enviar más mensajes", "no me manden más mensajes", "basta de mensajes", "Basta ya de mensajes",
    "ya no quiero recibir mensajes", "sáquenme de la lista", "no me escriban más", "STOP ya no vivo ahí",
    "PARA ya no vivo ahí", "Baja, número equivocado", "no envíen más mensajes", "favor de ya no escribirme",
    "no me sigan mandando mensajes", "🛑 para 🛑", "stop, me mudé", "no quiero más textos", "no me molesten más",
    "ya dejen de escribir", "favor de quitar mi número", "ya basta por favor", "Stop ya me cambié de casa",
    "Quiero dejar de recibir mensajes", "cancelen los mensajes", "ya no quiero",
])
def test_robust_spanish_opt_outs(text: str) -> None:
    result = classify_inbound(text)
    assert (result.label, result.opt_out_scope) == ("opt_out", "all")


@pytest.mark.parametrize("text", [
    "para el martes", "el grifo no para de gotear", "la presión está baja", "basta con que venga el martes",
    "no me manden al técnico de ayer", "no me escriban al correo, mejor por texto", "reanudar el trabajo el lunes",
    "activen la alarma antes de irse", "para que sepan, el portón está abierto", "ya no quiero la cita del martes",
    "ya no quiero el servicio de mantenimiento", "¿cómo cancelo el plan?", "quiten mi número de la factura",
    "pueden volver a venir?", "mándenme la cotización otra vez",
])
def test_robust_spanish_look_alikes_are_not_consent_changes(text: str) -> None:
    assert classify_inbound(text).label not in {"opt_out", "opt_in"}


@pytest.mark.parametrize("text", [
    "reanudar", "Reanuden los mensajes por favor", "quiero volver a recibir mensajes",
    "ya pueden mandarme mensajes otra vez", "actívenme los mensajes", "puse STOP por error", "desbloquéenme",
    "ya pueden enviarme mensajes", "mándenme mensajes de nuevo", "quiero recibir los recordatorios otra vez",
    "no quise poner stop", "sigan mandándome mensajes", "quiero seguir recibiendo mensajes",
])
def test_robust_spanish_opt_ins(text: str) -> None:
    assert classify_inbound(text).label == "opt_in"


@pytest.mark.parametrize(("greeting", "ask"), [
    ("Buenos días, ", "¿tienen espacio mañana?"),
    ("Buenos días, ", "¿tienen algún espacio mañana por la tarde?"),
    ("Buenas tardes, ", "confirmo mi cita de mañana"),
    ("Hola, buenas tardes. ", "¿pueden venir el viernes?"),
    ("Good morning, ", "can you come tomorrow?"),
])
def test_an_opening_greeting_does_not_change_the_label(greeting: str, ask: str) -> None:
    assert classify_inbound(greeting + ask).label == classify_inbound(ask).label


@pytest.mark.parametrize("text", ["Hola, cancelar", "hi, cancel"])
def test_a_greeting_does_not_make_a_keyword_bare(text: str) -> None:
    assert classify_inbound(text).label != "opt_out"  # only the intent cues and the model read past a greeting
