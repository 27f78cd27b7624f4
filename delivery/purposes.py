"""Purposes of outbound messages that are answers, not follow-ups; the gate's purposes are in compliance/rules.toml."""

CONVERSATIONAL = "conversational"
OPT_OUT_CONFIRMATION = "opt_out_confirmation"
