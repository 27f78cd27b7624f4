"""Staff API of seed 001: CRUD with a 400 naming every bad field, segments with a preview, win-back
campaigns (30 days at least, dry run, paced launch), enrollments and unenrolling."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from compliance import ledger
from jobs.relationships import run_daily
from store.db import session_scope
from store.models import Booking, Enrollment, Message, QueuedJob, WorkAddress

HEADERS = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}
NOW = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)  # Tuesday 11am New York
STEP = {"after": "trigger", "delay_days": 0, "local_time": "10:00", "purpose": "win_back",
        "template": "{business}: we miss you, {first_name}! Reply STOP to opt out"}


def call(client, method, path, body=None):
    response = client.open(path, method=method, json=body, headers=HEADERS)
    return response.status_code, response.get_json()


def _customer(settings, phone, days_since_job, *, marketing=True, opted_out=False, care=True, state="FL",
              zone="America/New_York"):
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, phone, lead_source="manual")
        contact.name, contact.after_sales_care = "Sam Lee", care
        ledger.record(session, contact, "existing_relationship", source="staff", recorded_by="test")
        if marketing:
            ledger.record(session, contact, "express", scope="marketing", source="web_form", recorded_by="test")
        if opted_out:
            ledger.record(session, contact, "opt_out", scope="marketing", source="sms", recorded_by="test")
        session.add(WorkAddress(contact_id=contact.id, line1="1 Main St", state=state, time_zone=zone))
        start = NOW - timedelta(days=days_since_job)
        session.add(Booking(contact_id=contact.id, window_start=start, window_end=start + timedelta(hours=2),
                            status="completed", service="drain cleaning", invoice_total_cents=20000))
        return contact.id


def test_a_bad_sequence_is_refused_naming_every_bad_field(client, settings):
    status, body = call(client, "POST", "/api/sequences", {
        "trigger": "whenever", "stop_on": ["replied", "moon"],
        "steps": [{"purpose": "coupon", "template": "{business}"},
                  {"after": "later", "template": "Hi {nickname}", "purpose": "win_back", "delay_days": -1}]})
    assert status == 400
    for named in ("name is required", "trigger must be one of", "stop_on must be a list of",
                  "steps[0].purpose must be one of", "steps[1].after must be one of",
                  "steps[1].delay_days must be a whole number", "steps[1].template uses unknown placeholders nickname"):
        assert named in body["error"]


def test_sequences_are_created_read_edited_and_deleted(client, settings):
    status, listing = call(client, "GET", "/api/sequences")
    assert status == 200
    assert {row["key"] for row in listing["sequences"]} == {"post_job", "win_back", "birthday", "anniversary",
                                                          "vip_checkin"}
    post_job = next(row for row in listing["sequences"] if row["key"] == "post_job")
    assert [step["purpose"] for step in post_job["steps"]] == ["review_request", "satisfaction_checkin",
                                                               "maintenance_reminder"]
    status, created = call(client, "POST", "/api/sequences", {
        "name": "Spring tune-up", "trigger": "manual", "steps": [STEP]})
    assert status == 201 and created["kind"] == "manual" and created["steps"][0]["position"] == 1
    status, edited = call(client, "PATCH", f"/api/sequences/{created['id']}",
                          {"steps": [STEP, {**STEP, "after": "previous", "delay_days": 14}]})
    assert status == 200 and [step["delay_days"] for step in edited["steps"]] == [0, 14]
    assert call(client, "PATCH", f"/api/sequences/{created['id']}", {"kind": "vip"})[0] == 400
    assert call(client, "DELETE", f"/api/sequences/{created['id']}")[1] == {"deleted": created["id"], "unenrolled": 0}
    assert call(client, "GET", f"/api/sequences/{created['id']}")[0] == 404


def test_segments_validate_their_filters_and_preview_the_customers(client, settings):
    _customer(settings, "+13055550100", 45)
    _customer(settings, "+13055550101", 10)
    _customer(settings, "+12065550102", 90, state="WA", zone="America/Los_Angeles")
    status, body = call(client, "POST", "/api/segments", {"name": "x", "filters": {
        "score_min": 120, "state": "ZZ", "colour": "red"}})
    assert status == 400
    for named in ("filters.colour is not a known field", "filters.score_min must be", "filters.state must be"):
        assert named in body["error"]
    status, segment = call(client, "POST", "/api/segments", {"name": "Quiet Floridians", "filters": {
        "state": "FL", "inactive_days_min": 30, "service": "Drain"}})
    assert status == 201
    status, preview = call(client, "GET", f"/api/segments/{segment['id']}/preview")
    assert status == 200 and preview["count"] == 1 and preview["first"][0]["phone"] == "+13055550100"
    assert call(client, "POST", "/api/segments/preview", {"filters": {"job_history": "new"}})[1]["count"] == 3
    with session_scope(settings.database_url) as session:
        ledger.find_contact(session, "+13055550101").customer_type = "Estate Agents"
    assert call(client, "POST", "/api/segments/preview", {"filters": {"customer_type": "estate agents"}})[1][
        "first"][0]["phone"] == "+13055550101"
    assert call(client, "PATCH", f"/api/segments/{segment['id']}", {"name": "Renamed"})[1]["name"] == "Renamed"


def _campaign(client, filters=None, inactivity_days=30):
    _, segment = call(client, "POST", "/api/segments", {"name": "All", "filters": filters or {}})
    _, sequence = call(client, "POST", "/api/sequences", {"name": "Win-back", "trigger": "manual", "steps": [STEP]})
    status, campaign = call(client, "POST", "/api/campaigns", {
        "name": "Winter", "segment_id": segment["id"], "sequence_id": sequence["id"],
        "inactivity_days": inactivity_days})
    assert status == 201, campaign
    return campaign


def test_a_campaign_needs_30_days_of_inactivity(client, settings):
    _, segment = call(client, "POST", "/api/segments", {"name": "All", "filters": {}})
    status, body = call(client, "POST", "/api/campaigns", {"name": "", "segment_id": segment["id"],
                                                          "sequence_id": 999, "inactivity_days": 29})
    assert status == 400
    assert "inactivity_days must be at least 30 days" in body["error"] and "name must be non-empty" in body["error"]
    status, body = call(client, "POST", "/api/campaigns", {"name": "Winter", "segment_id": segment["id"],
                                                          "sequence_id": 999, "inactivity_days": 30})
    assert status == 400 and body["error"] == "sequence_id names no sequence"


def test_a_customer_inactive_29_days_is_not_enrolled_and_at_30_is(client, settings, weekday_morning):
    contact_id = _customer(settings, "+13055550100", 29)
    campaign = _campaign(client)
    status, dry = call(client, "POST", f"/api/campaigns/{campaign['id']}/dry-run")
    assert status == 200 and dry["targeted"] == 0
    weekday_morning.move_to(NOW + timedelta(days=1))
    status, launched = call(client, "POST", f"/api/campaigns/{campaign['id']}/launch")
    assert status == 200 and launched["status"] == "launched" and launched["enrolled"] == 1
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Enrollment.contact_id)).all() == [contact_id]
    assert call(client, "POST", f"/api/campaigns/{campaign['id']}/launch")[0] == 409


def test_the_inactivity_trigger_enrolls_at_30_days_not_29(client, settings):
    contact_id = _customer(settings, "+13055550100", 29)
    call(client, "POST", "/api/sequences", {"name": "Miss you", "trigger": "inactivity", "inactivity_days": 30,
                                           "steps": [STEP]})
    run_daily(settings, NOW)
    with session_scope(settings.database_url) as session:
        assert session.query(Enrollment).filter(Enrollment.kind == "win_back").count() == 0
    run_daily(settings, NOW + timedelta(days=1))
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Enrollment.contact_id).where(Enrollment.kind == "win_back")).all() == [
            contact_id]


def test_dry_run_counts_refused_deferred_and_allowed_and_plans_nothing(client, settings):
    _customer(settings, "+13055550100", 60)  # allowed: 11am in Miami
    _customer(settings, "+13055550101", 60, marketing=False)
    _customer(settings, "+13055550102", 60, opted_out=True)
    _customer(settings, "+13055550103", 60, care=False)
    _customer(settings, "+18085550104", 60, state="HI", zone="Pacific/Honolulu")  # 6am in Honolulu
    campaign = _campaign(client)
    status, dry = call(client, "POST", f"/api/campaigns/{campaign['id']}/dry-run")
    assert status == 200
    assert (dry["targeted"], dry["allowed"], dry["deferred"], dry["refused"]) == (5, 1, 1, 3)
    assert dry["refused_by_cause"] == {"no marketing consent": 1, "opted out": 1, "after-sales care off": 1}
    assert dry["deferred_by_cause"] == {"outside the allowed hours": 1}
    sunday = call(client, "POST", f"/api/campaigns/{campaign['id']}/dry-run", {"at": "2026-11-29T16:00:00Z"})[1]
    assert sunday["deferred_by_cause"] == {"closed day (Sunday or holiday)": 2}
    with session_scope(settings.database_url) as session:
        assert session.query(QueuedJob).count() == 0 and session.query(Message).count() == 0
        assert session.query(Enrollment).count() == 0


def test_launch_spreads_first_texts_at_the_send_rate_inside_the_allowed_hours(client, settings, run_jobs,
                                                                            twilio_http, weekday_morning):
    for index in range(4):
        _customer(settings, f"+1305555010{index}", 60)
    _customer(settings, "+18085550199", 60, state="HI", zone="Pacific/Honolulu")
    campaign = _campaign(client)
    call(client, "POST", f"/api/campaigns/{campaign['id']}/launch")
    with session_scope(settings.database_url) as session:
        steps = session.execute(select(QueuedJob.run_at, QueuedJob.dedupe_key, Enrollment.id)
                                .join(Enrollment, Enrollment.contact_id > 0)
                                .where(QueuedJob.func == "jobs.sequences.run_step",
                                       QueuedJob.kwargs["enrollment_id"].as_integer() == Enrollment.id)).all()
        assert sorted(key for _, key, _ in steps) == sorted(f"sequence-step:{eid}:1" for _, _, eid in steps)
        run_at = sorted(moment for moment, _, _ in steps)
    miami = run_at[:4]
    assert [(later - earlier).total_seconds() for earlier, later in zip(miami, miami[1:], strict=False)] == [1, 1, 1]
    assert run_at[4] == datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # 10am in Honolulu
    weekday_morning.move_to(NOW + timedelta(minutes=1))
    run_jobs()
    assert len(twilio_http.sent_messages) == 4
    assert all("we miss you, Sam" in message["Body"] for message in twilio_http.sent_messages)


def test_enrollments_are_created_listed_and_unenrolled(client, settings):
    contact_id = _customer(settings, "+13055550100", 60)
    _, sequence = call(client, "POST", "/api/sequences", {"name": "Manual", "trigger": "manual",
                                                         "steps": [{**STEP, "delay_days": 3}]})
    assert call(client, "POST", "/api/enrollments", {"contact_id": "x", "sequence_id": 0})[1]["error"].count(
        "must be a positive whole number") == 2
    status, created = call(client, "POST", "/api/enrollments", {"contact_id": contact_id,
                                                               "sequence_id": sequence["id"]})
    assert status == 201 and created["status"] == "active"
    status, again = call(client, "POST", "/api/enrollments", {"contact_id": contact_id,
                                                             "sequence_id": sequence["id"]})
    assert status == 200 and again["id"] == created["id"]
    assert call(client, "GET", f"/api/enrollments?contact_id={contact_id}")[1]["enrollments"][0]["id"] == created["id"]
    status, gone = call(client, "DELETE", f"/api/enrollments/{created['id']}")
    assert status == 200 and gone["status"] == "unenrolled"
    with session_scope(settings.database_url) as session:
        [job] = session.scalars(select(QueuedJob)).all()
        assert job.finished_at is not None


def test_dates_record_reads_the_anniversary_from_the_first_job_until_staff_set_one(client, settings):
    contact_id = _customer(settings, "+13055550100", 400)
    status, record = call(client, "GET", f"/api/contacts/{contact_id}/dates")
    assert status == 200 and record["anniversary_source"] == "first_completed_job"
    assert record["anniversary"] == (NOW - timedelta(days=400)).date().isoformat()
    status, record = call(client, "PATCH", f"/api/contacts/{contact_id}/dates",
                          {"anniversary": "2020-05-01", "birthday": "1980-02-29"})
    assert status == 200 and record == {"contact_id": contact_id, "birthday": "1980-02-29",
                                        "anniversary": "2020-05-01", "anniversary_source": "staff"}
    assert call(client, "PATCH", f"/api/contacts/{contact_id}/dates", {"birthday": "2999-01-01"})[0] == 400
