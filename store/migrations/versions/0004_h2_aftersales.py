"""after-sales care defaults, customer types, contact listing indexes, bulk change audit, import keys

Revision ID: 0004_h2_aftersales
Revises: 0005_h3_frontdesk
Create Date: 2026-11-29 21:50:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0004_h2_aftersales"
down_revision: Union[str, Sequence[str], None] = "0005_h3_frontdesk"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

NAME_KEY = "lower(coalesce(name, ''))"
LINE1_KEY = "lower(coalesce(line1, ''))"
FILLFACTOR = 50


def upgrade() -> None:
    op.create_table(
        "after_sales_care_defaults",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("customers", sa.Boolean(), nullable=False),
        sa.Column("work_addresses", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_after_sales_care_defaults_one_row"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "customer_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_customer_types_name_key", "customer_types", [sa.text("lower(name)")], unique=True)
    op.create_table(
        "after_sales_care_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=16), nullable=False),
        sa.Column("filter", sa.JSON(), nullable=False),
        sa.Column("all_rows", sa.Boolean(), nullable=False),
        sa.Column("value", sa.Boolean(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_after_sales_care_changes_changed_at", "after_sales_care_changes", ["changed_at"])

    # Plain ADD COLUMN and CREATE INDEX: SQLite needs no table rebuild (uniqueness is a unique index).
    op.add_column("contacts", sa.Column("email", sa.String(length=254), nullable=True))
    op.add_column("contacts", sa.Column("customer_type", sa.String(length=64), nullable=True))
    op.add_column("contacts", sa.Column("external_ref", sa.String(length=64), nullable=True))
    op.create_index("ix_contacts_external_ref", "contacts", ["external_ref"], unique=True)
    op.create_index("ix_contacts_name_key", "contacts", [sa.text(NAME_KEY), "id"])
    op.create_index("ix_contacts_customer_type", "contacts", ["customer_type", "id"])
    op.create_index("ix_contacts_created_at", "contacts", ["created_at", "id"])

    op.add_column("work_addresses", sa.Column("line2", sa.String(length=200), nullable=True))
    op.add_column("work_addresses", sa.Column("import_key", sa.String(length=64), nullable=True))
    op.create_index("ix_work_addresses_import_key", "work_addresses", ["import_key"], unique=True)
    op.create_index("ix_work_addresses_state_city", "work_addresses", ["state", "city"])
    op.create_index("ix_work_addresses_postal_code", "work_addresses", ["postal_code"])
    op.create_index("ix_work_addresses_line1_key", "work_addresses", [sa.text(LINE1_KEY), "id"])
    op.create_index("ix_work_addresses_created_at", "work_addresses", ["created_at", "id"])

    if op.get_bind().dialect.name == "postgresql":
        # A bulk change of after-sales care rewrites every row it picks. With half of each page free,
        # PostgreSQL can write the new versions beside the old ones (HOT updates: after_sales_care is
        # in no index) instead of adding an entry to every index for every row. Applies to new pages;
        # an existing table is repacked by VACUUM FULL.
        for table in ("contacts", "work_addresses"):
            op.execute(f"ALTER TABLE {table} SET (fillfactor = {FILLFACTOR})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ("contacts", "work_addresses"):
            op.execute(f"ALTER TABLE {table} RESET (fillfactor)")
    for name in ("ix_work_addresses_created_at", "ix_work_addresses_line1_key",
                 "ix_work_addresses_postal_code", "ix_work_addresses_state_city", "ix_work_addresses_import_key"):
        op.drop_index(name, table_name="work_addresses")
    with op.batch_alter_table("work_addresses") as batch_op:
        batch_op.drop_column("import_key")
        batch_op.drop_column("line2")
    for name in ("ix_contacts_created_at", "ix_contacts_customer_type",
                 "ix_contacts_name_key", "ix_contacts_external_ref"):
        op.drop_index(name, table_name="contacts")
    with op.batch_alter_table("contacts") as batch_op:
        batch_op.drop_column("external_ref")
        batch_op.drop_column("customer_type")
        batch_op.drop_column("email")
    op.drop_index("ix_after_sales_care_changes_changed_at", table_name="after_sales_care_changes")
    op.drop_table("after_sales_care_changes")
    op.drop_index("ix_customer_types_name_key", table_name="customer_types")
    op.drop_table("customer_types")
    op.drop_table("after_sales_care_defaults")
