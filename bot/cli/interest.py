"""`digibot interest status DEADLINE_ID [--json] [--now ISO] [--network ID] [--db URL]`: a call for interest.

Per organization in the call's audience: its answer (yes, no, unsure, or none yet), who gave it, when, and the
comment; then the counts. `--json` prints the contract of DESIGN.md "Command line": `deadline`,
`organizations` (`id`, `name`, `answer` yes|no|unsure|null, `by` (the person's e-mail), `at`, `comment`) and
`counts` (`yes`, `no`, `unsure`, `none`). The operator at the terminal is trusted; the text view is in the
network's language, as the secretariat reads it in Slack. An unknown id is exit code 1.
"""

from __future__ import annotations

import argparse
import json

from sqlalchemy import select
from sqlalchemy.exc import OperationalError, ProgrammingError

from bot.cli.common import NO_NETWORK, CommandError, add_db_option, open_database
from storage.db import make_sessionmaker


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    status = sub.add_parser("status", help="each organization's answer to a call for interest, and the counts")
    status.add_argument("deadline_id", metavar="DEADLINE_ID", help="the deadline's id in the network file")
    status.add_argument("--json", action="store_true", help="print JSON instead of text")
    status.add_argument("--network", help="the network, when the database holds several")
    add_db_option(status)


async def run(args: argparse.Namespace) -> int:
    from handlers.interest.calls import find_call
    from handlers.interest.status import as_json, call_status, status_messages
    from messages.i18n import as_lang
    from messages.render_text import to_text
    from storage.models import Network
    from storage.snapshot import load_snapshot

    engine = await open_database(args, create=False)
    try:
        async with make_sessionmaker(engine)() as session:
            try:
                query = select(Network.id).order_by(Network.id).limit(1)
                if args.network:
                    query = select(Network.id).where(Network.id == args.network)
                network_id = await session.scalar(query)
                network = await load_snapshot(session, network_id) if network_id is not None else None
            except (OperationalError, ProgrammingError) as exc:
                raise CommandError(NO_NETWORK, 1) from exc
            if network is None:
                raise CommandError(f"no network {args.network!r} in this database" if args.network else NO_NETWORK, 1)
            deadline = find_call(network, args.deadline_id)
            if deadline is None:
                raise CommandError(f"no call for interest (a deadline of kind interest) with id "
                                   f"{args.deadline_id!r} in {network.id}", 1)
            status = await call_status(session, network, deadline)
    finally:
        await engine.dispose()
    if args.json:
        print(json.dumps(as_json(status, network.timezone), ensure_ascii=False, indent=2))
    else:
        lang = as_lang(network.language)
        print(to_text(status_messages(lang, network.timezone, status), lang))
    return 0
