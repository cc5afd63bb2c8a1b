"""`legdiary report`: writes the clinician report, owner-only, and refuses bad requests
without writing anything."""
from __future__ import annotations

from html.parser import HTMLParser

from cli_support import Cli, snapshot


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)


def test_report_writes_a_private_self_contained_page(seeded: Cli) -> None:
    out = seeded.folder / "report.html"
    result = seeded.ok("report", "--weeks", "2", "--compare", "after:2026-11-15", "-o", str(out))
    assert "2026-11-07 to 2026-11-20" in result.err
    assert (out.stat().st_mode & 0o777) == 0o600
    html = out.read_text(encoding="utf-8")
    tags = Tags()
    tags.feed(html)
    assert tags.seen.count("svg") == 5
    assert "script" not in tags.seen
    assert "Nights from Sun 15 Nov 2026 on" in html  # the comparison asked for, in words
    assert "magnesium" in html  # the default comparison of a tag used in the range


def test_report_refusals_write_nothing(seeded: Cli) -> None:
    before = snapshot(seeded.db)
    out = seeded.folder / "report.html"
    assert seeded("report").code == 2  # -o is required
    bad_date = seeded("report", "--from", "2026-02-30", "-o", str(out))
    assert bad_date.code == 65 and "from" in bad_date.err
    bad_exposure = seeded("report", "--compare", "socks", "-o", str(out))
    assert bad_exposure.code == 65 and "exposure" in bad_exposure.err
    assert not out.exists()
    assert snapshot(seeded.db) == before


def test_report_on_a_missing_diary_is_exit_66_and_creates_nothing(cli: Cli) -> None:
    out = cli.folder / "report.html"
    result = cli("report", "-o", str(out))
    assert result.code == 66
    assert not cli.db.exists() and not out.exists()
