"""`digibot teams-package [--out FILE]`: the Teams app package (manifest 1.17, bot id from TEAMS_APP_ID,
personal and team scopes, the two icons) for an administrator to upload in Teams."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import CommandError

DEFAULT_OUT = "digibot-teams.zip"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default=DEFAULT_OUT, help=f"where to write the zip (default {DEFAULT_OUT})")


async def run(args: argparse.Namespace) -> int:
    from bot.channels.teams.package import build_package
    from bot.config import Settings

    settings = Settings.from_env()
    if not settings.teams_app_id:
        raise CommandError("TEAMS_APP_ID is not set: the package names the bot by its Microsoft app id", 2)
    out = Path(args.out)
    try:
        out.write_bytes(build_package(settings.teams_app_id, settings.public_url))
    except OSError as exc:
        raise CommandError(f"cannot write {out}: {exc.strerror or exc}", 1) from exc
    print(f"wrote {out}: upload it in Teams (Apps > Manage your apps > Upload an app)")
    return 0
