"""A DBAPI-shaped cursor for the store's direct statements on psycopg, one libpq call each."""

# Why: psycopg's cursor spends most of a short statement's client CPU in Python (its prepared
# statement manager, query conversion, result bookkeeping), and it starts each transaction
# with a BEGIN round trip of its own. Every round trip costs the server's process a sleep and
# a wake-up besides (kernel time and cold caches, more than the statement's instructions).
# The store's direct statements have fixed SQL in PostgreSQL's own `$n` form, so this cursor
# prepares each once per connection and sends it with libpq; a transaction's BEGIN goes in
# the same round trip as its first statement (libpq's pipeline mode). psycopg still dumps
# the parameters and loads the rows (its Transformer, in C), with the same adapters.
# SQLAlchemy runs it through Connection._cursor_execute like any DBAPI cursor: its events
# fire, and a psycopg error is raised as SQLAlchemy's, a lost connection invalidated.

from __future__ import annotations

from itertools import count
from typing import Any

import psycopg
from psycopg import errors, pq
from psycopg.adapt import PyFormat, Transformer
from psycopg.generators import execute as execute_gen
from psycopg.generators import fetch_many, send

_IDLE = pq.TransactionStatus.IDLE
_INTRANS = pq.TransactionStatus.INTRANS
_OK = pq.ConnStatus.OK
_TUPLES_OK = pq.ExecStatus.TUPLES_OK
_COMMAND_OK = pq.ExecStatus.COMMAND_OK
_FATAL_ERROR = pq.ExecStatus.FATAL_ERROR
_PIPELINE_SYNC = pq.ExecStatus.PIPELINE_SYNC
_PIPELINE_OFF = pq.PipelineStatus.OFF
_BEGIN = b"BEGIN"
_COMMIT = b"COMMIT"
# Parameters go as text with no declared type: the server takes each one's type from the
# statement (SQLAlchemy casts every bind, `$1::VARCHAR`), so a prepared statement fits every
# later value (psycopg's binary ints change their type with their size).
_TEXT = PyFormat.TEXT
_NAMES = count()  # prepared statements' names, unique in the process


class LeanCursor:
    """The few parts of a DBAPI cursor that storage.direct uses: execute, fetchall, rowcount."""

    def __init__(self, connection: psycopg.Connection[Any], prepared: dict[str, bytes]) -> None:
        self._connection = connection
        self._pgconn = connection.pgconn
        # The connection's prepared statements by SQL (kept with the pooled connection).
        self._prepared = prepared
        self._transformer = Transformer(connection)
        self._rows: list[Any] = []
        self.rowcount = -1
        # Set for the next execute only: COMMIT is sent in the statement's round trip.
        self.then_commit = False
        # psycopg's own BEGIN carries the connection's isolation level and the like; these
        # connections set none, but one that did gets psycopg's separate BEGIN.
        self._folds_begin = (
            connection.isolation_level is None
            and connection.read_only is None
            and connection.deferrable is None
        )

    def in_transaction(self) -> bool:
        """Whether a transaction is open on the server (a statement of it has been sent)."""
        return self._pgconn.transaction_status == _INTRANS

    def execute(self, sql: str, params: Any) -> None:
        commit, self.then_commit = self.then_commit, False
        if not isinstance(params, list):
            # Named parameters (SQLAlchemy escaped a bind's name): psycopg's own cursor.
            with self._connection.cursor() as cursor:
                cursor.execute(sql, params)
                self._rows = cursor.fetchall() if cursor.description else []
                self.rowcount = cursor.rowcount
            if commit:
                self._connection.commit()
            return
        pgconn = self._pgconn
        if pgconn.status != _OK:
            raise psycopg.OperationalError("the connection is closed")
        begin = pgconn.transaction_status == _IDLE and not self._connection.autocommit
        if begin and not self._folds_begin:
            self._connection.wait(self._connection._start_query())
            begin = False
        values = self._transformer.dump_sequence(params, [_TEXT] * len(params)) if params else None
        name = self._prepared.get(sql)
        if name is None or begin or commit:
            result = self._pipelined(sql, name, values, begin, commit)
        else:
            pgconn.send_query_prepared(name, values, None)
            (result,) = self._connection.wait(execute_gen(pgconn))
            self._raise_for(result)
        self._take(result)

    def _pipelined(
        self, sql: str, name: bytes | None, values: Any, begin: bool, commit: bool = False
    ) -> Any:
        """BEGIN (when due), PREPARE (when new), the statement and COMMIT (when asked), in one
        round trip. A failed statement leaves what follows it unrun: no COMMIT after it."""
        pgconn = self._pgconn
        preparing = name is None
        if preparing:
            name = f"justera_{next(_NAMES)}".encode()
        pgconn.enter_pipeline_mode()
        try:
            if begin:
                pgconn.send_query_params(_BEGIN, None)
            if preparing:
                pgconn.send_prepare(name, sql.encode(), None)
            pgconn.send_query_prepared(name, values, None)
            if commit:
                pgconn.send_query_params(_COMMIT, None)
            pgconn.pipeline_sync()
            self._connection.wait(send(pgconn))
            results = []
            while True:
                got = self._connection.wait(fetch_many(pgconn))
                if got and got[0].status == _PIPELINE_SYNC:
                    break
                results.extend(got)
        finally:
            if pgconn.pipeline_status != _PIPELINE_OFF and pgconn.status == _OK:
                try:
                    pgconn.exit_pipeline_mode()
                except psycopg.Error:
                    # Interrupted with results still coming: the connection cannot go on, and
                    # closed, SQLAlchemy takes it for lost and replaces it.
                    self._connection.close()
        if preparing and results[int(begin)].status == _COMMAND_OK:
            # Prepared even if the statement then failed: a prepared statement outlives it.
            self._prepared[sql] = name
        # The first error is the one to raise; what came after it was not run.
        for result in results:
            self._raise_for(result)
        return results[int(begin) + int(preparing)]

    def _raise_for(self, result: Any) -> None:
        status = result.status
        if status != _TUPLES_OK and status != _COMMAND_OK:
            if status == _FATAL_ERROR:
                error = errors.error_from_result(result, encoding=self._pgconn._encoding)
                if isinstance(error, errors.InvalidSqlStatementName):
                    # Someone deallocated them (DEALLOCATE ALL): prepared again from the
                    # next transaction on; this one has failed.
                    self._prepared.clear()
                raise error
            raise errors.InternalError(f"unexpected result from the database: {status.name}")

    def _take(self, result: Any) -> None:
        if result.status == _TUPLES_OK:
            self._transformer.set_pgresult(result)
            self._rows = self._transformer.load_rows(0, result.ntuples, tuple)
            self.rowcount = result.ntuples
        else:
            self._rows = []
            tuples = result.command_tuples
            self.rowcount = tuples if tuples is not None else -1

    def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    def close(self) -> None:
        self._rows = []
