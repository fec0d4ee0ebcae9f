"""`digibot survey list|open|close|status|report`: the secretariat runs a survey from the terminal.

    digibot survey list [--json]
    digibot survey open|close ID [--as EMAIL]
    digibot survey status ID [--json]
    digibot survey report ID [--json] [--csv FILE] [--xlsx FILE] [--charts DIR] [--as EMAIL] [--lang nb|nn|en]

All take --db, --now and --network. `--as` names the acting person, who must be in the secretariat (anyone
else: the refusal and exit code 1, nothing changed); without it the operator at the terminal is trusted.
Operator text is English; the report in text form, the files and the charts are in `--lang`, else the
acting person's language, else the network's.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.common import NO_NETWORK, CommandError, add_db_option, open_database, parse_now, whoami

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from storage.models import Survey
    from storage.snapshot import NetworkSnapshot, PersonInfo

ACTIONS = ("list", "open", "close", "status", "report")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    for action in ACTIONS:
        p = sub.add_parser(action, help=f"{action} {'the surveys' if action == 'list' else 'a survey'}")
        if action != "list":
            p.add_argument("id", metavar="ID", help="the survey's id in the network file")
        if action in ("list", "status", "report"):
            p.add_argument("--json", action="store_true", help="print JSON")
        if action == "report":
            p.add_argument("--csv", metavar="FILE", help="write the report as CSV")
            p.add_argument("--xlsx", metavar="FILE", help="write the report as XLSX (one sheet per view)")
            p.add_argument("--charts", metavar="DIR", help="write a bar chart (PNG) per scale/choice question")
            p.add_argument("--lang", choices=["nb", "nn", "en"], help="language of the report and its files")
        p.add_argument("--as", dest="as_email", metavar="EMAIL",
                       help="the acting secretariat member (default: the operator is trusted)")
        p.add_argument("--now", metavar="ISO-DATETIME", help="fix the clock (local time of the network)")
        p.add_argument("--network")
        add_db_option(p)


async def _network(session: AsyncSession, network_id: str | None) -> NetworkSnapshot:
    from sqlalchemy import select
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from storage.models import Network
    from storage.snapshot import load_snapshot

    try:
        network_id = network_id or await session.scalar(select(Network.id).order_by(Network.id).limit(1))
        network = await load_snapshot(session, network_id) if network_id else None
    except (OperationalError, ProgrammingError) as exc:
        raise CommandError(NO_NETWORK, 1) from exc
    if network is None:
        raise CommandError(f"no network {network_id!r} in this database" if network_id else NO_NETWORK, 1)
    return network


async def _survey(session: AsyncSession, network: NetworkSnapshot, key: str) -> Survey:
    from handlers.surveys.stored import all_surveys, find_survey

    survey = await find_survey(session, network.id, key)
    if survey is None:
        keys = ", ".join(s.key for s in await all_surveys(session, network.id)) or "none"
        raise CommandError(f"no survey {key!r} in {network.id} (its surveys: {keys})", 1)
    return survey


def _check_secretariat(person: PersonInfo | None, email: str | None) -> None:
    from handlers.surveys.lifecycle import SECRETARIAT

    if email and (person is None or SECRETARIAT not in person.roles):
        raise CommandError(f"{email} is not in the secretariat: only the secretariat opens, closes and sees "
                           "the status and reports of surveys; nothing was changed", 1)


def _local(moment: datetime | None, tz: str) -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M") if moment else "-"


def _table(rows: list[dict[str, Any]], tz: str) -> str:
    header = ("id", "state", "opens", "deadline", "invited", "submitted", "in progress", "title")
    lines = [header] + [(r["survey"], r["state"], _local(r["_opens"], tz), _local(r["_deadline"], tz),
                         str(r["invited"]), str(r["submitted"]), str(r["in_progress"]), r["title"]) for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    return "\n".join("  ".join([*(c.ljust(w) for c, w in zip(line[:-1], widths, strict=True)), line[-1]]).rstrip()
                     for line in lines) + f"\n{len(rows)} surveys; times in {tz}"


async def _list(session: AsyncSession, network: NetworkSnapshot, now: datetime, args: argparse.Namespace) -> None:
    from handlers.surveys.stored import all_surveys, load_status

    statuses = [await load_status(session, network, s, now) for s in await all_surveys(session, network.id)]
    if args.json:
        print(json.dumps([{k: v for k, v in s.to_json().items() if k != "not_submitted"} for s in statuses],
                         ensure_ascii=False, indent=2))
    else:
        print(_table([{**s.to_json(), "_opens": s.opens, "_deadline": s.deadline} for s in statuses],
                     network.timezone))


def _status_text(status: dict[str, Any], tz: str) -> str:
    lines = [f"{status['survey']}: {status['title']}", f"state: {status['state']}",
             f"opens: {_local(status['_opens'], tz)}", f"deadline: {_local(status['_deadline'], tz)}",
             f"invited: {status['invited']}", f"submitted: {status['submitted']}",
             f"in progress: {status['in_progress']}"]
    if status["not_submitted"]:
        lines.append("not submitted yet: " + ", ".join(status["not_submitted"]))
    return "\n".join(lines)


async def _act(session: AsyncSession, network: NetworkSnapshot, survey: Survey, now: datetime,
               args: argparse.Namespace, person: PersonInfo | None) -> None:
    from handlers.surveys import lifecycle
    from handlers.surveys.stored import load_status

    if args.action == "open":
        opened = await lifecycle.open_survey(session, network, survey, now)
        if opened.outcome == "closed":
            raise CommandError(f"survey {survey.key} is closed and cannot be opened again; nothing was changed", 1)
        await session.commit()
        print(f"survey {survey.key} opened: {opened.queued} invitations queued" if opened.outcome == "opened"
              else f"survey {survey.key} is open already ({opened.queued} new invitations queued)")
    elif args.action == "close":
        closed = await lifecycle.close_survey(session, network, survey, now)
        await session.commit()
        if closed.report is None:
            print(f"survey {survey.key} is closed already")
        else:
            unlinked = "; answers unlinked from respondents" if closed.unlinked else ""
            print(f"survey {survey.key} closed: {closed.report.submitted} of {closed.report.invited} "
                  f"submitted{unlinked}; summary queued for the secretariat")
    elif args.action == "status":
        status = await load_status(session, network, survey, now)
        if args.json:
            print(json.dumps(status.to_json(), ensure_ascii=False, indent=2))
        else:
            print(_status_text({**status.to_json(), "_opens": status.opens, "_deadline": status.deadline},
                               network.timezone))
    else:
        await _report(session, network, survey, args, person)


async def _report(session: AsyncSession, network: NetworkSnapshot, survey: Survey, args: argparse.Namespace,
                  person: PersonInfo | None) -> None:
    from handlers.notify.content import language
    from handlers.surveys.report import build_report
    from handlers.surveys.report_messages import report_messages
    from handlers.surveys.stored import load_results
    from messages.i18n import as_lang
    from messages.render_text import to_text

    report = build_report(await load_results(session, network, survey))
    lang = as_lang(args.lang) if args.lang else language(network, person) if person else as_lang(network.language)
    written = []
    for target in (args.csv, args.xlsx):
        if target:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
    if args.csv:
        from handlers.surveys.report_export import write_csv

        written.append(str(write_csv(report, args.csv, lang, network.timezone)))
    if args.xlsx:
        from handlers.surveys.report_export import write_xlsx

        written.append(str(write_xlsx(report, args.xlsx, lang, network.timezone)))
    if args.charts:
        from handlers.surveys.report_charts import write_charts

        written += [str(p) for p in write_charts(report, args.charts, lang)]
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(to_text(report_messages(report, lang), lang))
    for path in written:
        print(f"wrote {path}", file=sys.stderr)


async def run(args: argparse.Namespace) -> int:
    from storage.db import make_sessionmaker

    engine = await open_database(args, create=False)
    try:
        network_id, person_id = (await whoami(engine, args.as_email, args.network)) if args.as_email \
            else (args.network, None)
        async with make_sessionmaker(engine)() as session:
            network = await _network(session, network_id)
            person = network.people.get(person_id) if person_id is not None else None
            _check_secretariat(person, args.as_email)
            now = parse_now(args.now, network.timezone) if args.now else datetime.now(UTC)
            if args.action == "list":
                await _list(session, network, now, args)
            else:
                await _act(session, network, await _survey(session, network, args.id), now, args, person)
    finally:
        await engine.dispose()
    return 0
