"""Errors are logged without row data: no statement parameters, no PostgreSQL DETAIL (issue 10, faults 5)."""

import logging
import subprocess
import sys

import pytest
from sqlalchemy.exc import IntegrityError

from config import ROOT
from store.db import session_scope
from store.errors import describe
from store.models import Contact

SECRET_PHONE = "+13055550177"


def _duplicate_contact(settings) -> IntegrityError:
    with session_scope(settings.database_url) as session:
        session.add(Contact(phone=SECRET_PHONE, name="gate code 4821"))
    with pytest.raises(IntegrityError) as raised:
        with session_scope(settings.database_url) as session:
            session.add(Contact(phone=SECRET_PHONE, name="gate code 4821"))
    return raised.value


def test_a_database_error_is_described_without_its_parameters_or_row(settings):
    error = _duplicate_contact(settings)
    assert "4821" not in str(error)  # the engine hides the statement's parameters
    assert "unique" in describe(error).lower()
    assert SECRET_PHONE not in describe(error) and "4821" not in describe(error)


def test_an_unexpected_database_error_in_a_request_logs_no_row_data(app, settings, caplog):
    def failing_view():
        for _ in range(2):  # the second insert breaks the unique phone
            with session_scope(settings.database_url) as session:
                session.add(Contact(phone=SECRET_PHONE, name="gate code 4821"))
        return "unreachable"

    app.add_url_rule("/failing-insert", view_func=failing_view, methods=["POST"])
    with caplog.at_level(logging.ERROR):
        response = app.test_client().post("/failing-insert")
    assert response.status_code == 500 and response.get_data(as_text=True) == "internal error"
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    assert "unhandled database error on POST /failing-insert" in logged
    assert SECRET_PHONE not in logged and "4821" not in logged


def test_importing_the_app_does_not_import_spacy():
    """`flask db upgrade` and `flask simulate` must not pay for spaCy; the model loads on first use."""
    probe = "import sys, app; app.create_app; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
