"""The clinician report rendered by a real browser (Debian's headless chromium).

Reports come from ``legdiary_report_tool`` (this folder), which stores a deterministic
diary through the library and writes its report: 91 nights (about three months), one
night, and an empty diary; and from the ``legdiary`` command itself (``legdiary report -o
FILE.html``) on the diary files the tool stores: the same three months, and three years
(long enough for the weekly labels to need thinning). Checked here: nothing in the HTML points outside the file
(by parsing it), the page logs nothing to the console, the SVG charts are laid out at
a readable size, a screenshot is not blank, and printing gives A4 pages with no chart
split between two of them.

Environment: ``LEGDIARY_REPORT_TOOL`` (default ``build/tests/report/legdiary_report_tool``),
``LEGDIARY_CLI`` (default ``build/examples/cli/legdiary``), ``CHROMIUM`` (default ``chromium`` on the PATH). Needs pypdf and Pillow.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = Path(os.environ.get("LEGDIARY_REPORT_TOOL", ROOT / "build/tests/report/legdiary_report_tool"))
CLI = Path(os.environ.get("LEGDIARY_CLI", ROOT / "build/examples/cli/legdiary"))
LAST_NIGHT = dt.date(2026, 11, 20)  # the tool's last night
CHROMIUM = os.environ.get("CHROMIUM", "chromium")

# The three-month report prints on this many A4 pages (measured; see docs/report.md).
THREE_MONTH_PAGES = 4  # the fourth: the factor screen
A4_POINTS = (595.28, 841.89)
CHART_IDS = ["chart-nightly", "chart-weekly", "chart-compression", "chart-swelling", "chart-hours"]
WINDOW = (1000, 1400)
ALL_REPORTS = ["three_months", "one_night", "empty", "cli_three_months", "cli_three_years"]


def chromium_path() -> str:
    found = shutil.which(CHROMIUM)
    if not found:
        pytest.fail(f"{CHROMIUM} not found: scripts/setup installs Debian's chromium for these tests")
    return found


def run_chromium(args: list[str], profile: Path, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    command = [
        chromium_path(),
        "--headless",
        "--no-sandbox",  # root in containers and CI
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not TOOL.exists():
        pytest.fail(f"{TOOL} not built: build the target legdiary_report_tool (or set LEGDIARY_REPORT_TOOL)")
    folder = tmp_path_factory.mktemp("reports")
    made = {}
    for name, args in {
        "three_months": ["--nights", "91"],
        "one_night": ["--nights", "1"],
        "empty": ["--nights", "28", "--empty"],
    }.items():
        out = folder / f"{name}.html"
        subprocess.run([str(TOOL), str(out), *args], check=True, timeout=60)
        made[name] = out
    if not CLI.exists():
        pytest.fail(f"{CLI} not built: build the legdiary command (or set LEGDIARY_CLI)")
    env = {**os.environ, "LEGDIARY_NOW": "2026-11-22T09:00:00+01:00"}
    env.pop("LEGDIARY_DB", None)
    for name, nights in {"cli_three_months": 91, "cli_three_years": 1100}.items():
        db, out = folder / f"{name}.db", folder / f"{name}.html"
        subprocess.run([str(TOOL), str(folder / f"{name}-tool.html"), "--nights", str(nights), "--db", str(db)],
                       check=True, timeout=120)
        first = LAST_NIGHT - dt.timedelta(days=nights - 1)
        treatment = first + dt.timedelta(days=nights // 2)  # the comparison the tool asks for too
        done = subprocess.run([str(CLI), "--db", str(db), "report", "--from", first.isoformat(), "--to",
                               LAST_NIGHT.isoformat(), "--compare", f"after:{treatment.isoformat()}", "-o", str(out)],
                              capture_output=True, text=True, env=env, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        made[name] = out
    return made


@pytest.fixture()
def profile(tmp_path: Path) -> Path:
    return tmp_path / "chromium-profile"


# ---------------------------------------------------------------------------------------
# Self-contained: checked on the parsed document, not by searching for "http".

# Attributes that make a browser fetch or navigate to what they name.
URL_ATTRIBUTES = {"src", "href", "xlink:href", "srcset", "action", "formaction", "poster", "data",
                  "background", "cite", "longdesc", "manifest", "ping", "codebase", "archive"}
FETCHING_TAGS = {"script", "link", "img", "iframe", "frame", "object", "embed", "audio", "video",
                 "source", "track", "image", "use", "feimage", "base", "form", "input", "portal"}
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)


class ReferenceCollector(html.parser.HTMLParser):
    """Collects every place a document could load something from."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[tuple[str, str]] = []  # (where, value)
        self.css: list[str] = []
        self.meta_refresh = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            value = value or ""
            if name in URL_ATTRIBUTES:
                self.urls.append((f"<{tag} {name}>", value))
            if name == "style" or "url(" in value.lower():
                self.css.append(value)
            if tag == "meta" and name == "http-equiv" and value.lower() == "refresh":
                self.meta_refresh = True
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css.append(data)


