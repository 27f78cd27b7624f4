"""staff console: staff users, read markers, access reveals, escalation closed_by, inbox index

Revision ID: 0010_h9_console
Revises: 0007_h5_language
Create Date: 2026-11-29 21:50:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0010_h9_console'
down_revision: Union[str, Sequence[str], None] = '0007_h5_language'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('staff_users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('email')
    )
    op.create_table('conversation_reads',
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('last_read_message_id', sa.Integer(), nullable=False),
    sa.Column('read_by', sa.Integer(), nullable=True),
    sa.Column('read_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], ),
    sa.ForeignKeyConstraint(['read_by'], ['staff_users.id'], ),
    sa.PrimaryKeyConstraint('contact_id')
    )
    op.create_table('access_reveals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=32), nullable=False),
    sa.Column('revealed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['staff_users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('access_reveals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_reveals_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_reveals_user_id'), ['user_id'], unique=False)
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_by', sa.String(length=64), nullable=True))
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index('ix_messages_contact_id_id', ['contact_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index('ix_messages_contact_id_id')
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.drop_column('closed_by')
    with op.batch_alter_table('access_reveals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_access_reveals_user_id'))
        batch_op.drop_index(batch_op.f('ix_access_reveals_contact_id'))
    op.drop_table('access_reveals')
    op.drop_table('conversation_reads')
    op.drop_table('staff_users')
