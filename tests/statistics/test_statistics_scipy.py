"""Cross-check of the C++ trends and statistics against an independent implementation.

The C++ side is driven through the test tool ``legdiary_trends_json`` (path in the
environment variable ``LEGDIARY_TRENDS_JSON``). This file recomputes everything from the
raw generated entries with the standard library, numpy and scipy: night assignment, ISO
weeks, the summary, the weekly rates, ``scipy.stats.theilslopes``, a direct Mann–Kendall,
``scipy.stats.binomtest`` and ``scipy.stats.beta.ppf`` for the rate-ratio interval.
Every number must agree to 1e-9 relative.

Run:  LEGDIARY_TRENDS_JSON=build/tests/tools/legdiary_trends_json \
      python -m pytest -s tests/python/test_statistics_scipy.py
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import subprocess
from collections import defaultdict

import pytest

np = pytest.importorskip("numpy")
stats = pytest.importorskip("scipy.stats")

TOOL = os.environ.get("LEGDIARY_TRENDS_JSON")
pytestmark = pytest.mark.skipif(
    not TOOL,
    reason="set LEGDIARY_TRENDS_JSON to the legdiary_trends_json test tool "
    "(build/tests/tools/legdiary_trends_json) to cross-check the C++ statistics against scipy",
)

RELATIVE = 1e-9
DIARIES = 300
RATE_PAIRS = 3000
SERIES = 600
TAGS = ["magnesium", "long-flight", "stretching"]
LEGS = ["left", "right", "both"]
MUSCLES = ["calf", "foot", "toes", "thigh", "hamstring", "shin", "other"]
SYMPTOMS = ["heaviness", "aching", "throbbing", "burning", "itching", "restless_legs", "tingling", "swelling_feeling"]


class Tally:
    """Counts the numbers compared and keeps the largest relative difference seen."""

    def __init__(self) -> None:
        self.values = 0
        self.cases = defaultdict(int)
        self.largest = 0.0
        self.where = ""

    def close(self, got, expected, what: str) -> None:
        self.values += 1
        if expected is None or (isinstance(expected, float) and math.isnan(expected)):
            assert got is None, f"{what}: C++ {got!r}, expected null"
            return
        assert got is not None, f"{what}: C++ null, expected {expected!r}"
        expected = float(expected)
        got = float(got)
        if got == expected:
            return
        difference = abs(got - expected) / max(abs(got), abs(expected))
        if difference > self.largest:
            self.largest, self.where = difference, what
        assert difference <= RELATIVE, f"{what}: C++ {got!r}, scipy {expected!r} (relative {difference:.3g})"

    def report(self, title: str) -> None:
        cases = ", ".join(f"{count} {name}" for name, count in sorted(self.cases.items()))
        print(f"\n{title}: {cases}; {self.values} numbers compared; largest relative difference "
              f"{self.largest:.3g}{' (' + self.where + ')' if self.where else ''}")


def run_tool(mode: str, payload) -> object:
    completed = subprocess.run([TOOL, mode, "-"], input=json.dumps(payload), capture_output=True, text=True,
                               check=False)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


# ---------------------------------------------------------------- the reference statistics

def mann_kendall(y):
    """Mann (1945) / Kendall (1975) with the tie correction, written out directly."""
    n = len(y)
    s = sum(int(np.sign(y[j] - y[i])) for i in range(n) for j in range(i + 1, n))
    _, counts = np.unique(np.asarray(y, dtype=float), return_counts=True)
    variance = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in counts)) / 18
    if s > 0:
        z = (s - 1) / math.sqrt(variance)
    elif s < 0:
        z = (s + 1) / math.sqrt(variance)
    else:
        z = 0.0
    p = 2 * stats.norm.sf(abs(z))  # = 2(1 − Φ(|Z|)), without cancellation
    return s, variance, z, s / (n * (n - 1) / 2), p


def rate_ratio(c1, t1, c0, t0):
    """The exact conditional comparison of two Poisson rates, from scipy's pieces."""
    if t1 == 0 or t0 == 0:
        return None, None, None, None
    ratio = (c1 / t1) / (c0 / t0) if c0 > 0 else None
    c = c1 + c0
    if c == 0:
        return ratio, None, None, None
    low = 0.0 if c1 == 0 else stats.beta.ppf(0.025, c1, c - c1 + 1)
    high = 1.0 if c1 == c else stats.beta.ppf(0.975, c1 + 1, c - c1)
    to_ratio = lambda p: p / (1 - p) * t0 / t1  # noqa: E731
    return (ratio, to_ratio(low), None if high == 1.0 else to_ratio(high),
            stats.binomtest(c1, c, t1 / (t1 + t0)).pvalue)


