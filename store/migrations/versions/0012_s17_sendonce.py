"""messages.claimed_at: a send is claimed (status "sending") and committed before the text leaves;
a partial index of the claimed rows, which the sweeper settles

Revision ID: 0012_s17_sendonce
Revises: 0011_s16_jobs
Create Date: 2026-11-30 03:10:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0012_s17_sendonce'
down_revision: Union[str, Sequence[str], None] = '0011_s16_jobs'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

SENDING_MESSAGE = "status = 'sending'"


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(), nullable=True))
    op.create_index('ix_messages_sending', 'messages', ['claimed_at'], unique=False,
                    postgresql_where=sa.text(SENDING_MESSAGE), sqlite_where=sa.text(SENDING_MESSAGE))


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_messages_sending', table_name='messages',
                  postgresql_where=sa.text(SENDING_MESSAGE), sqlite_where=sa.text(SENDING_MESSAGE))
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_column('claimed_at')
