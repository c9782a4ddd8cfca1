"""Concurrent writers never lose or duplicate an item: two console processes, two PG connections."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from bot.commands.parse import parse
from bot.console.app import user_ref
from bot.core.model import AgendaItem
from bot.core.service import Justera
from storage.db import make_engine
from storage.store import store_factory as make_store_factory
from tests.harness import Harness, set_up_group

ROOT = Path(__file__).resolve().parents[1]
PER_WRITER = 30


def planned(store_factory) -> Harness:
    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera 18 mars kl 13; Sof")
    return h


def check_items(h: Harness, writers: list[str]) -> None:
    items: list[AgendaItem] = h.snapshot()["AgendaItem"]
    numbers = sorted(i.number for i in items)
    assert numbers == list(range(1, 3 + PER_WRITER * len(writers) + 1))
    titles = {i.title for i in items}
    for who in writers:
        assert {f"Förslag {who} {n}" for n in range(PER_WRITER)} <= titles


def test_two_console_processes_on_one_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    engine = make_engine(url)
    from storage.migrate import upgrade

    upgrade(url)
    h = planned(make_store_factory(engine))
    env = {**os.environ, "JUSTERA_DATABASE_URL": url}
    processes = []
    for who in ("jonas", "lina"):
        script = ":nu 2026-03-02T10:00\n" + "".join(
            f"/arende Dialog; Förslag {who} {n}\n" for n in range(PER_WRITER)
        )
        command = [sys.executable, "-m", "bot.cli", "console", "--as", who, "--script", "-"]
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        processes.append((process, script))
    for process, script in processes:
        process.stdin.write(script)
        process.stdin.close()
    for process, _ in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read() + process.stdout.read()
    check_items(h, ["jonas", "lina"])
    engine.dispose()


def test_two_connections_on_one_database(db_url: str, engine) -> None:
    """Each writer has its own engine, so its own connection, on SQLite and PostgreSQL."""
    h = planned(make_store_factory(engine))
    errors: list[BaseException] = []
    barrier = threading.Barrier(2, timeout=30)

    def write(who: str) -> None:
        own = make_engine(db_url)
        service = Justera(make_store_factory(own))
        try:
            barrier.wait()
            for n in range(PER_WRITER):
                ctx = h.ctx(who)
                call = parse(
                    f"/arende Dialog; Förslag {who} {n}",
                    now=ctx.now,
                    lang="sv",
                    resolve_user=user_ref,
                )
                service.run(ctx, call.operation, *call.args, **call.kwargs)
        except BaseException as error:
            errors.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=write, args=(who,)) for who in ("jonas", "lina")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    check_items(h, ["jonas", "lina"])
