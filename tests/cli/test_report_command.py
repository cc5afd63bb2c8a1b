"""`legdiary report`: writes the clinician report, owner-only, with the factor screen in the
words of `legdiary factors`, and refuses bad requests without writing anything."""
from __future__ import annotations

import datetime as dt
import html as html_text
import re
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
    # Two weeks are too few for the factor screen: its section says so, with the caveats.
    assert "Which habits go with more or fewer cramps (exploratory)" in html
    assert "No habit could be tested in this range" in html
    assert "Read these with care" in html


def write_habit_diary(cli: Cli) -> tuple[str, str]:
    """42 nights from Mon 1 Jun 2026 whose cramps follow the hours stood the day before, a tag
    on every third day, no other habit logged; every night checked in. Returns the range."""
    first = dt.date(2026, 6, 1)
    days, checkins, cramps = ["day,standing_hours,tags"], ["night,sleep_quality"], ["onset,duration_s,leg"]
    for i in range(42):
        night = first + dt.timedelta(days=i)
        standing = 1 + (i * 3) % 8
        days.append(f"{night},{standing},{'walk' if i % 3 == 0 else ''}")
        checkins.append(f"{night},6")
        for k in range(standing // 3 + (i % 4 == 0)):
            cramps.append(f"{night + dt.timedelta(days=1)}T0{1 + k}:00:00+02:00,60,left")
    for name, rows in (("days.csv", days), ("nights.csv", checkins), ("cramps.csv", cramps)):
        (cli.folder / name).write_text("\n".join(rows) + "\n")
    cli.ok("import", *(str(cli.folder / name) for name in ("days.csv", "nights.csv", "cramps.csv")))
    return str(first), str(first + dt.timedelta(days=41))


def test_report_shows_the_factor_screen_of_its_range_in_the_words_of_factors(cli: Cli) -> None:
    start, end = write_habit_diary(cli)
    out = cli.folder / "report.html"
    cli.ok("report", "--from", start, "--to", end, "-o", str(out))
    page = html_text.unescape(re.sub(r"<[^>]*>", "", out.read_text(encoding="utf-8")))  # the text a reader sees
    screen = cli.ok("factors", "--from", start, "--to", end, "--json").json()
    printed = cli.ok("factors", "--from", start, "--to", end).out
    assert "Which habits go with more or fewer cramps (exploratory)" in page
    assert f"{screen['tested']} models fitted, {len(screen['skipped'])} not fitted" in page
    findings = [line.strip() for line in printed.splitlines() if line.startswith("  On ")]
    assert any("1 h more standing" in finding for finding in findings)
    for finding in findings:
        assert finding in page
    assert "Not fitted: Compression stockings, Water drunk, Exercise, Legs raised — no nights" in page
    for caveat in screen["caveats"]:
        assert caveat in page


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
