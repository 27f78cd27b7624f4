"""contacts.language: the language a contact writes in

Revision ID: 0007_h5_language
Revises: 0006_h4_leases
Create Date: 2026-11-29 22:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0007_h5_language'
down_revision: Union[str, Sequence[str], None] = '0003_h1_consent'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('contacts') as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('contacts') as batch_op:
        batch_op.drop_column('language')