# ---------------------------------------------------------------- the statistics alone

def test_rate_ratio_matches_scipy():
    rng = np.random.default_rng(20261122)
    pairs = [[6, 40, 15, 30]]
    for _ in range(RATE_PAIRS):
        c1, c0 = (int(rng.choice([0, rng.integers(0, 5), rng.integers(0, 80)])) for _ in range(2))
        t1, t0 = (int(rng.choice([0, rng.integers(1, 8), rng.integers(1, 400)], p=[0.05, 0.35, 0.6]))
                  for _ in range(2))
        pairs.append([c1, t1, c0, t0])
    results = run_tool("--statistics", [{"rate_ratio": pair} for pair in pairs])
    tally = Tally()
    for pair, got in zip(pairs, results):
        expected = rate_ratio(*pair)
        for key, value in zip(["ratio", "low", "high", "p_value"], expected):
            tally.close(got[key], value, f"rate_ratio{pair}.{key}")
        tally.cases["count pairs"] += 1
    assert results[0]["ratio"] == pytest.approx(0.3, rel=1e-12)
    assert (round(results[0]["low"], 6), round(results[0]["high"], 6), round(results[0]["p_value"], 6)) == (
        0.095365, 0.818221, 0.013217)
    tally.report("rate ratio vs scipy.stats.binomtest/beta.ppf")


def test_theil_sen_and_mann_kendall_match_scipy():
    rng = np.random.default_rng(47)
    requests = []
    for _ in range(SERIES):
        n = int(rng.integers(4, 40))
        x = np.sort(rng.choice(np.arange(0, n + int(rng.integers(0, 10))), size=n, replace=False)).astype(float)
        # weekly rates 7·C/R as the diary makes them: few distinct values, so many ties
        nights = rng.integers(1, 8, size=n)
        cramps = rng.poisson(rng.choice([0.0, 0.3, 1.0, 4.0]) * nights + rng.choice([0, 0.2]) * x)
        y = (7 * cramps) / nights
        requests.append({"theil_sen": {"x": x.tolist(), "y": y.tolist()}})
    results = run_tool("--statistics", requests)
    tally = Tally()
    for request, got in zip(requests, results):
        x, y = request["theil_sen"]["x"], request["theil_sen"]["y"]
        fit = stats.theilslopes(y, x, 0.95)
        s, variance, z, tau, p = mann_kendall(y)
        what = f"series n={len(y)}"
        tally.close(got["slope"], fit.slope, what + " slope")
        tally.close(got["low"], fit.low_slope, what + " low")
        tally.close(got["high"], fit.high_slope, what + " high")
        assert got["s"] == s
        tally.close(got["variance"], variance, what + " variance")
        tally.close(got["z"], z, what + " z")
        tally.close(got["tau"], tau, what + " tau")
        tally.close(got["p_value"], p, what + " p")
        tally.cases["series"] += 1
    tally.report("Theil-Sen / Mann-Kendall vs scipy")


# ---------------------------------------------------------------- whole diaries

