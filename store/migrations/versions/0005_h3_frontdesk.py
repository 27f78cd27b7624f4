"""staff threads (the #N of a staff alert) and the audit of access-code reveals

Revision ID: 0005_h3_frontdesk
Revises: 0002
Create Date: 2026-11-29 22:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0005_h3_frontdesk'
down_revision: Union[str, Sequence[str], None] = '0009_h8_twilio'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('staff_threads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=128), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staff_threads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_threads_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_threads_subject'), ['subject'], unique=False)

    op.create_table('reveals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revealed_by', sa.String(length=64), nullable=False),
    sa.Column('remote_addr', sa.String(length=64), nullable=True),
    sa.Column('method', sa.String(length=8), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('revealed_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reveals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reveals_revealed_at'), ['revealed_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reveals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reveals_revealed_at'))
    op.drop_table('reveals')
    with op.batch_alter_table('staff_threads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_threads_subject'))
        batch_op.drop_index(batch_op.f('ix_staff_threads_contact_id'))
    op.drop_table('staff_threads')
