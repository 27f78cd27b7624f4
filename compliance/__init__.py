"""Consent ledger, send gate, quiet hours and frequency caps: the compliance core."""