def generate_diary(seed: int) -> dict:
    rng = np.random.default_rng(seed)
    anchors = [dt.date(2020, 12, 14), dt.date(2026, 12, 7), dt.date(2024, 12, 16), dt.date(2026, 3, 20)]
    start = anchors[seed % len(anchors)] + dt.timedelta(days=int(rng.integers(-40, 40)))
    length = int(rng.choice([1, 6, 7, 13, int(rng.integers(8, 60))] + [int(rng.integers(28, 220))] * 3))
    end = start + dt.timedelta(days=length - 1)
    recording = float(rng.choice([1.0, 0.95, 0.8, 0.5, 0.2, 0.0]))
    base = float(rng.choice([0.0, 0.05, 0.4, 1.2, 3.0]))
    drift = float(rng.choice([0.0, -0.01, 0.01]))
    compression_effect = float(rng.choice([1.0, 0.5]))
    nights, episodes, days = [], [], []
    day = start - dt.timedelta(days=10)  # entries outside the range must not count
    while day <= end + dt.timedelta(days=3):
        log = None
        if rng.random() < 0.75:
            log = {"day": day.isoformat(), "tags": [t for t in TAGS if rng.random() < 0.3]}
            r = rng.random()
            log["compression_hours"] = None if r < 0.2 else 0.0 if r < 0.5 else float(rng.integers(1, 33)) / 2
            if rng.random() < 0.6:
                log["swelling_grade"] = int(rng.integers(0, 4))
            log["symptoms"] = {name: int(rng.integers(0, 11)) for name in SYMPTOMS if rng.random() < 0.4}
            if rng.random() < 0.3:
                left = round(float(rng.uniform(30, 45)), 1)
                log["calf_left_cm"] = left
                log["calf_right_cm"] = round(left + float(rng.choice([0.0, 1.5, -2.9, 3.0, -3.0, 4.2])), 1)
            if rng.random() < 0.03:
                log["ulcer"] = True
            days.append(log)
        if rng.random() < recording:
            index = (day - start).days
            rate = max(0.0, base * (1 + drift * index))
            if log and (log.get("compression_hours") or 0) > 0:
                rate *= compression_effect
            count = int(rng.poisson(rate))
            if count == 0 or rng.random() < 0.8:
                nights.append(day.isoformat())  # else the episodes alone make it recorded
            for _ in range(count):
                hour = int(rng.choice([21, 22, 23, 0, 1, 2, 3, 4, 5, 6, 7]))
                local = dt.datetime.combine(day + dt.timedelta(days=1 if hour < 12 else 0), dt.time(hour))
                local += dt.timedelta(minutes=int(rng.integers(0, 60)), seconds=int(rng.integers(0, 60)))
                offset = int(rng.choice([60, 120, -300, 330, 0]))
                sign = "+" if offset >= 0 else "-"
                episodes.append({
                    "onset": local.isoformat() + f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}",
                    "duration_s": int(rng.choice([int(rng.integers(1, 600)), 60, 120])),
                    "leg": LEGS[int(rng.integers(0, 3))],
                    "muscle": MUSCLES[int(rng.integers(0, 7))],
                    "intensity": None if rng.random() < 0.3 else int(rng.integers(0, 11)),
                    "woke": None if rng.random() < 0.3 else bool(rng.random() < 0.6),
                })
        day += dt.timedelta(days=1)
    compare = []
    if rng.random() < 0.7:
        compare.append("after:" + (start + dt.timedelta(days=int(rng.integers(-5, length + 5)))).isoformat())
    return {
        "range": {"from": start.isoformat(), "to": end.isoformat()},
        "options": {"min_nights": int(rng.choice([4, 4, 4, 1, 3, 7])), "compare": compare},
        "nights": nights,
        "episodes": episodes,
        "days": days,
    }


