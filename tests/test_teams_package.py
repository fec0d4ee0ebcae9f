"""`digibot teams-package`: the zip an administrator uploads to Teams."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

CLI = [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())", "teams-package"]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_package_has_a_1_17_manifest_for_the_bot_and_two_icons(tmp_path: Path) -> None:
    out = tmp_path / "app.zip"
    env = {"TEAMS_APP_ID": "00000000-1111-2222-3333-444444444444", "DIGIBOT_PUBLIC_URL": "https://bot.digikyst.no",
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([*CLI, "--out", str(out)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        assert _png_size(archive.read("color.png")) == (192, 192)
        assert _png_size(archive.read("outline.png")) == (32, 32)
    assert tuple(int(p) for p in manifest["manifestVersion"].split(".")) >= (1, 17)
    assert manifest["id"] == manifest["bots"][0]["botId"] == env["TEAMS_APP_ID"]
    assert set(manifest["bots"][0]["scopes"]) == {"personal", "team"}
    assert manifest["validDomains"] == ["bot.digikyst.no"]


def test_without_an_app_id_it_says_what_is_missing(tmp_path: Path) -> None:
    done = subprocess.run(CLI, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, cwd=tmp_path)
    assert done.returncode == 2 and "TEAMS_APP_ID" in done.stderr
    assert not (tmp_path / "digibot-teams.zip").exists()
