"""Machine instructions per stored /arende and per bare Bolt no-op, counted by callgrind.

CPU time moves with the machine's load (two cores shared by several engineers); instruction
counts do not. Each case runs twice in-process under valgrind's callgrind (as profile_command
runs it: signed request, Starlette, Bolt, service, store, database, inline): with none and
with N measured commands after the same warm-up; the difference over N is one command's
instructions in this process (PostgreSQL's own work is in its server, not counted; SQLite's
is). The bench's httpx client is counted on both sides.
Run: .venv/bin/python bench/count_instructions.py [--commands 150] [--db postgresql,sqlite]
(about two minutes per run on a quiet machine; the runs go two at a time).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WARM_UP = 30
MEETINGS = 10  # 30 proposals each at most, as in the other benches


def _child(kind: str, count: int) -> None:
    import httpx
    from slack_sdk.web.async_client import AsyncWebClient

    from bench import profile_command as pc
    from bench.bench_replicas import set_up
    from bench.bench_slack import SECRET as BARE_SECRET
    from bench.bench_slack import _bare_async, started_fake_slack
    from bot.core.service import Justera
    from bot.slack.app import build_asgi, build_bot
    from bot.slack.config import SlackSettings
    from storage.db import make_engine
    from storage.store import store_factory
    from tests.fakes.slack_signing import slash_command_body
    from tests.slack_harness import TEAM

    fake = started_fake_slack()
    try:
        if kind == "bare":
            asgi = _bare_async(fake.base_url, True)
            body = slash_command_body("/noop", "", user_id="UJONAS", channel_id="C", team_id=TEAM)

            async def bare() -> None:
                transport = httpx.ASGITransport(app=asgi)
                async with httpx.AsyncClient(transport=transport, base_url="http://b") as http:
                    for _ in range(WARM_UP + count):
                        assert (await pc.post(http, body, BARE_SECRET)).status_code == 200

            asyncio.run(bare())
            return
        with pc.database(kind) as url:
            set_up(url, MEETINGS)
            engine = make_engine(url)
            service = Justera(store_factory(engine), single_writer=kind == "sqlite")
            settings = SlackSettings(
                bot_token="xoxb-p", signing_secret=pc.SECRET, api_url=fake.base_url
            )
            client = AsyncWebClient(token="xoxb-p", base_url=fake.base_url)
            app, bot = build_bot(settings, service, client=client, interval=0)
            inline = pc.Inline()
            bot._db_thread = inline
            asgi = build_asgi(app, lambda: True, signing_secret=pc.SECRET)

            async def proposals() -> None:
                asyncio.get_running_loop().set_default_executor(inline)
                bot.outbox._events()
                transport = httpx.ASGITransport(app=asgi)
                async with httpx.AsyncClient(transport=transport, base_url="http://b") as http:
                    for n in range(WARM_UP + count):
                        response = await pc.post(http, pc.arende(n, MEETINGS), pc.SECRET)
                        text = response.text
                        assert "föreslaget" in text or "is proposed" in text, text
                        await bot.later.join()

            asyncio.run(proposals())
            engine.dispose()
    finally:
        fake.stop()


def _instructions(kind: str, count: int) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        kind,
        str(count),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"{kind} × {count} failed:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], int(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commands", type=int, default=150)
    parser.add_argument("--db", default="postgresql,sqlite")
    args = parser.parse_args()
    kinds = ["bare", *args.db.split(",")]
    per: dict[str, float] = {}
    with ThreadPoolExecutor(2) as pool:
        for kind in kinds:
            none, some = pool.map(lambda n, k=kind: _instructions(k, n), (0, args.commands))
            per[kind] = (some - none) / args.commands
            print(f"{kind}: {per[kind] / 1e6:.2f} M instructions per command", flush=True)
    for kind in kinds[1:]:
        extra = per[kind] - per["bare"]
        print(f"{kind}: {per[kind] / per['bare']:.2f} × bare Bolt, {extra / 1e6:.2f} M above it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
