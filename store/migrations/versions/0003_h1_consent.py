"""consent evidence keys, the job's address and a once-a-day key on outbound messages, the gate rule that refused

Revision ID: 0003_h1_consent
Revises: 0004_h2_aftersales
Create Date: 2026-11-29 21:50:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0003_h1_consent'
down_revision: Union[str, Sequence[str], None] = '0004_h2_aftersales'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('gate_decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rule', sa.String(length=32), nullable=True))

    with op.batch_alter_table('consent_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence_key', sa.String(length=160), nullable=True))
        batch_op.create_unique_constraint('uq_consent_events_evidence_key', ['evidence_key'])

    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('daily_key', sa.String(length=160), nullable=True))
        batch_op.create_foreign_key('fk_messages_address_id_work_addresses', 'work_addresses',
                                    ['address_id'], ['id'])
        batch_op.create_unique_constraint('uq_messages_daily_key', ['daily_key'])


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_constraint('uq_messages_daily_key', type_='unique')
        batch_op.drop_constraint('fk_messages_address_id_work_addresses', type_='foreignkey')
        batch_op.drop_column('daily_key')
        batch_op.drop_column('address_id')

    with op.batch_alter_table('consent_events', schema=None) as batch_op:
        batch_op.drop_constraint('uq_consent_events_evidence_key', type_='unique')
        batch_op.drop_column('evidence_key')

    with op.batch_alter_table('gate_decisions', schema=None) as batch_op:
        batch_op.drop_column('rule')
