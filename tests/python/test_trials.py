"""Randomised N-of-1 trials from Python (SPEC 7): plan_trial, trials, trial_today,
trial_status, stop_trial and trial_schedule; the same structures as the CLI's
`trial ... --json`, refused arguments named, and a refused call leaving the file as it was.

conftest.py fixes LEGDIARY_NOW = 2026-12-01T12:00:00+01:00 (Europe/Berlin): today is
2026-12-01."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import legdiary
from python_support import cli, cli_json, jsonable

TODAY = dt.date(2026, 12, 1)
LATER_NOW = "2026-12-01T12:00:00+01:00"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def past_trial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[legdiary.Diary, Path]]:
    """A diary with a finished trial (planned on 2026-10-01: no run-in, 2 blocks of 5-night
    periods, 1 washout night) and cramps and day logs over its nights."""
    path = tmp_path / "diary.db"
    with legdiary.Diary(path) as diary:
        monkeypatch.setenv("LEGDIARY_NOW", "2026-10-01T09:00:00+02:00")
        planned = diary.plan_trial("compression", run_in_nights=0, blocks=2, period_nights=5, washout_nights=1,
                                   seed=7, name="socks", hypothesis="fewer cramps with stockings")
        monkeypatch.setenv("LEGDIARY_NOW", LATER_NOW)
        assert planned["start"] == dt.date(2026, 10, 1) and planned["end"] == dt.date(2026, 10, 20)
        schedule = diary.trial_status(planned["id"])["schedule"]
        for i, night in enumerate(schedule):
            day = night["night"]
            worn = night["condition"] == "B"
            if i % 7 != 3:  # a few days without a log: adherence unknown
                diary.log_day(day=day, compression_hours=(10.0 if worn else 0.0) if i != 5 else 8.0)
            for k in range((i * 7) % 3 + (0 if worn else 1)):
                onset = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(2, 10 + 10 * k),
                                            tzinfo=dt.timezone(dt.timedelta(hours=2 if day.month == 10 and day.day < 25 else 1)))
                diary.log_cramp(onset=onset, duration=60 + k, leg="left")
        yield diary, path


def test_plan_list_status_stop_round_trip(diary: legdiary.Diary) -> None:
    assert diary.trials() == []
    plan = diary.plan_trial("tag:magnesium", seed=42, name="magnesium", hypothesis="it helps")
    assert plan["id"] == 1 and plan["exposure"] == "tag:magnesium"
    assert plan["start"] == TODAY and plan["status"] == "run-in"
    assert (plan["run_in_nights"], plan["blocks"], plan["period_nights"], plan["washout_nights"]) == (7, 6, 7, 2)
    assert plan["seed"] == 42 and plan["name"] == "magnesium" and plan["hypothesis"] == "it helps"
    assert plan["end"] == TODAY + dt.timedelta(days=7 + 2 * 6 * 7 - 1)
    assert len(plan["allocation"]) == 6 and set(plan["allocation"]) <= {"AB", "BA"}
    assert isinstance(plan["created"], dt.datetime) and plan["created"].utcoffset() == dt.timedelta(0)
    assert plan["stopped"] is None and plan["stop_reason"] is None
    assert diary.trials() == [plan]

    status = diary.trial_status()
    assert status["trial"] == plan and diary.trial_status(1) == status
    assert len(status["schedule"]) == 7 + 2 * 6 * 7
    assert status["schedule"][0] == {"night": TODAY, "phase": "run-in", "block": None, "period": None,
                                     "condition": None, "washout": False, "recorded": False, "cramps": 0,
                                     "adherence": None, "analysed": False}
    assert status["result"]["interim"] is True and status["result"]["nights_a"] == 0

    today = diary.trial_today()
    assert today["date"] == TODAY and today["trial"] == 1 and today["phase"] == "run-in"
    assert today["counted"] is False and today["instruction"]

    stopped = diary.stop_trial("stockings too hot")
    assert stopped["status"] == "stopped" and stopped["stopped"] == TODAY
    assert stopped["stop_reason"] == "stockings too hot"
    assert {**stopped, "status": "run-in", "stopped": None, "stop_reason": None} == plan
    assert diary.trials() == [stopped]
    assert diary.trial_status()["trial"] == stopped  # no active trial: the latest
    assert diary.trial_today()["trial"] is None
    with pytest.raises(legdiary.NotFoundError, match="trial"):
        diary.stop_trial("again")


def test_no_trial_is_not_found(diary: legdiary.Diary) -> None:
    with pytest.raises(legdiary.NotFoundError, match="trial"):
        diary.trial_status()
    with pytest.raises(legdiary.NotFoundError, match="trial_id"):
        diary.trial_status(3)
    today = diary.trial_today()
    assert today["trial"] is None and today["date"] == TODAY and today["counted"] is False


def test_trial_status_equals_the_cli_json(past_trial: tuple[legdiary.Diary, Path]) -> None:
    diary, path = past_trial
    status = diary.trial_status()
    assert status["trial"]["status"] == "finished" and status["result"]["interim"] is False
    assert status["result"]["cramps_a"] > 0 and status["result"]["p_value"] is not None
    assert jsonable(status) == cli_json(path, "trial", "status", "--json")
    assert jsonable(diary.trial_status(1)) == cli_json(path, "trial", "status", "--id", "1", "--json")


def test_trial_today_equals_the_cli_json(diary: legdiary.Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    diary.plan_trial("compression", run_in_nights=0, seed=5)
    for now in (LATER_NOW, "2026-12-03T08:00:00+01:00", "2026-12-20T08:00:00+01:00"):
        monkeypatch.setenv("LEGDIARY_NOW", now)
        today = diary.trial_today()
        assert today["phase"] == "period" and today["condition"] in ("A", "B")
        assert jsonable(today) == cli_json(diary.path, "trial", "today", "--json")


def test_trial_schedule_is_one_row_per_night(past_trial: tuple[legdiary.Diary, Path]) -> None:
    diary, _ = past_trial
    frame = diary.trial_schedule()
    schedule = diary.trial_status()["schedule"]
    assert list(frame.columns) == ["night", "phase", "block", "period", "condition", "washout", "recorded",
                                   "cramps", "adherence", "analysed"]
    assert len(frame) == len(schedule) == 20
    assert frame["night"].dtype.kind == "M"
    assert [night.date() for night in frame["night"]] == [row["night"] for row in schedule]
    assert frame["condition"].tolist() == [row["condition"] for row in schedule]
    assert frame["block"].tolist() == [row["block"] for row in schedule]
    assert frame["cramps"].sum() == sum(row["cramps"] for row in schedule)
    assert frame["analysed"].tolist() == [row["analysed"] for row in schedule]
    assert frame["adherence"].astype(object).where(frame["adherence"].notna(), None).tolist() == \
        [row["adherence"] for row in schedule]


def test_a_run_in_schedule_has_missing_blocks(diary: legdiary.Diary) -> None:
    diary.plan_trial("compression", run_in_nights=3, blocks=2, period_nights=3, washout_nights=0, seed=1)
    frame = diary.trial_schedule(1)
    assert len(frame) == 3 + 12
    assert frame["block"].isna().tolist() == [True] * 3 + [False] * 12
    assert frame["phase"].tolist()[:4] == ["run-in"] * 3 + ["period"]


def test_the_largest_seed_round_trips(diary: legdiary.Diary) -> None:
    largest = 2**64 - 1
    plan = diary.plan_trial("compression", seed=largest)
    assert plan["seed"] == largest
    assert diary.trials()[0]["seed"] == largest
    assert diary.trial_status()["trial"]["seed"] == largest
    if cli() is not None:
        cli_status = cli_json(diary.path, "trial", "status", "--json")
        assert cli_status["trial"]["seed"] == str(largest)
        assert cli_status["trial"]["allocation"] == plan["allocation"]


def test_a_seed_is_drawn_when_none_is_given(diary: legdiary.Diary) -> None:
    plan = diary.plan_trial("compression")
    assert isinstance(plan["seed"], int) and 0 <= plan["seed"] < 2**64


def problem_fields(error: legdiary.ValidationError) -> list[str]:
    return [problem["field"] for problem in error.problems]


BadCall = Callable[[legdiary.Diary], object]

BAD_CALLS: list[tuple[str, BadCall, type[Exception], str]] = [
    ("exposure-int", lambda d: d.plan_trial(3), legdiary.ArgumentTypeError, "exposure"),  # type: ignore[arg-type]
    ("exposure-word", lambda d: d.plan_trial("socks"), legdiary.ValidationError, "exposure"),
    ("start-str", lambda d: d.plan_trial("compression", start="2026-12-05"),  # type: ignore[arg-type]
     legdiary.ArgumentTypeError, "start"),
    ("start-past", lambda d: d.plan_trial("compression", start=dt.date(2026, 11, 30)), legdiary.ValidationError,
     "start"),
    ("overlap", lambda d: d.plan_trial("compression", start=dt.date(2027, 1, 1)), legdiary.ValidationError, "start"),
    ("blocks-float", lambda d: d.plan_trial("compression", blocks=6.0, start=dt.date(2028, 1, 1)),  # type: ignore[arg-type]
     legdiary.ArgumentTypeError, "blocks"),
    ("blocks-bool", lambda d: d.plan_trial("compression", blocks=True, start=dt.date(2028, 1, 1)),
     legdiary.ArgumentTypeError, "blocks"),
    ("blocks-1", lambda d: d.plan_trial("compression", blocks=1, start=dt.date(2028, 1, 1)), legdiary.ValidationError,
     "blocks"),
    ("run-in-29", lambda d: d.plan_trial("compression", run_in_nights=29, start=dt.date(2028, 1, 1)),
     legdiary.ValidationError, "run_in_nights"),
    ("period-29", lambda d: d.plan_trial("compression", period_nights=29, start=dt.date(2028, 1, 1)),
     legdiary.ValidationError, "period_nights"),
    ("washout-7", lambda d: d.plan_trial("compression", washout_nights=7, start=dt.date(2028, 1, 1)),
     legdiary.ValidationError, "washout_nights"),
    ("seed-negative", lambda d: d.plan_trial("compression", seed=-1, start=dt.date(2028, 1, 1)),
     legdiary.ValidationError, "seed"),
    ("seed-2**64", lambda d: d.plan_trial("compression", seed=2**64, start=dt.date(2028, 1, 1)),
     legdiary.ValidationError, "seed"),
    ("seed-str", lambda d: d.plan_trial("compression", seed="7", start=dt.date(2028, 1, 1)),  # type: ignore[arg-type]
     legdiary.ArgumentTypeError, "seed"),
    ("name-long", lambda d: d.plan_trial("compression", name="x" * 2001, start=dt.date(2028, 1, 1)),
     legdiary.ValidationError, "name"),
    ("hypothesis-list", lambda d: d.plan_trial("compression", hypothesis=["x"], start=dt.date(2028, 1, 1)),  # type: ignore[arg-type]
     legdiary.ArgumentTypeError, "hypothesis"),
    ("trial-id-str", lambda d: d.trial_status("1"), legdiary.ArgumentTypeError, "trial_id"),  # type: ignore[arg-type]
    ("reason-int", lambda d: d.stop_trial(5), legdiary.ArgumentTypeError, "reason"),  # type: ignore[arg-type]
    ("reason-long", lambda d: d.stop_trial("y" * 2001), legdiary.ValidationError, "reason"),
]


@pytest.mark.parametrize("case", BAD_CALLS, ids=[case[0] for case in BAD_CALLS])
def test_bad_calls_are_refused_by_name_and_change_nothing(tmp_path: Path,
                                                          case: tuple[str, BadCall, type[Exception], str]) -> None:
    _, call, expected, field = case
    path = tmp_path / "diary.db"
    with legdiary.Diary(path) as diary:
        diary.plan_trial("compression", seed=3)
    before = sha256(path)
    with legdiary.Diary(path) as diary:
        with pytest.raises(expected) as raised:
            call(diary)
        assert isinstance(raised.value, legdiary.ValidationError)
        assert field in problem_fields(raised.value), raised.value.problems
        assert len(diary.trials()) == 1 and diary.trials()[0]["stopped"] is None
    assert sha256(path) == before
