"""classifiers.text: the normal forms every rule family and both models read."""

from __future__ import annotations

from classifiers.text import for_model, for_rules, plain, squeeze


def test_plain_folds_accents_written_either_way_and_straightens_quotes():
    assert plain("Únase ya") == "Unase ya"
    assert plain("U\u0301nase ya") == "Unase ya"  # the accent as a combining mark
    assert plain("\u201cno\u201d, it\u2019s \ufb01ne") == "\"no\", it's fine"  # NFKC: the "fi" ligature
    assert plain("ok \U0001F44D\U0001F3FC") == "ok \U0001F44D"


def test_plain_collapses_spaces_and_keeps_one_line_break():
    assert plain("  gate\tcode  1234 \n\n  thanks ") == "gate code 1234\nthanks"
    assert plain("caf\u00e9\u00a0\u00a0now") == "cafe now"


def test_for_rules_spells_out_shorthand_only_as_a_whole_word():
    assert for_rules("PLS dont txt u") == "please don't text you"
    assert for_rules("menu u2 u'll ur") == "menu u2 u'll your"
    assert for_rules("r u there") == "r you there"  # "r" is model shorthand only


def test_for_model_caps_letter_runs_and_expands_its_shorthand():
    assert for_model("sooo sorry, tmrw b4 2moro?") == "soo sorry, tomorrow before tomorrow?"
    assert for_model("Ñandú K") == "nandu ok"


def test_squeeze_keeps_only_upper_case_words():
    assert squeeze("Stop!! 🛑 opt-out") == ["STOP", "OPT", "OUT"]
    assert squeeze("🛑") == []
