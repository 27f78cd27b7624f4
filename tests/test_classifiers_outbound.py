"""check_outbound: promotional spans per category, ordinary service wording, model-only flags, accuracy."""

from __future__ import annotations

import dataclasses

import pytest

from classifiers import OutboundResult, check_outbound, check_outbound_batch, load, outbound
from classifiers.corpus import read_jsonl
from classifiers.evaluation import evaluate_outbound
from classifiers.outbound import MODEL_ONLY_REASON, OUTBOUND_CACHE_SIZE, THRESHOLD

# Measured on the held-out part: F1 1.000 with no false positive (see the report for the caveat).
MIN_HELD_OUT_F1 = 0.97
MAX_HELD_OUT_FALSE_POSITIVES = 1


@pytest.mark.parametrize(("text", "span", "reason"), [
    ("Apex Plumbing: get 20% off any drain cleaning!", "20% off any", "discount"),
    ("Summit: save $50 on your fall tune-up.", "save $50", "discount"),
    ("BrightClean: our $99 special is back!", "$99 special", "discount"),
    ("Volt Electric: limited time pricing on panels.", "limited time", "urgency"),
    ("Apex Plumbing: today only, no trip fee.", "today only", "urgency"),
    ("Book your AC check before prices go up on June 1!", "before prices go up", "urgency"),
    ("Apex Plumbing: free inspection with any repair.", "free", "incentive"),
    ("BrightClean: refer a friend and we'll thank you.", "refer a friend", "incentive"),
    ("Volt Electric: leave us a review and get $25 toward your next visit.",
     "review and get", "incentive"),
    ("Summit: we're giving away a smart thermostat to one customer.", "giving away", "giveaway"),
    ("Apex Plumbing: join our VIP club for priority service.", "join our VIP club", "loyalty"),
    ("Summit: 0% financing for 60 months on new systems.", "0% financing for 60 months", "financing"),
    ("Your visit is tomorrow. While we're there, ask about water softeners!", "While we're there", "upsell"),
    ("Volt Electric: did you know we also install EV chargers?", "did you know we also install", "upsell"),
    ("BrightClean: we miss you! Book your next clean.", "we miss you", "win-back"),
])
def test_promotional_spans_by_category(text: str, span: str, reason: str) -> None:
    result = check_outbound(text)
    start = text.index(span)
    assert result.promotional
    assert result.score >= THRESHOLD
    assert {"start": start, "end": start + len(span), "text": span, "reason": reason} in result.spans


def test_a_reminder_with_an_offer_is_promotional() -> None:
    text = "Apex Plumbing reminder: your visit is tomorrow at 10. While we're there, ask about 15% off water softeners!"
    result = check_outbound(text)
    assert result.promotional
    assert {s["reason"] for s in result.spans} == {"upsell", "discount"}
    assert all(text[s["start"]:s["end"]] == s["text"] for s in result.spans)


@pytest.mark.parametrize("text", [
    "are you free Thursday?",
    "Apex Plumbing: are you free Thursday? We have a 10am-12pm window open.",
    "parts are free of charge under warranty",
    "your quote is $189",
    "Hi Dana, your quote is $189 for the faucet replacement. Reply YES to book.",
    "reply YES to book",
    "your estimate is still open",
    "BrightClean: your estimate is still open. Let us know if you have questions.",
    "Reply STOP to opt out",
    "Msg & data rates may apply. Reply HELP for help, STOP to opt out.",
    "BrightClean: special instructions noted: no bleach in the kids' bathroom.",
    "Volt Electric: we'll deal with the old fixtures and haul them away at no charge.",
    "Summit: save this number, it's our direct line for scheduling.",
    "Summit: your financing application for the heat pump install was approved.",
    "Volt Electric: the lights should stop flickering now. Text us if they come back.",
    "Your invoice #4821 for $342.50 is ready. Pay online at apexplumb.co/pay",
    "Summit: your annual maintenance visit, included in your plan, is set for 10/14 at 9am.",
    "Apex Plumbing: how did we do? A quick review helps a small business like ours.",
])
def test_ordinary_service_wording_is_not_flagged(text: str) -> None:
    result = check_outbound(text)
    assert (result.promotional, result.spans) == (False, [])


