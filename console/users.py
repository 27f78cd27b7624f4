"""Staff accounts of the console: create one, check a password (with the Redis lockout)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from redis import Redis
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from console import lockout
from store.models import StaffUser, utcnow
from store.upsert import insert_ignoring_conflict

ROLES = ("owner", "staff")
OWNER = "owner"
MIN_PASSWORD_LENGTH = 10


@cache
def _unknown_user_hash() -> str:
    """Checked when the email is unknown, so that an unknown account costs as much time as a known one.

    Made on first use: hashing costs about 0.2 s, which every `flask` command paid at import."""
    return generate_password_hash("not a password of anyone")


class UserError(ValueError):
    """The account cannot be created as asked; the message says why."""


@dataclass(frozen=True)
class SignIn:
    user: StaffUser | None
    locked: bool = False


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or any(char.isspace() for char in email):
        raise UserError(f"{email!r} is not an email address")
    return email


def create_user(session: Session, email: str, password: str, role: str) -> StaffUser:
    email = normalise_email(email)
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    user_id = insert_ignoring_conflict(session, StaffUser, {
        "email": email, "password_hash": generate_password_hash(password), "role": role, "active": True,
        "created_at": utcnow()})
    if user_id is None:
        raise UserError(f"{email} already has an account")
    return session.get(StaffUser, user_id)


def authenticate(session: Session, redis: Redis, email: str, password: str) -> SignIn:
    """The user when the password is right and the account is neither locked nor disabled."""
    email = email.strip().lower()
    if lockout.is_locked(redis, email):
        return SignIn(None, locked=True)
    user = session.scalars(select(StaffUser).where(StaffUser.email == email)).one_or_none()
    password_ok = check_password_hash(user.password_hash if user else _unknown_user_hash(), password)
    if user is None or not password_ok or not user.active:
        locked = lockout.record_failure(redis, email) >= lockout.MAX_FAILURES
        return SignIn(None, locked=locked)
    lockout.clear(redis, email)
    user.last_login_at = utcnow()
    return SignIn(user)