def collect(page: str) -> ReferenceCollector:
    collector = ReferenceCollector()
    collector.feed(page)
    collector.close()
    return collector


def external_references(page: str) -> list[str]:
    found = collect(page)
    problems = [f"<{tag}>" for tag in found.tags if tag in FETCHING_TAGS]
    problems += [f"{where}={value!r}" for where, value in found.urls if not value.startswith("#")]
    for css in found.css:
        if "@import" in css.lower():
            problems.append("@import in CSS")
        problems += [f"url({m.group(2)})" for m in CSS_URL.finditer(css) if not m.group(2).startswith("#")]
    if found.meta_refresh:
        problems.append("meta refresh")
    return problems


def test_the_reference_check_finds_what_a_page_could_fetch() -> None:
    # The checker itself, on a page that breaks every rule once.
    bad = """<!DOCTYPE html><html><head><link rel="stylesheet" href="x.css">
    <style>@import "a.css"; body { background: url( 'https://example.org/a.png' ) }</style></head>
    <body style="background:url(b.png)"><img src="c.png"><svg><image href="d.png"/>
    <rect fill="url(e.svg#p)"/><rect fill="url(#fine)"/></svg><a href="#fine">ok</a></body></html>"""
    problems = external_references(bad)
    for expected in ["<link>", "<img>", "<image>", "@import in CSS", "url(https://example.org/a.png)",
                     "url(b.png)", "url(e.svg#p)", "<link href>='x.css'", "<img src>='c.png'"]:
        assert expected in problems
    assert not any("#fine" in problem for problem in problems)


@pytest.mark.parametrize("name", ALL_REPORTS)
def test_report_references_nothing_outside_itself(reports: dict[str, Path], name: str) -> None:
    page = reports[name].read_text(encoding="utf-8")
    assert external_references(page) == []
    found = collect(page)
    assert "script" not in found.tags
    # Five charts, each an image with a title and a description it is labelled by.
    assert found.tags.count("svg") == 5
    assert found.tags.count("title") == 1 + 5  # the page's and each chart's
    assert found.tags.count("desc") == 5


# ---------------------------------------------------------------------------------------
# Rendered by the browser

