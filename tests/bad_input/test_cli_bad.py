"""The CLI's bad-input corpus (tests/data/bad/cli/cases.json): every case exits with its
code, names its field and rule on stderr, never crashes, and leaves the diary exactly as it
was — or, for the SQL-in-text cases, stores the text verbatim and nothing else changes."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import check_cli_case, cli_binary, load_manifest, run_cli, snapshot, diary_copy, seeded_template  # noqa: F401 (fixtures)

CASES = load_manifest("cli/cases.json", check_cli_case)


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("legdiary: ")]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_cli_bad_input(case: dict[str, Any], diary_copy: Path) -> None:
    binary = cli_binary()
    folder = diary_copy.parent
    before = snapshot(diary_copy)
    done = run_cli(binary, case["args"], folder, diary_copy, case.get("env"))
    stderr = done.stderr.decode("utf-8")  # errors are valid UTF-8 text, whatever the input
    after = snapshot(diary_copy)

    assert done.returncode == case["exit"], f"exit {done.returncode}, stderr:\n{stderr}"
    # Sanitizer reports (an ASan build of the CLI) fail the case even when the exit is right.
    assert "ERROR: AddressSanitizer" not in stderr and "runtime error:" not in stderr, stderr

    if "stored_text" in case:
        assert after is not None and before is not None
        assert after["schema"] == before["schema"], "the schema changed"
        # Nothing else changes: one table gains exactly one row (holding the text), no row goes.
        changed = [name for name in after if after[name] != before.get(name)]
        assert len(changed) == 1 and set(before) == set(after), f"changed: {changed}"
        added = [row for row in after[changed[0]] if row not in before[changed[0]]]
        assert all(row in after[changed[0]] for row in before[changed[0]]), "a stored row changed or went"
        assert len(added) == 1 and case["stored_text"] in added[0], added
        listed = run_cli(binary, ["list", "--from", "2026-11-01", "--to", "2026-11-30", "--json"], folder, diary_copy)
        entries = json.loads(listed.stdout)
        notes = [entry["notes"] for kind in ("cramps", "nights", "days") for entry in entries[kind]]
        assert case["stored_text"] in notes, notes
        return

    assert after == before, "a refused command changed the diary"
    lines = problem_lines(stderr)
    assert lines, f"no `legdiary: ` error line on stderr:\n{stderr}"
    assert all(len(line) < 4000 for line in lines), "an error line is unreadably long"
    if case["field"] is not None:
        pattern = re.compile(r"(^|: )" + re.escape(case["field"]) + r' = "')
        named = [line for line in lines if pattern.search(line)]
        assert named, f"no error line names field {case['field']!r}:\n{stderr}"
        assert any(case["rule"] in line for line in named), f"no line for {case['field']} says {case['rule']!r}:\n{stderr}"
    else:
        assert any(case["rule"] in line for line in lines), f"no error line says {case['rule']!r}:\n{stderr}"
