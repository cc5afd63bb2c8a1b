"""Bad Python calls (tests/data/bad/python/cases.json): wrong types, NaN and infinities,
values out of range, naive and aware datetimes mixed. Each call is made on a copy of a
seeded diary and must raise the expected exception — for a ValidationError, naming the
field and the rule; for a TypeError or ValueError, with the case's `message` in its text —
and leave the diary exactly as it was."""
from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import check_python_case, load_manifest, snapshot, diary_copy, local_clock, seeded_template  # noqa: F401 (fixtures)

legdiary = pytest.importorskip("legdiary")

CASES = load_manifest("python/cases.json", check_python_case)


def decode(value: Any) -> Any:
    """A manifest value as the Python object it stands for."""
    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "$float" in value:
        return float(value["$float"])
    if "$datetime" in value:
        moment = dt.datetime.fromisoformat(value["$datetime"])
        offset = value["offset_s"]
        return moment if offset is None else moment.replace(tzinfo=dt.timezone(dt.timedelta(seconds=offset)))
    if "$date" in value:
        return dt.date.fromisoformat(value["$date"])
    if "$timedelta_s" in value:
        return dt.timedelta(seconds=value["$timedelta_s"])
    if "$int_pow2" in value:
        return 2 ** value["$int_pow2"]
    if "$bytes_hex" in value:
        return bytes.fromhex(value["$bytes_hex"])
    return {key: decode(item) for key, item in value.items()}



def test_decode_keeps_nan() -> None:
    assert math.isnan(decode({"$float": "nan"}))


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_python_bad_call(case: dict[str, Any], diary_copy: Path, local_clock: None) -> None:
    expected = getattr(legdiary, case["raises"], None) or getattr(__builtins__, case["raises"], None) \
        or {"TypeError": TypeError, "ValueError": ValueError}[case["raises"]]
    before = snapshot(diary_copy)
    owner, name = case["call"].split(".")
    with legdiary.Diary(str(diary_copy)) as diary:
        function = getattr(diary if owner == "diary" else legdiary, name)
        with pytest.raises(expected) as raised:
            function(*decode(case["args"]), **decode(case["kwargs"]))
    assert snapshot(diary_copy) == before, "a refused call changed the diary"
    error = raised.value
    if isinstance(error, legdiary.ValidationError):
        problems = error.problems
        assert problems and all(p["field"] and p["rule"] for p in problems), problems
        assert any(p["field"] == case["field"] and case["rule"] in p["rule"] for p in problems), problems
    else:
        assert case["field"] is None, f"expected a ValidationError naming {case['field']}, got {error!r}"
        assert str(error), "an exception without a message"
        assert case["message"] in str(error), f"the message does not say {case['message']!r}: {error}"
