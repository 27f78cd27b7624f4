"""Reminders and follow-ups go out in the contact's language, through the same gate (the promotional
check must not mistake a Spanish reminder for an offer)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from compliance import ledger
from jobs import planner
from jobs.queue import dispatch
from store.db import session_scope
from store.models import Booking, Estimate, GateDecision
from tests.conftest import BUSINESS_NAME

MIAMI = "+13055550100"


def _spanish_contact(settings) -> int:
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, MIAMI, lead_source="manual")
        contact.language = "es"
        ledger.record(session, contact, "implied_inquiry", source="staff", recorded_by="test")
        return contact.id


def test_confirmation_and_reminder_in_spanish(settings, run_jobs, twilio_http, weekday_morning):
    contact_id = _spanish_contact(settings)
    start = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)  # Friday 9-11am in Miami
    with session_scope(settings.database_url) as session:
        booking = Booking(contact_id=contact_id, window_start=start, window_end=start + timedelta(hours=2),
                          status="confirmed")
        session.add(booking)
        session.flush()
        job_ids = planner.booking_changed(session, settings, booking)
    dispatch(settings, job_ids)
    run_jobs()
    [confirmation] = twilio_http.sent_messages
    assert confirmation["Body"] == (f"{BUSINESS_NAME}: su cita quedó agendada para el vie 27 nov, 9-11am. "
                                    "Si necesita cambiarla, responda aquí.")
    weekday_morning.move_to(start - timedelta(hours=24) + timedelta(seconds=5))
    run_jobs()
    assert twilio_http.sent_messages[1]["Body"].startswith(f"{BUSINESS_NAME}: le recordamos su cita del vie 27 nov")
    with session_scope(settings.database_url) as session:
        assert {d.action for d in session.scalars(select(GateDecision))} == {"allow"}


def test_quote_follow_up_in_spanish(settings, run_jobs, twilio_http, weekday_morning):
    contact_id = _spanish_contact(settings)
    sent_at = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
    with session_scope(settings.database_url) as session:
        estimate = Estimate(contact_id=contact_id, number="12", amount_cents=18900, status="open",
                            portal_url="https://portal.example.com/e/12", sent_at=sent_at)
        session.add(estimate)
        session.flush()
        job_ids = planner.estimate_changed(session, settings, estimate)
    dispatch(settings, job_ids)
    weekday_morning.move_to(sent_at + timedelta(days=2, seconds=5))
    run_jobs()
    [first] = twilio_http.sent_messages
    assert first["Body"] == (f"{BUSINESS_NAME}: su presupuesto #12 sigue abierto. Puede verlo aquí: "
                             "https://portal.example.com/e/12 Si tiene preguntas, responda aquí.")
