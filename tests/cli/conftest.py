"""Fixtures of the command-line tests; the helpers they use are in cli_support.py."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli_support import Cli, missing_binary


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    binary = os.environ.get("LEGDIARY_CLI")
    if not binary:
        missing_binary("LEGDIARY_CLI is not set: point it at the built legdiary binary "
                       "(e.g. LEGDIARY_CLI=$PWD/build/examples/cli/legdiary)")
    if not os.access(binary, os.X_OK):
        missing_binary(f"LEGDIARY_CLI={binary} is not an executable file; build the legdiary_cli target first")
    (tmp_path / "home").mkdir()
    return Cli(binary, tmp_path)


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    """A diary with a few entries of each kind (Berlin, Saturday morning)."""
    cli.ok("log", "cramp", "--at", "yesterday 23:10", "--leg", "right", "--duration", "45s")
    cli.ok("log", "cramp", "--at", "02:41", "--leg", "left", "--duration", "90s", "--intensity", "7", "--woke")
    cli.ok("log", "night", "--bed", "22:50", "--wake", "07:05", "--sleep-quality", "6")
    cli.ok("log", "day", "--day", "2026-11-20", "--socks", "9.5", "--class", "20-30", "--tag", "magnesium")
    return cli
