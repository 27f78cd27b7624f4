"""The console's pages: thin handlers over console.queries (reads) and console.actions (writes)."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlparse

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from redis.exceptions import RedisError

from console import actions, csrf, queries, relationship_pages, twilio_webhooks, users
from crm.access import masked_text
from crm.errors import NotFound
from jobs import connection
from jobs.queue import dispatch
from store.db import session_scope
from store.models import StaffUser, utcnow

bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates", static_folder="static")
POLL_SECONDS = 3
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


class SignedIn(UserMixin):
    """The signed-in staff member, as Flask-Login carries them through a request."""

    def __init__(self, user: StaffUser):
        self.id, self.email, self.role = user.id, user.email, user.role

    @property
    def is_owner(self) -> bool:
        return self.role == users.OWNER


def load_user(user_id: str) -> SignedIn | None:
    if not user_id.isdigit():
        return None
    with session_scope(_settings().database_url) as session:
        user = session.get(StaffUser, int(user_id))
        return SignedIn(user) if user is not None and user.active else None


def unauthorized():
    """No session: the sign-in page; an htmx poll is told to load it instead of swapping it in."""
    target = url_for("console.login", next=request.full_path.rstrip("?") if request.method == "GET" else None)
    if request.headers.get("HX-Request"):
        return "", 401, {"HX-Redirect": url_for("console.login")}
    return redirect(target)


def owner_only(view):
    @wraps(view)
    def checked(*args, **kwargs):
        if not current_user.is_owner:
            abort(403, "only the owner can see this page")
        return view(*args, **kwargs)

    return checked


@bp.after_request
def _headers(response):
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.before_request
def _csrf():
    """Every POST of the console carries the CSRF token (a form field, or htmx's X-CSRFToken header)."""
    csrf.protect()


@bp.app_template_filter("mask_codes")
def _mask_codes(text: str | None) -> str:
    """Free text (a transcript, a ledger snippet) with any access code masked, as the staff API does."""
    return masked_text(text or "")


@bp.app_template_filter("local")
def _local(moment, fmt: str = "%b %d %H:%M") -> str:
    """A stored (UTC) time as the business's clock shows it, with the zone's abbreviation."""
    return moment.astimezone(_settings().profile.time_zone).strftime(f"{fmt} %Z") if moment else ""


@bp.context_processor
def _globals():
    return {"business_name": _settings().business_name, "poll_seconds": POLL_SECONDS}


# -- signing in ---------------------------------------------------------------------------------

@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("console/login.html", email="")
    email = request.form.get("email", "")
    settings = _settings()
    try:
        with session_scope(settings.database_url) as session:
            result = users.authenticate(session, connection.web_redis(settings), email,
                                        request.form.get("password", ""))
            signed_in = SignedIn(result.user) if result.user else None
    except RedisError:
        return render_template("console/login.html", email=email,
                               error="Sign-in is unavailable for a moment (Redis does not answer)."), 503
    if signed_in is None:
        error = ("Too many failed sign-ins: this account is locked for 15 minutes." if result.locked
                 else "Wrong email or password.")
        return render_template("console/login.html", email=email, error=error), 401
    login_user(signed_in)
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    return redirect(url_for("console.login"))


def _safe_next(target: str | None) -> str:
    parsed = urlparse(target or "")
    if target and not parsed.scheme and not parsed.netloc and target.startswith("/console/"):
        return target
    return url_for("console.inbox")


# -- inbox and conversations --------------------------------------------------------------------

@bp.get("/")
@login_required
def home():
    return redirect(url_for("console.inbox"))


@bp.get("/inbox")
@login_required
def inbox():
    search = request.args.get("q", "")[:100]
    return render_template("console/inbox.html", rows=_inbox_rows(search), q=search)


@bp.get("/inbox/rows")
@login_required
def inbox_rows():
    return render_template("console/_inbox_rows.html", rows=_inbox_rows(request.args.get("q", "")[:100]))


def _inbox_rows(search: str):
    settings = _settings()
    staff_phones = settings.profile.staff_numbers + settings.profile.on_call_numbers
    with session_scope(settings.database_url) as session:
        return queries.inbox(session, search=search, exclude_phones=staff_phones)


@bp.get("/conversations/<int:contact_id>")
@login_required
def conversation(contact_id: int):
    settings = _settings()
    with session_scope(settings.database_url) as session:
        contact = _contact_or_404(session, contact_id)
        page = queries.conversation(session, contact)
        actions.mark_read(session, contact.id, current_user.id)
    return render_template("console/conversation.html", c=page, purposes=actions.staff_purposes(settings),
                           default_purpose=actions.DEFAULT_PURPOSE)


@bp.get("/conversations/<int:contact_id>/thread")
@login_required
def thread(contact_id: int):
    with session_scope(_settings().database_url) as session:
        contact = _contact_or_404(session, contact_id)
        messages = queries.thread(session, contact.id)
        actions.mark_read(session, contact.id, current_user.id)
    return render_template("console/_thread.html", contact=contact, messages=messages)


@bp.post("/conversations/<int:contact_id>/reply")
@login_required
def reply(contact_id: int):
    settings = _settings()
    notice, error, job_id = None, None, None
    with session_scope(settings.database_url) as session:
        contact = _contact_or_404(session, contact_id)
        try:
            result = actions.reply(session, settings, contact, request.form.get("body", ""),
                                   request.form.get("purpose", actions.DEFAULT_PURPOSE))
        except actions.ActionError as problem:
            error = str(problem)
        else:
            job_id = result.job_id
            if result.decision.action == "refuse":
                error = "Not sent: " + "; ".join(result.decision.reasons)
            else:
                notice = "Queued for sending." if result.decision.action == "allow" else "Waiting: " + "; ".join(
                    result.decision.reasons)
        messages = queries.thread(session, contact.id)
        actions.mark_read(session, contact.id, current_user.id)
    dispatch(settings, [job_id])
    return render_template("console/_reply_result.html", contact=contact, messages=messages, notice=notice,
                           error=error, body=request.form.get("body", "") if error else "",
                           purposes=actions.staff_purposes(settings), default_purpose=actions.DEFAULT_PURPOSE)


@bp.post("/contacts/<int:contact_id>/access/<source>/<int:source_id>/<name>/reveal")
@login_required
def reveal(contact_id: int, source: str, source_id: int, name: str):
    with session_scope(_settings().database_url) as session:
        contact = _contact_or_404(session, contact_id)
        try:
            value = actions.reveal(session, contact, source, source_id, name, current_user)
        except actions.ActionError as problem:
            abort(404, str(problem))
    return render_template("console/_revealed.html", value=value)


# -- escalations and held-back texts ------------------------------------------------------------

@bp.get("/escalations")
@login_required
def escalations():
    status = request.args.get("status", "open")
    if status not in queries.ESCALATION_STATUSES:
        abort(400, f"status must be one of {', '.join(queries.ESCALATION_STATUSES)}")
    with session_scope(_settings().database_url) as session:
        rows = queries.escalations(session, status)
        counts = queries.escalation_counts(session)
    return render_template("console/escalations.html", rows=rows, status=status, counts=counts)


@bp.post("/escalations/<int:escalation_id>/<any(claim, close):action>")
@login_required
def escalation_action(escalation_id: int, action: str):
    with session_scope(_settings().database_url) as session:
        try:
            getattr(actions, action)(session, escalation_id, current_user)
        except actions.ActionError as problem:
            flash(str(problem), "error")
    return redirect(url_for("console.escalations", status=request.args.get("status", "open")))


@bp.get("/held")
@login_required
def held():
    status = request.args.get("status", "refused")
    if status not in queries.HELD:
        abort(400, f"status must be one of {', '.join(queries.HELD)}")
    with session_scope(_settings().database_url) as session:
        rows = queries.held_back(session, status)
    return render_template("console/held.html", rows=rows, status=status)


@bp.post("/held/<int:message_id>/resubmit")
@login_required
def resubmit(message_id: int):
    settings = _settings()
    job_id = None
    with session_scope(settings.database_url) as session:
        try:
            result = actions.resubmit(session, settings, message_id, request.form.get("body", ""))
        except actions.ActionError as problem:
            session.rollback()
            flash(str(problem), "error")
        else:
            job_id = result.job_id
            flash("Refused again: " + "; ".join(result.decision.reasons) if result.decision.action == "refuse"
                  else "Re-submitted: it goes through the gate again when its job runs.",
                  "error" if result.decision.action == "refuse" else "notice")
    dispatch(settings, [job_id])
    return redirect(url_for("console.held"))


# -- contacts and settings ----------------------------------------------------------------------

@bp.get("/contacts")
@login_required
def contacts():
    wanted = _contact_filter(request.args)
    with session_scope(_settings().database_url) as session:
        rows, more = queries.contacts(session, wanted)
        customer_types = queries.customer_types(session)
    return render_template("console/contacts.html", rows=rows, more=more, wanted=wanted,
                           customer_types=customer_types)


@bp.post("/contacts/after-sales-care")
@login_required
@owner_only
def bulk_care():
    """Change communication preferences (after-sales care) of every contact on a filter: count, confirm, apply."""
    wanted = _contact_filter(request.form)
    value = request.form.get("value")
    if value not in ("on", "off"):
        abort(400, "value must be on or off")
    with session_scope(_settings().database_url) as session:
        if request.form.get("confirm") != "yes":
            count = queries.count_contacts(session, wanted)
            return render_template("console/bulk_care.html", wanted=wanted, value=value, count=count)
        changed = actions.set_after_sales_care(session, wanted, value == "on", current_user)
    flash(f"After-sales care is now {value} for {changed} more contact(s) on this filter.", "notice")
    return redirect(url_for("console.contacts", name=wanted.name, care=wanted.care, place=wanted.place,
                            type=wanted.customer_type))


def _contact_filter(values) -> queries.ContactFilter:
    page = values.get("page", "1")
    return queries.ContactFilter(name=values.get("name", "")[:100], care=values.get("care", ""),
                                 place=values.get("place", "")[:100], customer_type=values.get("type", "")[:64],
                                 page=int(page) if page.isdigit() and len(page) < 6 else 1)


@bp.get("/contacts/<int:contact_id>")
@login_required
def contact(contact_id: int):
    with session_scope(_settings().database_url) as session:
        found = _contact_or_404(session, contact_id)
        page = queries.conversation(session, found)
    return render_template("console/contact.html", c=page)


@bp.get("/settings")
@login_required
@owner_only
def settings_page():
    settings = _settings()
    with session_scope(settings.database_url) as session:
        care = queries.care_counts(session)
    rules = settings.compliance_rules
    care_purposes = [name for name, spec in rules.purposes.items() if spec.requires_after_sales_care]
    return render_template("console/settings.html", profile=settings.profile, care=care, care_purposes=care_purposes,
                           settings=settings, webhooks=twilio_webhooks.status(settings))


@bp.post("/settings/twilio-webhooks")
@login_required
@owner_only
def configure_twilio():
    """Point the number's (and Messaging Service's) webhooks at this service, as `flask twilio configure`."""
    lines, error = twilio_webhooks.apply(_settings())
    if error:
        flash(error, "error")
    for line in lines:
        flash(line, "notice")
    return redirect(url_for("console.settings_page"))


# -- relationships ------------------------------------------------------------------------------

@bp.get("/relationships")
@login_required
def relationships():
    settings = _settings()
    with session_scope(settings.database_url) as session:
        page = relationship_pages.overview(session, settings, utcnow())
        return render_template("console/relationships.html", page=page)


@bp.get("/contacts/<int:contact_id>/score")
@login_required
def contact_score(contact_id: int):
    with session_scope(_settings().database_url) as session:
        contact = _contact_or_404(session, contact_id)
        try:
            score = relationship_pages.score(session, contact.id)
        except NotFound as problem:
            abort(404, str(problem))
        return render_template("console/score.html", contact=contact, score=score)


def _contact_or_404(session, contact_id: int):
    contact = queries.find_contact(session, contact_id)
    if contact is None:
        abort(404, "no contact with that id")
    return contact


def _settings():
    return current_app.config["SETTINGS"]
