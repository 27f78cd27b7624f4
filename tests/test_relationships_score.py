"""The daily relationship score on real databases: README's worked example gives 74, a tracked link
click moves engagement, the history keeps each day, VIP follows the score unless staff override it,
and a VIP's booking request reaches staff marked VIP."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from compliance import ledger
from jobs.relationships import run_daily
from relationships import links
from store.db import session_scope
from store.models import Booking, Contact, Engagement, Message, NpsResponse, RelationshipScore, utcnow
from tests.support.webhooks import replies, sms

NOW = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)  # the conftest clock: Tuesday 11am New York
DANA = "+13055550100"
HEADERS = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}


def _customer(session, phone, jobs, *, name=None):
    """A contact with completed jobs given as (days ago, dollars)."""
    contact = ledger.contact_for(session, phone, lead_source="manual")
    contact.name = name
    for days_ago, dollars in jobs:
        start = NOW - timedelta(days=days_ago)
        session.add(Booking(contact_id=contact.id, window_start=start, window_end=start + timedelta(hours=2),
                            status="completed", invoice_total_cents=dollars * 100))
    session.flush()
    return contact


def _worked_example(settings, *, click: bool = True):
    """README's example: Dana and three other customers."""
    with session_scope(settings.database_url) as session:
        dana = _customer(session, DANA, [(73, 700), (268, 500)], name="Dana Reyes")
        _customer(session, "+13055550101", [(400, 300)])
        _customer(session, "+13055550102", [(30, 800)])
        _customer(session, "+13055550103", [(10, 2000)])
        texts = []
        for days_ago in (60, 20):
            text = Message(contact_id=dana.id, direction="outbound", body="x", purpose="review_request",
                           status="delivered", sent_at=NOW - timedelta(days=days_ago))
            session.add(text)
            session.flush()
            texts.append(text)
        session.add(NpsResponse(contact_id=dana.id, asked_message_id=texts[0].id, reply_message_id=texts[0].id,
                                score=9, created_at=NOW - timedelta(days=59)))
        body, link_ids = links.rewrite(session, "https://desk.example.com", dana.id, "test:1",
                                       "Review us: https://g.page/r/abc/review")
        links.attach(session, link_ids, texts[1].id)
        return dana.id, body.rsplit("/l/", 1)[1]


def _score(settings, contact_id, day=None):
    with session_scope(settings.database_url) as session:
        query = select(RelationshipScore).where(RelationshipScore.contact_id == contact_id)
        if day:
            query = query.where(RelationshipScore.day == day)
        row = session.scalars(query.order_by(RelationshipScore.day.desc()).limit(1)).one()
        session.expunge(row)
        return row


def test_readme_worked_example_scores_74(settings, client):
    dana_id, code = _worked_example(settings)
    response = client.get(f"/l/{code}")
    assert response.status_code == 302 and response.headers["Location"] == "https://g.page/r/abc/review"
    run_daily(settings, NOW)
    row = _score(settings, dana_id)
    assert (row.recency, row.spend, row.frequency, row.nps, row.engagement) == (0.9, 0.75, 0.5, 0.9, 0.5)
    assert row.score == 74 and not row.vip
    assert (row.days_since_last_job, row.lifetime_spend_cents, row.jobs_12m, row.automated_12m, row.engaged_12m) == (
        73, 120000, 2, 2, 1)
    body = client.get(f"/api/contacts/{dana_id}/score", headers=HEADERS).get_json()
    assert body["score"] == 74 and body["latest"]["points"] == {
        "recency": 31.5, "spend": 18.75, "frequency": 10.0, "nps": 9.0, "engagement": 5.0}


def test_a_tracked_link_click_moves_engagement_once_per_recipient(settings, client):
    dana_id, code = _worked_example(settings)
    run_daily(settings, NOW)
    before = _score(settings, dana_id)
    assert before.engagement == 0.0 and before.score == 69
    assert client.get(f"/l/{code}").status_code == 302
    assert client.get(f"/l/{code}").status_code == 302
    with session_scope(settings.database_url) as session:
        assert session.query(Engagement).count() == 1
    run_daily(settings, NOW + timedelta(minutes=1))
    after = _score(settings, dana_id)
    assert after.engagement == 0.5 and after.score == 74


