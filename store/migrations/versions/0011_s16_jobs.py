"""queued_jobs: a partial index of the open rows, which the sweeper reads by id

Revision ID: 0011_s16_jobs
Revises: 0011_s16_hist
Create Date: 2026-11-30 01:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0011_s16_jobs'
down_revision: Union[str, Sequence[str], None] = '0011_s16_hist'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

OPEN_JOB = "finished_at IS NULL AND failed_at IS NULL"


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index('ix_queued_jobs_open', 'queued_jobs', ['id'], unique=False,
                    postgresql_where=sa.text(OPEN_JOB), sqlite_where=sa.text(OPEN_JOB))


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_queued_jobs_open', table_name='queued_jobs',
                  postgresql_where=sa.text(OPEN_JOB), sqlite_where=sa.text(OPEN_JOB))
