"""consent evidence keys, the job's address and a once-a-day key on outbound messages, the gate rule that refused

Revision ID: 0003_h1_consent
Revises: 0006_h4_leases
Create Date: 2026-11-29 21:50:00

Plain ADD COLUMN and unique indexes, no batch mode: SQLite's batch copy would reflect the contacts
table, whose expression-based index it cannot reflect.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0003_h1_consent'
down_revision: Union[str, Sequence[str], None] = '0006_h4_leases'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.add_column('gate_decisions', sa.Column('rule', sa.String(length=32), nullable=True))
    op.add_column('consent_events', sa.Column('evidence_key', sa.String(length=160), nullable=True))
    op.create_index('ix_consent_events_evidence_key', 'consent_events', ['evidence_key'], unique=True)
    if op.get_bind().dialect.name == 'sqlite':  # SQLite takes REFERENCES in ADD COLUMN, not ADD CONSTRAINT
        op.execute('ALTER TABLE messages ADD COLUMN address_id INTEGER REFERENCES work_addresses (id)')
    else:
        op.add_column('messages', sa.Column('address_id', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_messages_address_id_work_addresses', 'messages', 'work_addresses',
                              ['address_id'], ['id'])
    op.add_column('messages', sa.Column('daily_key', sa.String(length=160), nullable=True))
    op.create_index('ix_messages_daily_key', 'messages', ['daily_key'], unique=True)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_messages_daily_key', table_name='messages')
    op.drop_column('messages', 'daily_key')
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint('fk_messages_address_id_work_addresses', 'messages', type_='foreignkey')
    op.drop_column('messages', 'address_id')
    op.drop_index('ix_consent_events_evidence_key', table_name='consent_events')
    op.drop_column('consent_events', 'evidence_key')
    op.drop_column('gate_decisions', 'rule')
