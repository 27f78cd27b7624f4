"""indexes that keep history out of the hot reads: bookings by status and window start, a contact's
consent events by kind, scope and time

Revision ID: 0011_s16_hist
Revises: 0008_h7_relationships
Create Date: 2026-11-30 00:45:00

"""
from typing import Sequence, Union

from alembic import op


revision: str = '0011_s16_hist'
down_revision: Union[str, Sequence[str], None] = '0008_h7_relationships'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.create_index('ix_bookings_status_window_start', ['status', 'window_start', 'window_end'],
                              unique=False)
    with op.batch_alter_table('consent_events', schema=None) as batch_op:
        batch_op.create_index('ix_consent_events_contact_kind_scope_occurred',
                              ['contact_id', 'kind', 'scope', 'occurred_at', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('consent_events', schema=None) as batch_op:
        batch_op.drop_index('ix_consent_events_contact_kind_scope_occurred')
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_index('ix_bookings_status_window_start')
