"""The point of the robust comparison numbers (SPEC 3, "Comparisons when nights cluster"),
as a simulation: on diaries where nothing matters — stockings change nothing — but bad weeks
come and go and the stockings are worn in streaks, a 95% interval of the rate ratio should
cover 1 in about 95% of diaries. The exact interval, which treats nights as independent,
covers it far less often; the robust (Newey–West) one must cover it in at least 87% of them,
and clearly more often than the exact one.

Each diary: 16 weeks (112 nights, all recorded); each week's cramp rate is 1 a night times a
gamma multiplier (shape 2.2, mean 1) drawn for that week; stockings switch on or off with
probability 0.1 each day (streaks of about ten days). The C++ comparisons come from the test
tool ``legdiary_trends_json --tables`` (``LEGDIARY_TRENDS_JSON``), the same compute_trends
as every front end.

Run:  LEGDIARY_TRENDS_JSON=build/tests/tools/legdiary_trends_json \\
      python -m pytest -s tests/statistics/test_comparison_coverage.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess

import pytest

np = pytest.importorskip("numpy")

TOOL = os.environ.get("LEGDIARY_TRENDS_JSON")
pytestmark = pytest.mark.skipif(not TOOL, reason="set LEGDIARY_TRENDS_JSON to the legdiary_trends_json test tool")

DIARIES = 400
WEEKS = 16
WEEK_SHAPE = 2.2  # gamma shape of the weekly multiplier: variance 1/2.2 around a mean of 1
BASE_RATE = 1.0  # cramps a night in an average week
SWITCH = 0.1  # the chance, each day, that the stockings go on or come off


def null_diary(seed: int) -> dict:
    """A diary in the tool's --tables form where stockings make no difference."""
    rng = np.random.default_rng(seed)
    start = dt.date(2026, 1, 5) + dt.timedelta(days=int(rng.integers(0, 300)))
    nights_count = 7 * WEEKS
    rates = BASE_RATE * np.repeat(rng.gamma(WEEK_SHAPE, 1 / WEEK_SHAPE, size=WEEKS), 7)
    counts = rng.poisson(rates)
    wearing = bool(rng.random() < 0.5)
    nights, episodes, days = [], [], []
    for i in range(nights_count):
        if rng.random() < SWITCH:
            wearing = not wearing
        day = start + dt.timedelta(days=i)
        days.append({"day": day.isoformat(), "compression_hours": 9.0 if wearing else 0.0, "tags": []})
        nights.append(day.isoformat())
        morning = day + dt.timedelta(days=1)
        for k in range(int(counts[i])):
            onset = dt.datetime.combine(morning, dt.time(1 + k % 5, (7 * k) % 60))
            episodes.append({"onset": onset.isoformat() + "+01:00", "duration_s": 60, "leg": "left",
                             "muscle": "calf", "intensity": None, "woke": None})
    end = start + dt.timedelta(days=nights_count - 1)
    return {"range": {"from": start.isoformat(), "to": end.isoformat()},
            "options": {"min_nights": 4, "compare": [], "default_comparisons": True},
            "nights": nights, "episodes": episodes, "days": days}


def covers_one(low, high) -> bool:
    return (low is None or low <= 1) and (high is None or high >= 1)


def test_the_robust_interval_covers_no_effect_where_the_exact_one_does_not():
    diaries = [null_diary(seed) for seed in range(DIARIES)]
    completed = subprocess.run([TOOL, "--tables", "-"], input=json.dumps(diaries), capture_output=True, text=True,
                               check=False)
    assert completed.returncode == 0, completed.stderr
    reports = json.loads(completed.stdout)
    exact = robust = compared = said_chance = 0
    for report in reports:
        c = report["comparisons"]["compression"]
        if c["robust_rate_ratio_low"] is None:  # a side without cramps: nothing to cover
            continue
        compared += 1
        exact += covers_one(c["rate_ratio_low"], c["rate_ratio_high"])
        robust += covers_one(c["robust_rate_ratio_low"], c["robust_rate_ratio_high"])
        assert c["dispersion"] > 0
        # The words: "unlikely to be chance alone" only when both intervals exclude 1 — the
        # library's verdict (interval_includes_no_change), which every front end words.
        either = covers_one(c["rate_ratio_low"], c["rate_ratio_high"]) or \
            covers_one(c["robust_rate_ratio_low"], c["robust_rate_ratio_high"])
        assert c["includes_no_change"] is either
        said_chance += c["includes_no_change"]
    exact_share, robust_share = exact / compared, robust / compared
    print(f"\ncoverage of a rate ratio of 1 on {compared} null diaries of {WEEKS} weeks: "
          f"exact interval {exact_share:.1%}, robust interval {robust_share:.1%}; "
          f"'may well be chance' said for {said_chance / compared:.1%}")
    assert compared >= 0.95 * DIARIES
    assert robust_share >= 0.87
    assert robust_share >= exact_share + 0.05  # clearly more often
    assert exact_share < 0.90  # the data do cluster: the exact interval is too narrow here
