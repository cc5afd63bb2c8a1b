"""Diary.report_html / write_report and fhir_bundle / export_fhir: the clinician report and
the FHIR R4 export from Python, byte for byte what the command line writes."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import legdiary
from python_support import fill

RANGE = (dt.date(2026, 9, 7), dt.date(2026, 10, 18))


def run_cli(path: Path, *args: str) -> None:
    command = os.environ.get("LEGDIARY_CLI")
    assert command, "set LEGDIARY_CLI to the built legdiary binary (scripts/test does)"
    done = subprocess.run([command, "--db", str(path), *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


class Resources(HTMLParser):
    """Every attribute that could make a browser fetch something, and the SVG charts."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[tuple[str, str, str]] = []
        self.svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.svgs += tag == "svg"
        for name, value in attrs:
            if name in ("src", "href", "srcset", "data", "poster", "action") and value and not value.startswith("#"):
                self.references.append((tag, name, value))


def test_the_report_is_the_one_the_cli_writes(diary: legdiary.Diary, tmp_path: Path) -> None:
    fill(diary)
    html = diary.report_html(*RANGE, compare=["after:2026-09-28"])
    run_cli(diary.path, "report", "--from", RANGE[0].isoformat(), "--to", RANGE[1].isoformat(),
            "--compare", "after:2026-09-28", "-o", str(tmp_path / "cli.html"))
    assert html == (tmp_path / "cli.html").read_text(encoding="utf-8")
    parser = Resources()
    parser.feed(html)
    assert parser.references == []
    assert parser.svgs >= 5
    assert "Nights from Mon 28 Sep 2026 on" in html  # the comparison asked for


def test_write_report_makes_an_owner_only_file_and_replaces_it_whole(diary: legdiary.Diary, tmp_path: Path) -> None:
    fill(diary)
    target = tmp_path / "for-my-doctor.html"
    target.write_text("an older report")
    target.chmod(0o644)
    old_umask = os.umask(0)
    try:
        diary.write_report(target, *RANGE)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == diary.report_html(*RANGE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diary.db", "diary.db-shm", "diary.db-wal",
                                                           "for-my-doctor.html"]


def test_report_range_defaults_to_the_diary_and_an_empty_diary_needs_both_bounds(diary: legdiary.Diary) -> None:
    with pytest.raises(legdiary.ValidationError) as refused:
        diary.report_html()
    assert refused.value.field == "start" and "empty" in refused.value.rule
    empty = diary.report_html(dt.date(2026, 11, 1), dt.date(2026, 11, 28))
    assert "<svg" in empty
    fill(diary)
    assert diary.report_html() == diary.report_html(*RANGE)  # the diary's first to last night


def test_a_bad_exposure_is_refused_and_nothing_is_written(diary: legdiary.Diary, tmp_path: Path) -> None:
    fill(diary)
    target = tmp_path / "report.html"
    with pytest.raises(legdiary.ValidationError) as refused:
        diary.write_report(target, *RANGE, compare=["socks"])
    assert refused.value.field == "exposure"
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_fhir_bundle_is_the_one_the_cli_exports_and_valid_r4(diary: legdiary.Diary, tmp_path: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    fill(diary, nights=10)
    bundle = diary.fhir_bundle()
    run_cli(diary.path, "export", "--format", "fhir", "-o", str(tmp_path / "cli.json"))
    assert bundle == json.loads((tmp_path / "cli.json").read_text(encoding="utf-8"))
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    episodes = [e.resource for e in parsed.entry if e.resource.id.startswith("cramp-")]
    assert len(episodes) == len(diary.cramps())

    target = tmp_path / "bundle.json"
    diary.export_fhir(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == (tmp_path / "cli.json").read_bytes()
