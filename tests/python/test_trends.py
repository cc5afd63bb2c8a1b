"""Diary.trends / compare: the same structure as the CLI's `--json`, dates as datetime.date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import legdiary
from python_support import cli_json, fill, jsonable

RANGE = (dt.date(2026, 9, 7), dt.date(2026, 10, 18))


@pytest.mark.parametrize("compare", [[], ["after:2026-09-28"], ["tag:magnesium", "after:2026-10-01"]])
def test_trends_equal_the_cli_json(diary: legdiary.Diary, compare: list[str]) -> None:
    fill(diary)
    report = diary.trends(*RANGE, compare=compare)
    args = ["trends", "--from", RANGE[0].isoformat(), "--to", RANGE[1].isoformat(), "--json"]
    for exposure in compare:
        args += ["--compare", exposure]
    assert jsonable(report) == cli_json(diary.path, *args)


def test_compare_equals_the_cli_json(diary: legdiary.Diary) -> None:
    fill(diary)
    comparison = diary.compare("compression", *RANGE)
    expected = cli_json(diary.path, "compare", "compression", "--from", RANGE[0].isoformat(), "--to",
                       RANGE[1].isoformat(), "--json")
    # The CLI prints {"range": ..., "comparisons": {name: comparison}}.
    assert expected["range"] == {"from": RANGE[0].isoformat(), "to": RANGE[1].isoformat()}
    assert jsonable(comparison) == expected["comparisons"]["compression"]


def test_report_structure(diary: legdiary.Diary) -> None:
    fill(diary)
    report = diary.trends(*RANGE, compare=["after:2026-09-28"])
    assert set(report) == {"range", "summary", "nightly", "weekly", "trend", "comparisons", "by_hour", "by_leg",
                           "by_muscle", "alerts"}
    assert report["range"] == {"from": RANGE[0], "to": RANGE[1]}
    assert type(report["nightly"][0]["night"]) is dt.date and type(report["weekly"][0]["start"]) is dt.date
    assert list(report["comparisons"]) == ["compression", "tag:magnesium", "after:2026-09-28"] or set(
        report["comparisons"]) == {"compression", "tag:magnesium", "after:2026-09-28"}
    assert len(report["by_hour"]) == 24 and set(report["by_leg"]) == set(legdiary.leg_names)
    summary = report["summary"]
    assert summary["nights"] == 42 and summary["cramps"] == 28
    assert summary["cramps_per_week"] == pytest.approx(7 * 28 / summary["recorded_nights"])
    alert, = [a for a in report["alerts"] if a["kind"] == "calf_asymmetry"]
    assert alert["day"] == dt.date(2026, 9, 17) and alert["difference_cm"] == pytest.approx(3.5)
    assert report["trend"]["direction"] in ("improving", "worsening", "stable", "insufficient data")
    assert report["comparisons"]["compression"]["caveats"]


def test_trends_options_and_errors(diary: legdiary.Diary) -> None:
    fill(diary)
    only_asked = diary.trends(*RANGE, compare=["after:2026-10-01"], default_comparisons=False)
    assert list(only_asked["comparisons"]) == ["after:2026-10-01"]
    strict = diary.trends(*RANGE, min_nights=7)
    assert strict["trend"]["weeks_used"] <= diary.trends(*RANGE)["trend"]["weeks_used"]
    with pytest.raises(legdiary.ValidationError) as caught:
        diary.trends(*RANGE, compare=["socks"])
    assert caught.value.field == "exposure"
    with pytest.raises(legdiary.ValidationError):
        diary.trends(*RANGE, min_nights=0)
    with pytest.raises(legdiary.ValidationError):
        diary.trends(RANGE[1], RANGE[0])
    with pytest.raises(TypeError):
        diary.trends(*RANGE, compare="compression")  # type: ignore[arg-type]
    # Defaults: the whole diary.
    assert diary.trends()["range"] == {"from": RANGE[0], "to": RANGE[1]}


def test_spec_check_values_of_a_comparison(tmp_path: Path) -> None:
    """SPEC 3: c1 = 6, t1 = 40, c0 = 15, t0 = 30 → rate ratio 0.3, 95% CI (0.095365, 0.818221),
    p = 0.013217; built with after:DATE (30 unexposed nights, then 40 exposed)."""
    with legdiary.Diary(tmp_path / "spec.db") as diary:
        first = dt.date(2026, 1, 1)
        cet = dt.timezone(dt.timedelta(hours=1))
        for i in range(70):
            night = first + dt.timedelta(days=i)
            diary.log_night(night=night, sleep_quality=5)
            cramps = (1 if i % 2 == 0 else 0) if i < 30 else (1 if i - 30 < 6 else 0)
            for k in range(cramps):
                onset = dt.datetime.combine(night + dt.timedelta(days=1), dt.time(3, k), cet)
                diary.log_cramp(onset=onset, duration=30, leg="left")
        result = diary.compare("after:2026-01-31", first, first + dt.timedelta(days=69))
        assert (result["cramps_exposed"], result["nights_exposed"]) == (6, 40)
        assert (result["cramps_unexposed"], result["nights_unexposed"]) == (15, 30)
        assert result["rate_ratio"] == pytest.approx(0.3)
        assert result["rate_ratio_low"] == pytest.approx(0.095365, abs=1e-6)
        assert result["rate_ratio_high"] == pytest.approx(0.818221, abs=1e-6)
        assert result["p_value"] == pytest.approx(0.013217, abs=1e-6)


@pytest.mark.parametrize("min_nights", [1, 4, 7])
def test_trend_test_carries_the_line_and_the_weeks_it_used(diary: legdiary.Diary, min_nights: int) -> None:
    """One rule, in the library: the weeks flagged `in_trend` are the test's, and its line is
    rate = intercept + slope·k with intercept median(rate_k − slope·k) over those weeks."""
    import numpy as np

    fill(diary)
    fit = diary.trend_test(*RANGE, min_nights=min_nights)
    trend = diary.trends(*RANGE, min_nights=min_nights)["trend"]
    assert set(trend) == {"weeks_used", "slope", "slope_low", "slope_high", "s", "z", "tau", "p_value", "direction"}
    for key, value in trend.items():
        assert getattr(fit, key) == value, key
    weekly = diary.weekly(*RANGE, min_nights=min_nights)
    assert list(weekly["in_trend"]) == [bool(r >= min_nights) for r in weekly["recorded_nights"]]
    assert int(weekly["in_trend"].sum()) == fit.weeks_used
    if fit.weeks_used < legdiary.min_trend_weeks:
        assert fit.slope is None and fit.intercept is None and fit.direction == "insufficient data"
    else:
        used = weekly[weekly["in_trend"]]
        k = used.index.to_numpy(dtype=float)  # the row number is the week index
        assert fit.intercept == pytest.approx(float(np.median(used["cramps_per_week"] - fit.slope * k)), rel=1e-12)
    assert legdiary.min_trend_weeks == 4