def test_marketing_purpose_still_reports_spans() -> None:
    text = "BrightClean: spring special, 20% off deep cleans this week only!"
    marketing = check_outbound(text, purpose="marketing")
    assert marketing.promotional
    assert marketing == check_outbound(text)
    assert {s["reason"] for s in marketing.spans} >= {"discount", "urgency"}


def test_the_model_alone_flags_a_paraphrase_with_its_sentence() -> None:
    text = "Volt Electric: Happy holidays! Book any service this month and enjoy our thank you pricing."
    result = check_outbound(text)
    sentence = "Book any service this month and enjoy our thank you pricing."
    start = text.index(sentence)
    assert result.promotional
    assert result.spans == [{"start": start, "end": start + len(sentence), "text": sentence,
                             "reason": MODEL_ONLY_REASON}]


def test_result_contract() -> None:
    result = check_outbound("Your tech is on the way.")
    assert isinstance(result, OutboundResult)
    assert 0.0 <= result.score <= 1.0
    assert set(result.to_dict()) == {"promotional", "score", "spans"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.promotional = True  # type: ignore[misc]


def test_batch_matches_single_calls() -> None:
    items = ["Get 20% off!", ("Your tech is on the way.", "transactional"), ("We miss you!", "marketing"), ""]
    expected = [check_outbound(i) if isinstance(i, str) else check_outbound(*i) for i in items]
    assert check_outbound_batch(items) == expected


def test_pipeline_is_loaded_once() -> None:
    assert load().outbound is load().outbound


def test_held_out_accuracy_bar() -> None:
    report = evaluate_outbound(read_jsonl("outbound_test"))
    assert report.f1 >= MIN_HELD_OUT_F1
    assert len(report.false_positives) <= MAX_HELD_OUT_FALSE_POSITIVES, report.false_positives


@pytest.mark.parametrize("text", ["", "   ", "\u200d", "\ufe0f\n"])
def test_nothing_to_read_is_not_promotional(text: str) -> None:
    assert check_outbound(text) == OutboundResult(promotional=False, score=0.0, spans=[])


MEMO_BODIES = [
    ("Apex Plumbing: your invoice #4411 is ready. Thank you for your business.", "transactional"),
    ("Apex Plumbing: reminder of your visit Fri, 9-11am. Ask about 15% off water softeners!", "booking_reminder"),
    ("Apex Plumbing: thanks for having us. Leave us a 5-star review and get $20 off!", "post_job_checkin"),
    ("Apex Plumbing: 15% off drain cleaning this week only. Reply STOP to opt out", "marketing"),
    ("Volt Electric: we truly believe you deserve the very best home this season.", "transactional"),
    ("", "transactional"),
]


def test_memoised_check_equals_the_unmemoised_one() -> None:
    outbound.clear_cache()
    for text, purpose in MEMO_BODIES:
        expected = check_outbound_batch([(text, purpose)])[0]
        first, again = check_outbound(text, purpose), check_outbound(text, purpose)
        assert first == expected
        assert again == expected
    info = outbound.cache_info()
    assert (info.hits, info.misses) == (len(MEMO_BODIES), len(MEMO_BODIES))
    assert any(check_outbound(text, purpose).promotional for text, purpose in MEMO_BODIES)  # not all trivially clean


def test_a_caller_changing_its_result_does_not_change_the_memo() -> None:
    text = "Apex Plumbing: get 20% off any drain cleaning!"
    result = check_outbound(text)
    result.spans[0]["text"] = "changed"
    result.spans.append({"start": 0, "end": 1, "text": "A", "reason": "x"})
    assert check_outbound(text) == check_outbound_batch([text])[0]


def test_the_memo_is_bounded() -> None:
    outbound.clear_cache()
    # Whitespace-only texts are distinct keys that skip the model, so filling the memo is cheap.
    texts = [" " * n for n in range(1, OUTBOUND_CACHE_SIZE + 11)]
    for text in texts:
        check_outbound(text)
    info = outbound.cache_info()
    assert info.maxsize == OUTBOUND_CACHE_SIZE
    assert info.currsize == OUTBOUND_CACHE_SIZE
    check_outbound(texts[0])  # the least recently used was evicted: asked again, it is a miss
    assert outbound.cache_info().misses == info.misses + 1
    check_outbound(texts[-1])
    assert outbound.cache_info().hits == info.hits + 1
