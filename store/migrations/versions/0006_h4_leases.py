"""queued_jobs: the RQ queue by urgency, and the lease of the run in progress

Revision ID: 0006_h4_leases
Revises: 0004_h2_aftersales
Create Date: 2026-11-29 21:50:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0006_h4_leases'
down_revision: Union[str, Sequence[str], None] = '0004_h2_aftersales'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('queued_jobs') as batch_op:
        batch_op.add_column(sa.Column('queue', sa.String(length=16), server_default='default', nullable=False))
        batch_op.add_column(sa.Column('lease_owner', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('lease_until', sa.DateTime(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('queued_jobs') as batch_op:
        batch_op.drop_column('lease_until')
        batch_op.drop_column('lease_owner')
        batch_op.drop_column('queue')
