"""The storage interface the core works through: one transaction per command, records by kind."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from bot.core.model import Group

R = TypeVar("R")


@dataclass(frozen=True)
class Between:
    """For find(): a field from `low` (included) up to `high` (excluded), answered by an index
    instead of loading every record of a kind ("a group's meetings on one day")."""

    low: Any
    high: Any


class Store(Protocol):
    """One open transaction. Records are the dataclasses of bot.core.model.

    Leaving the context without commit() rolls everything back, so a failed command
    changes nothing.
    """

    def add(self, record: R) -> R:
        """Insert and return the record with its id set.

        A Meeting with number 0 gets its group's next number; an AgendaItem with number 0 its
        meeting's next, and with position 0 the next in its section.
        """

    def add_with_commit(self, record: Any) -> None:
        """Insert the record at commit(), checked now: for a record this transaction never
        reads back (an audit row). A refusal is commit()'s, and nothing is kept."""

    def update(self, record: Any) -> None:
        """Write back every field of a record loaded earlier in this transaction."""

    def delete(self, record: Any) -> None: ...

    def get(self, kind: type[R], record_id: int) -> R | None: ...

    def get_group(self, group_id: int, member_ref: str) -> Group | None:
        """get(Group, group_id), its member of that user_ref read in the same statement: the
        find(Member, group_id=..., user_ref=...) that follows is answered from it."""

    def find(self, kind: type[R], /, **where: Any) -> list[R]:
        """Records whose fields equal the given values, in id order.

        A list, tuple or set as a value means "one of these"; Between(low, high) a range.
        """

    def lock(self, kind: type[R], record_id: int) -> R | None:
        """Like get, but holds the row against concurrent writers until the transaction ends."""

    def find_locked(self, kind: type[R], /, **where: Any) -> list[R]:
        """Like find, but holds the rows found until the transaction ends (one statement where
        find and lock were two)."""

    def commit(self) -> None: ...


StoreFactory = Callable[[], AbstractContextManager[Store]]