def expected_report(diary: dict) -> dict:
    """Everything SPEC 3 defines, recomputed from the raw entries."""
    start = dt.date.fromisoformat(diary["range"]["from"])
    end = dt.date.fromisoformat(diary["range"]["to"])
    in_range = lambda d: start <= d <= end  # noqa: E731
    per_night = defaultdict(list)
    for episode in diary["episodes"]:
        onset = dt.datetime.fromisoformat(episode["onset"])
        night = (onset.replace(tzinfo=None) - dt.timedelta(hours=12)).date()
        per_night[night].append(episode)
    recorded = {dt.date.fromisoformat(n) for n in diary["nights"]} | set(per_night)
    logs = {dt.date.fromisoformat(log["day"]): log for log in diary["days"]}
    range_nights = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    in_range_episodes = [e for n in range_nights for e in per_night.get(n, [])]

    R = sum(n in recorded for n in range_nights)
    C = len(in_range_episodes)
    ratio = lambda a, b: None if b == 0 else a / b  # noqa: E731
    durations = [e["duration_s"] for e in in_range_episodes]
    intensities = [e["intensity"] for e in in_range_episodes if e["intensity"] is not None]
    woke = [e["woke"] for e in in_range_episodes if e["woke"] is not None]
    longest = run = 0
    for n in range_nights:
        run = run + 1 if n in recorded and not per_night.get(n) else 0
        longest = max(longest, run)
    summary = {
        "nights": len(range_nights), "recorded_nights": R, "adherence": R / len(range_nights), "cramps": C,
        "cramps_per_week": ratio(7 * C, R),
        "cramp_free_nights": sum(n in recorded and not per_night.get(n) for n in range_nights),
        "mean_intensity": float(np.mean(intensities)) if intensities else None,
        "median_duration_s": float(np.median(durations)) if durations else None,
        "cramp_minutes_per_night": None if R == 0 else sum(durations) / 60 / R,
        "woke_fraction": ratio(sum(woke), len(woke)),
        "longest_cramp_free_streak": longest, "current_cramp_free_streak": run,
    }
    summary["cramp_free_fraction"] = ratio(summary["cramp_free_nights"], R)

    rolling = []
    for n in range_nights:
        window = [n - dt.timedelta(days=k) for k in range(7)]
        rolling.append(ratio(7 * sum(len(per_night.get(w, [])) for w in window), sum(w in recorded for w in window)))

    monday = start - dt.timedelta(days=start.weekday())
    weekly, x, y = [], [], []
    while monday <= end:
        week_nights = [monday + dt.timedelta(days=i) for i in range(7) if in_range(monday + dt.timedelta(days=i))]
        r = sum(n in recorded for n in week_nights)
        c = sum(len(per_night.get(n, [])) for n in week_nights)
        iso = monday.isocalendar()
        week_logs = [logs[n] for n in week_nights if n in logs]
        hours = [log["compression_hours"] for log in week_logs if log.get("compression_hours") is not None]
        weekly.append({"week": f"{iso[0]:04d}-W{iso[1]:02d}", "start": monday.isoformat(), "recorded_nights": r,
                       "cramps": c, "cramps_per_week": ratio(7 * c, r),
                       "compression_days": sum(h > 0 for h in hours),
                       "mean_compression_hours": float(np.mean(hours)) if hours else None})
        if r >= diary["options"]["min_nights"] and r > 0:
            x.append(float(len(weekly) - 1))
            y.append(7 * c / r)
        monday += dt.timedelta(days=7)

    trend = {"weeks_used": len(y)}
    if len(y) >= 4:
        fit = stats.theilslopes(y, x, 0.95)
        s, _, z, tau, p = mann_kendall(y)
        trend.update(slope=fit.slope, slope_low=fit.low_slope, slope_high=fit.high_slope, s=s, z=z, tau=tau,
                     p_value=p)
        trend["direction"] = ("improving" if p < 0.05 and fit.slope < 0 else
                              "worsening" if p < 0.05 and fit.slope > 0 else "stable")
    else:
        trend.update(slope=None, slope_low=None, slope_high=None, s=None, z=None, tau=None, p_value=None,
                     direction="insufficient data")

    exposures = ["compression"] + sorted({f"tag:{t}" for d, log in logs.items() if in_range(d)
                                          for t in log.get("tags", [])}) + diary["options"]["compare"]
    comparisons = {}
    for name in exposures:
        counts = [0, 0, 0, 0]  # t1, c1, t0, c0
        for n in range_nights:
            if n not in recorded:
                continue
            log = logs.get(n)
            if name == "compression":
                hours = None if log is None else log.get("compression_hours")
                exposed = None if hours is None else hours > 0
            elif name.startswith("tag:"):
                exposed = None if log is None else name[4:] in log.get("tags", [])
            else:
                exposed = n >= dt.date.fromisoformat(name[6:])
            if exposed is None:
                continue
            side = 0 if exposed else 2
            counts[side] += 1
            counts[side + 1] += len(per_night.get(n, []))
        t1, c1, t0, c0 = counts
        rr, low, high, p = rate_ratio(c1, t1, c0, t0)
        comparisons[name] = {"nights_exposed": t1, "cramps_exposed": c1, "rate_exposed": ratio(7 * c1, t1),
                             "nights_unexposed": t0, "cramps_unexposed": c0, "rate_unexposed": ratio(7 * c0, t0),
                             "rate_ratio": rr, "rate_ratio_low": low, "rate_ratio_high": high, "p_value": p,
                             "percent_change": None if rr is None else 100 * (rr - 1)}

    by_hour = [0] * 24
    for e in in_range_episodes:
        by_hour[dt.datetime.fromisoformat(e["onset"]).hour] += 1
    return {"summary": summary, "rolling": rolling, "weekly": weekly, "trend": trend, "comparisons": comparisons,
            "by_hour": by_hour}


