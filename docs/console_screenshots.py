"""Take the README's screenshots of the staff console with headless chromium (Debian's /usr/bin/chromium).

Seeds a throwaway SQLite database with a few invented conversations, serves the app on a free port
and saves docs/console-inbox.png and docs/console-conversation.png. Needs Redis (for the sign-in).
Run: `.venv/bin/python docs/console_screenshots.py`
"""

from __future__ import annotations

import sys
import tempfile
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

EMAIL, PASSWORD = "owner@acme-plumbing.example", "a screenshot password"
CONVERSATIONS = [
    ("Maria Lopez", "+16175550111", [("inbound", "Water is pouring from the ceiling under the upstairs bathroom!")],
     "emergency"),
    ("Dev Patel", "+16175550112", [("inbound", "Hi, can someone look at our water heater this week?"),
                                   ("outbound", "Acme Plumbing & Heating: We can come 1) Wed 8-10am 2) Thu 1-3pm. "
                                                "Reply 1 or 2."),
                                   ("inbound", "2 please. The gate code is 4821 and we have a dog")], None),
    ("Sam Carter", "+16175550113", [("inbound", "STOP")], None),
    (None, "+16175550114", [("inbound", "do you do drain cleaning on saturdays?")], None),
]


def seed(database_url: str) -> int:
    from compliance import ledger
    from console import users
    from store.db import session_scope
    from store.models import Booking, Escalation, Message, WorkAddress

    now = datetime.now(UTC).replace(microsecond=0)
    with session_scope(database_url) as session:
        users.create_user(session, EMAIL, PASSWORD, "owner")
        focus = None
        for index, (name, phone, texts, escalation) in enumerate(CONVERSATIONS):
            contact = ledger.contact_for(session, phone)
            contact.name = name
            ledger.record(session, contact, "implied_inquiry", source="sms", channel="sms",
                          snippet=texts[0][1], occurred_at=now - timedelta(hours=5 - index))
            for offset, (direction, body) in enumerate(texts):
                code = body.find("4821")  # what the inbound classifier stores for a texted gate code
                entities = ([{"kind": "gate_code", "start": code, "end": code + 4, "value": "4821"}]
                            if code >= 0 else None)
                session.add(Message(contact_id=contact.id, direction=direction, body=body, entities=entities,
                                    status="received" if direction == "inbound" else "delivered",
                                    purpose=None if direction == "inbound" else "conversational",
                                    created_at=now - timedelta(hours=4 - index, minutes=10 - offset)))
            if body == "STOP":
                ledger.record(session, contact, "opt_out", source="sms", channel="sms", snippet="STOP")
            if escalation:
                session.add(Escalation(contact_id=contact.id, reason=escalation, status="open", transcript=[]))
            if name == "Dev Patel":
                focus = contact.id
                start = (now + timedelta(days=2)).replace(hour=18, minute=0, second=0)
                address = WorkAddress(contact_id=contact.id, line1="12 Elm Street", city="Somerville", state="MA",
                                      postal_code="02144", time_zone="America/New_York",
                                      access_notes={"gate_code": "4821", "pet": "a dog"})
                session.add(address)
                session.flush()
                session.add(Booking(contact_id=contact.id, address_id=address.id, window_start=start,
                                    window_end=start + timedelta(hours=2), status="confirmed", service="Water heater"))
            session.flush()
    return focus


def main() -> None:
    from app import create_app
    from config import Settings

    workdir = Path(tempfile.mkdtemp(prefix="frontdesk-screenshots-"))
    database_url = f"sqlite:///{workdir / 'console.sqlite3'}"
    from store import migrations

    migrations.upgrade(database_url)
    focus = seed(database_url)
    app = create_app(Settings(database_url=database_url, redis_url="redis://127.0.0.1:6379/14",
                              business_name="Acme Plumbing & Heating", business_phone="+16175550142"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{base}/console/login")
            page.get_by_label("Email").fill(EMAIL)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_selector("ul.inbox li.conversation")
            page.screenshot(path=str(ROOT / "docs" / "console-inbox.png"))
            page.goto(f"{base}/console/conversations/{focus}")
            page.wait_for_selector("ol.thread")
            page.screenshot(path=str(ROOT / "docs" / "console-conversation.png"), full_page=True)
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
