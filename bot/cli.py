"""`justera ...`: run the bot, open the console, migrate the database."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bot.console.app import Console, ConsoleState
from bot.core.context import STOCKHOLM
from bot.core.model import Group
from bot.core.service import Justera
from bot.settings import Settings, SettingsError, current, load, use


def build_service(url: str, settings: Settings | None = None) -> Justera:
    """The service on url, migrated on start when the settings say so (the embedded default)."""
    from storage.db import make_engine
    from storage.startup import prepare
    from storage.store import store_factory

    settings = settings or current()
    prepare(
        url,
        migrate=settings.migrate_on_start,
        attempts=settings.db_start_attempts,
        wait=settings.db_start_wait,
    )
    sqlite = url.startswith("sqlite")
    return Justera(
        store_factory(make_engine(url)),
        single_writer=sqlite,
        installers=settings.installers,
        # On SQLite, reads get connections of their own that never take the write lock.
        read_store_factory=store_factory(make_engine(url, read_only=True)) if sqlite else None,
    )


def database_health(service: Justera) -> Callable[[], bool]:
    def healthy() -> bool:
        try:
            with service.read_store_factory() as store:
                store.find(Group, key="")
        except Exception:  # any failure means "not healthy", which is all the probe asks
            return False
        return True

    return healthy


def parse_now(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=STOCKHOLM) if moment.tzinfo is None else moment


def console_main(args: argparse.Namespace) -> int:
    service = build_service(args.database or current().database())
    state = ConsoleState(
        user=args.as_user, channel=args.channel, lang=args.lang, fixed_now=parse_now(args.now)
    )
    console = Console(service, state, sys.stdout)
    if args.script:
        if args.script == "-":
            return console.run_script(sys.stdin)
        with open(args.script, encoding="utf-8") as script:
            return console.run_script(script)
    return console.interactive()


def run_main(args: argparse.Namespace) -> int:
    """Slack, Teams or both when their settings are given, otherwise the local console."""
    from bot.slack.config import SlackSettings
    from bot.teams.config import TeamsSettings, TeamsSettingsError

    slack = SlackSettings.from_settings(current())
    try:
        teams = TeamsSettings.from_settings(current())
    except TeamsSettingsError as error:
        print("\n".join(error.lines), file=sys.stderr)
        return 2
    if slack is None and teams is None:
        return console_main(args)
    from bot.logs import quiet_third_party

    quiet_third_party()
    service = build_service(args.database or current().database())
    if teams is None:
        from bot.slack.app import serve

        serve(slack, service, database_health(service))
        return 0
    try:
        from bot.hosting import serve as serve_all
        from bot.outbox.sender import OutboxSender  # noqa: F401 (Teams posts through it)
    except ImportError:
        print(
            "Teams behöver outboxen (bot.outbox), som saknas i den här versionen.", file=sys.stderr
        )
        return 2
    serve_all(
        service,
        database_health(service),
        slack=slack,
        teams=teams,
        host_name=teams.host,
        port=teams.port,
    )
    return 0


def db_main(args: argparse.Namespace) -> int:
    """upgrade (under an advisory lock on PostgreSQL), current (the revision), check (at head?)."""
    from storage.migrate import current as revisions
    from storage.migrate import heads, upgrade
    from storage.startup import wait_for_database, where

    settings = current()
    url = args.database or settings.database()
    wait_for_database(url, settings.db_start_attempts, settings.db_start_wait)
    if args.action == "upgrade":
        upgrade(url)
        print(f"Databasen är uppdaterad ({', '.join(revisions(url))}): {where(url)}")
        return 0
    found, wanted = revisions(url), heads()
    if args.action == "current":
        print(", ".join(found) or "ingen (databasen är inte migrerad)")
        return 0
    if set(found) == set(wanted):
        print(f"Databasen är aktuell ({', '.join(found)}).")
        return 0
    print(
        f"Databasen är på {', '.join(found) or 'ingen version'} men koden behöver "
        f"{', '.join(wanted)}: kör `justera db upgrade`.",
        file=sys.stderr,
    )
    return 1


def backup_main(args: argparse.Namespace) -> int:
    """A consistent copy of the SQLite database while the bot runs (SQLite's backup API)."""
    from storage.backup import BackupError, backup, restore

    url = args.database or current().database()
    try:
        if args.command == "backup":
            backup(url, Path(args.file))
            print(f"Säkerhetskopian är sparad: {args.file}")
        else:
            restore(url, Path(args.file), replace=args.yes)
            print(f"Databasen är återställd från {args.file}.")
    except BackupError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def system_main(args: argparse.Namespace) -> int:
    """gdpr and prune run as the system, on the whole database, from the operator's shell."""
    from bot.core import dataprotection
    from bot.core.context import Context

    service = build_service(args.database or current().database())
    now = datetime.now(STOCKHOLM)
    ctx = Context(user_ref="system:cli", channel_ref="system:cli", now=now)
    if args.command == "prune":
        settings = current()
        result = service.run(
            ctx,
            dataprotection.prune,
            args.draft_days or settings.draft_days,
            args.reference_days or settings.reference_days,
        )
    elif args.action == "export":
        result = service.run(ctx, dataprotection.export_person, args.user)
    else:
        result = service.run(ctx, dataprotection.forget_person, args.user)
    print(result.message)
    return 0


def export_main(args: argparse.Namespace) -> int:
    from bot import export

    service = build_service(args.database or current().database())
    now = datetime.now(STOCKHOLM)
    if args.command == "verify":
        verdict = export.verify(service, Path(args.file).read_bytes(), now)
        print(verdict.message)
        return 0 if verdict.ok else 1
    if args.command == "publish":
        published = export.publish(service, Path(args.folder), now)
        print(f"Arkivet i {args.folder} har {published.count} justerade protokoll.")
        for key, group_id, why in published.failed:
            print(f"Kunde inte publicera {key} (grupp-id {group_id}): {why}; de andra är skrivna.")
        return 1 if published.failed else 0
    try:
        meeting_id = export.meeting_by_number(service, args.meeting, args.group, now)
        if args.agenda or args.format == "ics":
            data, name = export.render_agenda(
                export.export_agenda(service, meeting_id, now), args.format
            )
        else:
            data, name = export.render(export.export_meeting(service, meeting_id, now), args.format)
    except LookupError as error:
        print(error, file=sys.stderr)
        return 1
    target = Path(args.out or name)
    target.write_bytes(data)
    print(f"Sparat: {target}")
    return 0


def import_main(args: argparse.Namespace) -> int:
    """Old minutes into a group's archive, file by file, with a report line for each."""
    from bot.core.context import Context
    from bot.core.imports import import_minutes
    from bot.core.texts import UserError
    from bot.importer import UnreadableFile, content_key, parse_minutes, read_document
    from bot.importer.checks import MAX_TEXT_CHARS

    service = build_service(args.database or current().database())
    failed = 0
    total = len(args.files)
    for done, name in enumerate(args.files, start=1):
        bar = "#" * (20 * done // total)
        print(f"\r[{bar:<20}] {done}/{total}", end="", file=sys.stderr, flush=True)
        ctx = Context(
            user_ref="system:import", channel_ref="system:import", now=datetime.now(STOCKHOLM)
        )
        try:
            text, headings = read_document(name)
            if len(text) > MAX_TEXT_CHARS:
                # Refused before parsing: a book-length text takes long to read as minutes.
                limit = MAX_TEXT_CHARS // 1000
                raise UserError("import_too_long", source=Path(name).name, limit=limit)
            minutes = parse_minutes(text, source=Path(name).name, headings=headings)
            result = service.run(
                ctx,
                import_minutes,
                args.group,
                minutes,
                content_key(text),
                dry_run=args.dry_run,
                allow_similar=args.allow_similar,
            )
        except UnreadableFile as error:
            failed += 1
            print(f"\n{Path(name).name}: {error}")
            continue
        except UserError as error:
            failed += 1
            # The importer's refusals name their file already; others get it in front.
            named = "source" in error.params
            print(f"\n{'' if named else Path(name).name + ': '}{error.message('sv')}")
            continue
        print(f"\n{result.message}")
    print(file=sys.stderr)
    return 1 if failed else 0


def search_main(args: argparse.Namespace) -> int:
    """The operator searches every group, or the ones named."""
    from bot.core.context import Context
    from bot.core.model import Group as GroupRecord
    from bot.core.search import found
    from bot.core.texts import UserError
    from bot.core.tx import normalise_key

    service = build_service(args.database or current().database())
    wanted = {normalise_key(g) for g in args.group or []}

    def search(tx):
        groups = [g for g in tx.store.find(GroupRecord) if not wanted or g.key in wanted]
        return found(tx, groups, args.words) if groups else "Inga sådana grupper."

    ctx = Context(user_ref="system:cli", channel_ref="system:cli", now=datetime.now(STOCKHOLM))
    try:
        print(service.run(ctx, search))
    except UserError as error:
        print(error.message("sv"), file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="justera", description="Justera – samverkan i chatten")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("run", "start the bot: Slack, Teams or both (the console when neither is set)"),
        ("console", "open the local console"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--as", dest="as_user", default=getpass.getuser(), help="act as this person")
        p.add_argument("--kanal", "--channel", dest="channel", default="samverkan")
        p.add_argument("--now", help="fixed clock, ISO time such as 2025-03-19T13:00")
        p.add_argument("--script", help="read commands from this file, or - for stdin")
        p.add_argument("--lang", choices=("sv", "en"), default="sv")
        p.add_argument("--database", help="database URL (default: JUSTERA_DATABASE_URL or SQLite)")
    db = sub.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=("upgrade", "current", "check"))
    db.add_argument("--database")
    backup_cmd = sub.add_parser("backup", help="copy the SQLite database to a file, while it runs")
    backup_cmd.add_argument("file")
    backup_cmd.add_argument("--database")
    restore_cmd = sub.add_parser("restore", help="put a backup back as the SQLite database")
    restore_cmd.add_argument("file")
    restore_cmd.add_argument("--yes", action="store_true", help="replace an existing database")
    restore_cmd.add_argument("--database")
    gdpr = sub.add_parser("gdpr", help="list or forget what is stored about a person")
    gdpr.add_argument("action", choices=("export", "forget"))
    gdpr.add_argument("user", help="the person's reference, e.g. slack:T0123:U0456 or console:anna")
    gdpr.add_argument("--database")
    prune_cmd = sub.add_parser("prune", help="drop old drafts and chat message references")
    prune_cmd.add_argument("--draft-days", type=int, help="default: $JUSTERA_DRAFT_DAYS (365)")
    prune_cmd.add_argument(
        "--reference-days", type=int, help="default: $JUSTERA_REFERENCE_DAYS (730)"
    )
    prune_cmd.add_argument("--database")
    export_cmd = sub.add_parser("export", help="the minutes of a meeting as a file")
    export_cmd.add_argument("meeting", type=int, help="the meeting's number, e.g. 3 for #3")
    export_cmd.add_argument(
        "--format",
        choices=("pdf", "docx", "html", "md", "ics"),
        default="pdf",
        help="ics: the meeting as a calendar invitation",
    )
    export_cmd.add_argument("--agenda", action="store_true", help="the ärendelista, not minutes")
    export_cmd.add_argument("--group", help="the group's short name; numbers run per group")
    export_cmd.add_argument("--out", help="file to write (default: a name from group and date)")
    export_cmd.add_argument("--database")
    verify_cmd = sub.add_parser("verify", help="check a file against the archive's hashes")
    verify_cmd.add_argument("file")
    verify_cmd.add_argument("--database")
    publish_cmd = sub.add_parser("publish", help="write the static archive of justerade minutes")
    publish_cmd.add_argument("folder")
    publish_cmd.add_argument("--database")
    import_cmd = sub.add_parser("import", help="old minutes (.txt, .docx, .pdf) into a group")
    import_cmd.add_argument("files", nargs="+")
    import_cmd.add_argument("--group", required=True, help="the group's short name, e.g. FSG")
    import_cmd.add_argument("--database")
    import_cmd.add_argument(
        "--dry-run", action="store_true", help="report what each file holds, store nothing"
    )
    import_cmd.add_argument(
        "--allow-similar",
        "--även-liknande",
        action="store_true",
        help="import a file even when it is nearly the same as minutes of the same day",
    )
    search_cmd = sub.add_parser("sok", help="search justerade and imported minutes")
    search_cmd.add_argument("words")
    search_cmd.add_argument("--group", action="append", help="only these groups (default: all)")
    search_cmd.add_argument("--database")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = use(load())
    except SettingsError as error:
        # One line per wrong or missing value, before anything starts.
        for line in error.lines:
            print(line, file=sys.stderr)
        return 2
    from bot import logs
    from storage.startup import StartupError

    logs.configure(settings.log_format, settings.log_level)
    try:
        return dispatch(args)
    except StartupError as error:
        # An unreachable or unmigrated database: one line, not a traceback.
        logging.getLogger("justera").error("%s", error)
        print(f"Justera startar inte: {error}", file=sys.stderr)
        return 1


def dispatch(args: argparse.Namespace) -> int:
    if args.command == "console":
        return console_main(args)
    if args.command == "run":
        return run_main(args)
    if args.command in ("gdpr", "prune"):
        return system_main(args)
    if args.command in ("export", "verify", "publish"):
        return export_main(args)
    if args.command == "import":
        return import_main(args)
    if args.command == "sok":
        return search_main(args)
    if args.command in ("backup", "restore"):
        return backup_main(args)
    return db_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
