"""The entry point adapters call: each command runs in one transaction, audited, at most once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.core.context import Context, Result
from bot.core.model import ProcessedRequest
from bot.core.ports import StoreFactory
from bot.core.tx import Tx

Operation = Callable[..., Any]


class Justera:
    """Runs core operations. A UserError raised inside leaves the database exactly as before."""

    def __init__(self, store_factory: StoreFactory) -> None:
        self.store_factory = store_factory

    def run(self, ctx: Context, operation: Operation, *args: Any, **kwargs: Any) -> Any:
        with self.store_factory() as store:
            if ctx.request_id is not None:
                seen = store.find(ProcessedRequest, key=ctx.request_id)
                if seen:
                    # A retried delivery: answer as the first time, change nothing.
                    return Result(seen[0].reply)
            tx = Tx(store, ctx)
            result = operation(tx, *args, **kwargs)
            for entry in tx.audit:
                store.add(entry)
            if ctx.request_id is not None:
                reply = result.message if isinstance(result, Result) else ""
                store.add(ProcessedRequest(key=ctx.request_id, at=ctx.now, reply=reply))
            store.commit()
        return result
