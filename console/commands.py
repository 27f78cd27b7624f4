"""`flask users create EMAIL --role owner|staff`: a staff account of the console, password prompted."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from console import users
from store.db import session_scope

users_group = AppGroup("users", help="Staff accounts of the console.")


@users_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(users.ROLES), default="staff", show_default=True)
@click.password_option(help="Prompted (twice) when not given.")
def create(email: str, role: str, password: str) -> None:
    """Create a console account; the first one should be an owner."""
    try:
        with session_scope(current_app.config["SETTINGS"].database_url) as session:
            user = users.create_user(session, email, password, role)
            click.echo(f"created {user.role} {user.email}; sign in at /console/login")
    except users.UserError as error:
        raise click.ClickException(str(error)) from None