def console_lines(stderr: str) -> list[str]:
    # With --enable-logging=stderr, chromium logs every console message (any level), every
    # uncaught script error and every blocked load as a line tagged CONSOLE. The report has
    # no script, so any such line is a problem.
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def test_console_check_sees_a_console_error(tmp_path: Path, profile: Path) -> None:
    page = tmp_path / "noisy.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>console.error('noisy page')</script>", encoding="utf-8")
    result = run_chromium(["--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()], profile)
    assert any("noisy page" in line for line in console_lines(result.stderr))


@pytest.mark.parametrize("name", ALL_REPORTS)
def test_report_loads_without_console_messages(reports: dict[str, Path], name: str, profile: Path) -> None:
    result = run_chromium(["--enable-logging=stderr", "--v=0", "--dump-dom", reports[name].as_uri()], profile)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "<svg" in result.stdout  # the DOM was built and dumped
    assert console_lines(result.stderr) == []


MEASURE = """<script>
window.addEventListener('load', () => {
  const box = e => { const r = e.getBoundingClientRect(); return {w: r.width, h: r.height, top: r.top + scrollY}; };
  const charts = [...document.querySelectorAll('svg')].map(svg => ({
    id: svg.id, ...box(svg),
    title: (svg.querySelector('title') || {}).textContent || '',
    desc: (svg.querySelector('desc') || {}).textContent || '',
    labelled: (svg.getAttribute('aria-labelledby') || '').split(' ').every(id => id && document.getElementById(id)),
    role: svg.getAttribute('role'),
    shapes: svg.querySelectorAll('rect, path, line, circle').length,
  }));
  document.documentElement.setAttribute('data-measured', JSON.stringify({
    charts, pageWidth: document.documentElement.scrollWidth, viewWidth: innerWidth,
  }));
});
</script>"""


def measure(report: Path, tmp_path: Path, profile: Path) -> dict:
    # The report has no script; a copy with one measures what the browser laid out.
    probe = tmp_path / f"measured-{report.name}"
    probe.write_text(report.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    result = run_chromium([f"--window-size={WINDOW[0]},{WINDOW[1]}", "--dump-dom", probe.as_uri()], profile)
    assert result.returncode == 0, result.stderr[-2000:]
    match = re.search(r'data-measured="([^"]*)"', result.stdout)
    assert match, "the measuring script did not run"
    return json.loads(html.unescape(match.group(1)))


@pytest.mark.parametrize("name", ALL_REPORTS)
def test_charts_are_laid_out_readably_and_described(reports: dict[str, Path], name: str, tmp_path: Path,
                                                    profile: Path) -> None:
    measured = measure(reports[name], tmp_path, profile)
    charts = measured["charts"]
    assert [chart["id"] for chart in charts] == CHART_IDS
    for chart in charts:
        assert 600 <= chart["w"] <= WINDOW[0], chart["id"]
        assert 120 <= chart["h"] <= 500, chart["id"]
        assert chart["role"] == "img" and chart["labelled"], chart["id"]
        assert len(chart["title"]) > 10 and len(chart["desc"]) > 40, chart["id"]
        assert chart["shapes"] > 5, chart["id"]
    tops = [chart["top"] for chart in charts]
    assert tops == sorted(tops)
    assert measured["pageWidth"] <= measured["viewWidth"]  # nothing sticks out sideways


def test_screenshot_is_not_blank(reports: dict[str, Path], tmp_path: Path, profile: Path) -> None:
    import numpy as np
    from PIL import Image

    shot = tmp_path / "report.png"
    result = run_chromium([f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--screenshot={shot}",
                           reports["three_months"].as_uri()], profile)
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == WINDOW
    pixels = np.asarray(image, dtype=np.int32).reshape(-1, 3)
    not_white = np.count_nonzero(pixels.min(axis=1) < 235)
    assert not_white / len(pixels) > 0.08  # text, bars and hatching, not an empty page
    assert len(np.unique(pixels, axis=0)) > 200  # anti-aliased text and several chart colours
    # The chart colours are there (the sky-blue cramp bars), not only grey.
    sky_blue = np.abs(pixels - np.array([0x56, 0xB4, 0xE9])).max(axis=1) < 12
    assert np.count_nonzero(sky_blue) > 500


def print_pdf(report: Path, tmp_path: Path, profile: Path):
    from pypdf import PdfReader

    pdf = tmp_path / (report.stem + ".pdf")
    result = run_chromium([f"--print-to-pdf={pdf}", "--no-pdf-header-footer", report.as_uri()], profile)
    assert result.returncode == 0 and pdf.exists(), result.stderr[-2000:]
    return PdfReader(str(pdf))


def page_of(texts: list[str], phrase: str) -> int:
    pages = [i for i, text in enumerate(texts) if phrase in " ".join(text.split())]
    assert len(pages) == 1, f"{phrase!r} on pages {pages}"
    return pages[0]


@pytest.mark.parametrize("name", ["three_months", "cli_three_months"])
def test_three_months_print_on_a4_without_splitting_a_chart(reports: dict[str, Path], name: str, tmp_path: Path,
                                                            profile: Path) -> None:
    reader = print_pdf(reports[name], tmp_path, profile)
    assert len(reader.pages) == THREE_MONTH_PAGES
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2
    texts = [page.extract_text() or "" for page in reader.pages]
    assert page_of(texts, "summary for the clinician") == 0
    assert page_of(texts, "Warning signs to discuss") == 0
    # Each chart's heading, its axis labels and its caption end up on one page.
    for heading, inside, caption in [
        ("Cramps each night", "cramps per night", "Each bar is one night"),
        ("Cramps per week", "cramps per week", "Each bar is one calendar week"),
        ("Compression stockings and cramps", "Cramps the night after", "Top: hours the stockings"),
        ("Swelling and leg circumferences", "calf left (cm)", "Top: swelling grade each day"),
        ("When cramps begin", "hour the cramp began", "Bars count cramps by the hour"),
    ]:
        page = page_of(texts, caption)
        assert heading in " ".join(texts[page].split())
        assert inside in " ".join(texts[page].split())
    # The comparisons' caveats stay with their table; the factor screen's heading with its
    # table, and its caveats end the report.
    assert page_of(texts, "Read these comparisons with care") == page_of(texts, "What changed with compression")
    assert page_of(texts, "Which habits go with more or fewer cramps") == page_of(texts, "Habit Day Per")
    assert "Read these with care" in texts[-1]


@pytest.mark.parametrize("name", ["one_night", "empty"])
def test_small_diaries_print_too(reports: dict[str, Path], name: str, tmp_path: Path, profile: Path) -> None:
    reader = print_pdf(reports[name], tmp_path, profile)
    assert 1 <= len(reader.pages) <= THREE_MONTH_PAGES
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Outcomes over the whole range" in text
    if name == "empty":
        assert "No nights recorded in this range" in text


LABEL_BOXES = """<script>
window.addEventListener('load', () => {
  const svg = document.getElementById('chart-weekly');
  // Rotated axis titles are left out: getBBox gives their box before the rotation.
  const boxes = [...svg.querySelectorAll('text:not([transform])')].map(t => {
    const b = t.getBBox(); return [t.textContent, b.x, b.y, b.width, b.height]; });
  document.documentElement.setAttribute('data-boxes', JSON.stringify(boxes));
});
</script>"""


@pytest.mark.parametrize("name", ["cli_three_months", "cli_three_years"])
def test_no_two_labels_of_the_weekly_chart_overlap(reports: dict[str, Path], name: str, tmp_path: Path,
                                                   profile: Path) -> None:
    """The browser's own text boxes: labels under the bars, rates above them and the y axis."""
    probe = tmp_path / f"boxes-{name}.html"
    probe.write_text(reports[name].read_text(encoding="utf-8").replace("</body>", LABEL_BOXES + "</body>"),
                     encoding="utf-8")
    result = run_chromium([f"--window-size={WINDOW[0]},{WINDOW[1]}", "--dump-dom", probe.as_uri()], profile)
    match = re.search(r'data-boxes="([^"]*)"', result.stdout)
    assert match, "the measuring script did not run"
    boxes = json.loads(html.unescape(match.group(1)))
    assert sum(text.endswith("/7 n") for text, *_ in boxes) >= 5  # thinned, not gone
    overlaps = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[1] < b[1] + b[3] and b[1] < a[1] + a[3] and a[2] < b[2] + b[4] and b[2] < a[2] + a[4]]
    assert overlaps == []
