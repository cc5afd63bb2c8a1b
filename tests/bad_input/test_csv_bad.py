"""The CSV bad-input corpus (tests/data/bad/csv/NAME.csv, each with NAME.expect.json):
every file is imported into a copy of a seeded diary, through the CLI and, when the
package is installed, through Python's Diary.import_csv. A refused file must name each
expected problem (line, field, rule), never crash, and leave the diary exactly as it was;
a file of SQL in text fields must be imported with the text stored verbatim.

NAME.expect.json: {"exit": 65, "problems": [{"line": 3, "field": "leg", "rule": "must be one of"}],
"expand": {"marker", "text", "times"} (the marker in the file is replaced by text × times,
for fields too big to keep in the repository), "stored_text": "..." (for exit 0)}.
A null line or field matches any (field null only for a header problem, line 1; every rule
non-empty: bad_input_support.check_csv_expectation refuses an expectation otherwise).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import CORPUS, BadManifest, check_csv_expectation, cli_binary, run_cli, snapshot, diary_copy, local_clock, seeded_template  # noqa: F401 (fixtures)

FILES = sorted((CORPUS / "csv").glob("*.csv"))


def expectation(path: Path) -> dict[str, Any]:
    expect = json.loads(path.with_suffix(".expect.json").read_text(encoding="utf-8"))
    faults = check_csv_expectation(expect)
    if faults:
        raise BadManifest(f"{path.name}: " + "; ".join(faults))
    return expect


def materialise(path: Path, expect: dict[str, Any], folder: Path) -> Path:
    """The file to import: the corpus file, with its `expand` marker filled in."""
    data = path.read_bytes()
    if "expand" in expect:
        expand = expect["expand"]
        data = data.replace(expand["marker"].encode(), expand["text"].encode() * expand["times"])
    target = folder / path.name
    target.write_bytes(data)
    return target


def test_every_file_has_an_expectation() -> None:
    assert len(FILES) >= 100
    for path in FILES:
        expect = expectation(path)
        assert expect["exit"] in (0, 65, 66), path.name
        assert ("problems" in expect) != ("stored_text" in expect), path.name


def matches(problem: dict[str, Any], line: int | None, field: str | None, rule: str) -> bool:
    return ((problem["line"] is None or problem["line"] == line)
            and (problem["field"] is None or problem["field"] == field)
            and problem["rule"] in rule)


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_cli_import(path: Path, diary_copy: Path) -> None:
    binary = cli_binary()
    expect = expectation(path)
    folder = diary_copy.parent
    file = materialise(path, expect, folder)
    before = snapshot(diary_copy)
    done = run_cli(binary, ["import", file.name], folder, diary_copy)
    stderr = done.stderr.decode("utf-8")  # valid UTF-8, whatever bytes the file had
    after = snapshot(diary_copy)
    assert done.returncode == expect["exit"], f"exit {done.returncode}:\n{stderr[:3000]}"
    assert "ERROR: AddressSanitizer" not in stderr and "runtime error:" not in stderr, stderr[:3000]
    if "stored_text" in expect:
        listed = run_cli(binary, ["list", "--from", "2026-11-01", "--to", "2026-11-30", "--json"], folder, diary_copy)
        entries = json.loads(listed.stdout)
        assert expect["stored_text"] in [e["notes"] for kind in ("cramps", "nights", "days") for e in entries[kind]]
        assert after is not None and before is not None and after["schema"] == before["schema"]
        assert all(row in after[name] for name in before if name != "schema" for row in before[name]), \
            "an import changed or removed a stored row"
        return
    assert after == before, "a refused file changed the diary"
    lines = [line for line in stderr.splitlines() if line.startswith("legdiary: ")]
    assert all(len(line) < 4000 for line in lines), "an error line is unreadably long"
    for problem in expect["problems"]:
        prefix = f"line {problem['line']}: " if problem["line"] is not None else ""
        field = f"{problem['field']} = \"" if problem["field"] is not None else ""
        assert any(prefix + field in line and problem["rule"] in line for line in lines), \
            f"no error line for {problem}:\n{stderr[:3000]}"



@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_python_import(path: Path, diary_copy: Path, local_clock: None) -> None:
    legdiary = pytest.importorskip("legdiary")
    expect = expectation(path)
    file = materialise(path, expect, diary_copy.parent)
    before = snapshot(diary_copy)
    if "stored_text" in expect:
        with legdiary.Diary(str(diary_copy)) as diary:
            diary.import_csv(str(file))
            notes = [entry.notes for entry in diary.cramps()] + [r.notes for r in diary.night_records(None, None)] \
                + [log.notes for log in diary.day_logs(None, None)]
            assert expect["stored_text"] in notes
        after = snapshot(diary_copy)
        assert after is not None and before is not None and after["schema"] == before["schema"]
        assert all(row in after[name] for name in before if name != "schema" for row in before[name]), \
            "an import changed or removed a stored row"
        return
    with legdiary.Diary(str(diary_copy)) as diary:
        with pytest.raises(legdiary.ValidationError) as raised:
            diary.import_csv(str(file))
    assert snapshot(diary_copy) == before, "a refused file changed the diary"
    problems = raised.value.problems
    assert problems and all(p["field"] and p["rule"] for p in problems), problems
    for want in expect["problems"]:
        assert any(matches(want, p["line"], p["field"], p["rule"]) for p in problems), (want, problems[:25])
