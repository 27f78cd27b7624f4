"""The inbound form's classification, kept per body: the same answer each time, entities each caller's own."""

from classifiers import classify_inbound
from intake.sms import classify, parse

FORM = {"MessageSid": "SM" + "0" * 32, "From": "+13055550100", "To": "+13055550199",
        "Body": "can you come tomorrow morning? the gate code is 4411"}


def test_a_body_classified_again_gets_the_same_result():
    first, again = classify(parse(FORM)), classify(parse(FORM))
    assert first == again == classify_inbound(FORM["Body"])
    assert {entity["kind"] for entity in first.entities} >= {"date", "gate_code"}


def test_changing_one_callers_entities_changes_no_other_callers():
    first = classify(parse(FORM))
    first.entities[0]["kind"] = "changed"
    first.entities.append({"kind": "added"})
    assert classify(parse(FORM)) == classify_inbound(FORM["Body"])
