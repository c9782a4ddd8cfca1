"""Postings keep the reference each step made (revision 0014, after 0013)."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("made", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.alter_column("made", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_column("made")