def test_trend_reports_match_an_independent_implementation():
    diaries = [generate_diary(seed) for seed in range(DIARIES)]
    reports = run_tool("--tables", diaries)
    tally = Tally()
    for seed, (diary, got) in enumerate(zip(diaries, reports)):
        expected = expected_report(diary)
        for key, value in expected["summary"].items():
            tally.close(got["summary"][key], value, f"seed {seed} summary.{key}")
        assert len(got["nightly"]) == len(expected["rolling"])
        for row, value in zip(got["nightly"], expected["rolling"]):
            tally.close(row["rolling7_cramps_per_week"], value, f"seed {seed} {row['night']} rolling7")
        assert [w["week"] for w in got["weekly"]] == [w["week"] for w in expected["weekly"]], f"seed {seed}"
        for row, want in zip(got["weekly"], expected["weekly"]):
            for key, value in want.items():
                if isinstance(value, str):
                    assert row[key] == value, f"seed {seed} weekly {key}"
                else:
                    tally.close(row[key], value, f"seed {seed} {row['week']}.{key}")
        trend = expected["trend"]
        assert got["trend"]["direction"] == trend["direction"], f"seed {seed}"
        assert got["trend"]["s"] == trend["s"], f"seed {seed}"
        for key in ["weeks_used", "slope", "slope_low", "slope_high", "z", "tau", "p_value"]:
            tally.close(got["trend"][key], trend[key], f"seed {seed} trend.{key}")
        tally.cases["trend tests"] += trend["slope"] is not None
        assert set(got["comparisons"]) == set(expected["comparisons"]), f"seed {seed}"
        for name, want in expected["comparisons"].items():
            for key, value in want.items():
                tally.close(got["comparisons"][name][key], value, f"seed {seed} {name}.{key}")
            tally.cases["comparisons"] += 1
            tally.cases["comparisons with a p-value"] += want["p_value"] is not None
        assert got["by_hour"] == expected["by_hour"], f"seed {seed}"
        tally.cases["diaries"] += 1
    tally.report("trend reports vs an independent implementation")
    assert tally.cases["trend tests"] > 80 and tally.cases["comparisons with a p-value"] > 200