def test_unknown_or_guessed_link_codes_are_404(client, settings):
    assert client.get("/l/AAAAAAAAAAAA").status_code == 404
    assert client.get("/l/short").status_code == 404


def test_each_day_is_kept_and_the_change_is_explained(settings, client):
    dana_id, _ = _worked_example(settings)
    run_daily(settings, NOW)
    run_daily(settings, NOW + timedelta(days=73))  # 146 days since the last job
    body = client.get(f"/api/contacts/{dana_id}/score", headers=HEADERS).get_json()
    assert [day["day"] for day in body["history"]] == ["2027-02-05", "2026-11-24"]
    assert body["latest"]["change"]["points"]["recency"] == -3.5
    assert body["latest"]["change"]["since"] == "2026-11-24"


def test_vip_follows_the_score_and_a_manual_override_is_kept(settings, client):
    with session_scope(settings.database_url) as session:
        best = _customer(session, "+13055550110", [(1, 900), (40, 900), (100, 900), (200, 900)])
        _customer(session, "+13055550111", [(500, 100)])
        best_id = best.id
    run_daily(settings, NOW)
    assert _score(settings, best_id).score >= 80
    contact = client.get(f"/api/contacts/{best_id}", headers=HEADERS).get_json()
    assert contact["vip"] is True and contact["relationship_score"] >= 80
    response = client.patch(f"/api/contacts/{best_id}/vip", json={"vip_override": "not_vip"}, headers=HEADERS)
    assert response.status_code == 200 and response.get_json()["vip"] is False
    run_daily(settings, NOW + timedelta(days=1))
    assert client.get(f"/api/contacts/{best_id}", headers=HEADERS).get_json()["vip"] is False
    client.patch(f"/api/contacts/{best_id}/vip", json={"vip_override": None}, headers=HEADERS)
    assert client.get(f"/api/contacts/{best_id}", headers=HEADERS).get_json()["vip"] is True


def test_becoming_vip_enrolls_the_vip_check_in_once(settings):
    with session_scope(settings.database_url) as session:
        best = _customer(session, "+13055550110", [(1, 900), (40, 900), (100, 900), (200, 900)])
        best_id = best.id
    run_daily(settings, NOW)
    run_daily(settings, NOW + timedelta(hours=1))
    from store.models import Enrollment

    with session_scope(settings.database_url) as session:
        assert [(row.contact_id, row.kind) for row in session.scalars(select(Enrollment))] == [(best_id, "vip")]


def test_vip_appears_in_the_staff_booking_request_alert(client, settings, run_jobs, twilio_http, weekday_morning):
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, DANA)
        contact.vip = True
    weekday_morning.move_to(datetime(2026, 11, 25, 0, 0, tzinfo=UTC))  # Tue 7pm New York
    sms(client, "can someone come tomorrow morning?")
    assert "requested" in replies(sms(client, "2"))[0]
    weekday_morning.move_to(datetime(2026, 11, 25, 13, 30, tzinfo=UTC))
    run_jobs()
    alerts = [message["Body"] for message in twilio_http.sent_messages if message["To"] != DANA]
    assert alerts and all(alert.startswith("[#1 New booking request VIP] ") for alert in alerts)


def test_a_completed_booking_records_its_invoice_total_through_the_api(client, settings):
    with session_scope(settings.database_url) as session:
        contact_id = ledger.contact_for(session, DANA).id
    start = utcnow() - timedelta(days=1)
    booking = client.post("/api/bookings", headers=HEADERS, json={
        "contact_id": contact_id, "window_start": start.isoformat(),
        "window_end": (start + timedelta(hours=2)).isoformat()}).get_json()
    client.patch(f"/api/bookings/{booking['id']}", json={"status": "completed"}, headers=HEADERS)
    response = client.patch(f"/api/bookings/{booking['id']}", json={"invoice_total": "450.25"}, headers=HEADERS)
    assert response.status_code == 200 and response.get_json()["invoice_total"] == "450.25"
    with session_scope(settings.database_url) as session:
        assert session.get(Contact, contact_id) and session.get(Booking, booking["id"]).invoice_total_cents == 45025
