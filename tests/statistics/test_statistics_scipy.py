"""Cross-check of the C++ trends and statistics against an independent implementation.

The C++ side is driven through the test tool ``legdiary_trends_json`` (path in the
environment variable ``LEGDIARY_TRENDS_JSON``). This file recomputes everything from the
raw generated entries with the standard library, numpy and scipy: night assignment, ISO
weeks, the summary, the weekly rates and which of them enter the trend test, ``scipy.stats.theilslopes``
(its intercept with ``method="joint"``, the definition of ``TrendTest::intercept``), a direct Mann–Kendall,
``scipy.stats.binomtest`` and ``scipy.stats.beta.ppf`` for the rate-ratio interval, and
statsmodels' Poisson GLM with ``cov_type="HAC", cov_kwds={"maxlags": 7}`` for the robust
numbers of every comparison (SPEC 3 "Comparisons when nights cluster"). Every number must
agree to 1e-9 relative, the robust ones (an iterative fit on each side) to 1e-6.

Two paths are checked: ``compute_trends`` on generated tables (``--tables``), and the whole
store — a subset of the generated diaries is written into real diary files through the
``legdiary`` command-line logger (``init --night-boundary H`` and ``import`` of the CSV files of
SPEC section 4, path in ``LEGDIARY_CLI``, default ``build/examples/cli/legdiary``) and read back
by ``Diary::trends`` (``--db``).

Run:  LEGDIARY_TRENDS_JSON=build/tests/tools/legdiary_trends_json \
      python -m pytest -s tests/statistics/test_statistics_scipy.py
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import subprocess
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

np = pytest.importorskip("numpy")
stats = pytest.importorskip("scipy.stats")
sm = pytest.importorskip("statsmodels.api")

TOOL = os.environ.get("LEGDIARY_TRENDS_JSON")
pytestmark = pytest.mark.skipif(
    not TOOL,
    reason="set LEGDIARY_TRENDS_JSON to the legdiary_trends_json test tool "
    "(build/tests/tools/legdiary_trends_json) to cross-check the C++ statistics against scipy",
)

CLI = os.environ.get("LEGDIARY_CLI", str(Path(__file__).resolve().parents[2] / "build/examples/cli/legdiary"))

RELATIVE = 1e-9
ROBUST_RELATIVE = 1e-6  # the robust numbers: IRLS here and in statsmodels stop at different steps
ROBUST_KEYS = ("dispersion", "robust_rate_ratio_low", "robust_rate_ratio_high", "robust_p_value")
DIARIES = 300
VARIANTS = 60  # further diaries with a night boundary other than 12 and real time-zone offsets (DST nights)
STORE_DIARIES = 20
RATE_PAIRS = 3000
SERIES = 600
TAGS = ["magnesium", "long-flight", "stretching"]
LEGS = ["left", "right", "both"]
MUSCLES = ["calf", "foot", "toes", "thigh", "hamstring", "shin", "other"]
SYMPTOMS = ["heaviness", "aching", "throbbing", "burning", "itching", "restless_legs", "tingling", "swelling_feeling"]


class Tally:
    """Counts the numbers compared and keeps the largest relative difference seen."""

    def __init__(self) -> None:
        self.values = 0  # non-null numbers compared
        self.nulls = 0  # values checked to be null on both sides
        self.cases = defaultdict(int)
        self.largest = 0.0
        self.where = ""

    def close(self, got, expected, what: str, tolerance: float = RELATIVE) -> None:
        if expected is None or (isinstance(expected, float) and math.isnan(expected)):
            assert got is None, f"{what}: C++ {got!r}, expected null"
            self.nulls += 1
            return
        assert got is not None, f"{what}: C++ null, expected {expected!r}"
        assert not isinstance(got, (str, bool)), f"{what}: C++ {got!r}, expected the number {expected!r}"
        self.values += 1
        expected = float(expected)
        got = float(got)
        if got == expected or (what.endswith(".dispersion") and max(abs(got), abs(expected)) < 1e-20):
            return  # a dispersion of 0 (every night on its side's rate) is rounding noise on both sides
        difference = abs(got - expected) / max(abs(got), abs(expected))
        if difference > self.largest:
            self.largest, self.where = difference, what
        assert difference <= tolerance, f"{what}: C++ {got!r}, reference {expected!r} (relative {difference:.3g})"

    def report(self, title: str) -> None:
        cases = ", ".join(f"{count} {name}" for name, count in sorted(self.cases.items()))
        print(f"\n{title}: {cases}; {self.values} numbers compared ({self.nulls} null checks besides); largest relative difference "
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


def robust_numbers(y: list[int], x: list[int]) -> dict:
    """SPEC 3's robust numbers from statsmodels: Poisson GLM of y on [1, x] in night order,
    Newey–West covariance with 7 lags; null when a side has no cramps or n <= 2, and the
    interval and p null where the robust standard error is 0 (nothing to say how certain)."""
    c1 = sum(c for c, e in zip(y, x) if e)
    c0 = sum(c for c, e in zip(y, x) if not e)
    if c1 == 0 or c0 == 0 or len(y) <= 2:
        return dict.fromkeys(ROBUST_KEYS)
    X = np.column_stack([np.ones(len(x)), np.asarray(x, dtype=float)])
    fit = sm.GLM(np.asarray(y, dtype=float), X, family=sm.families.Poisson()).fit(
        cov_type="HAC", cov_kwds={"maxlags": 7}, tol=1e-13)
    result = {"dispersion": fit.pearson_chi2 / fit.df_resid}
    beta, se = fit.params[1], fit.bse[1]
    if not (se > 1e-12 * max(1.0, abs(beta)) and math.isfinite(se)):
        return result | dict.fromkeys(ROBUST_KEYS[1:])
    return result | {"robust_rate_ratio_low": math.exp(beta - 1.959964 * se),
                     "robust_rate_ratio_high": math.exp(beta + 1.959964 * se),
                     "robust_p_value": 2 * stats.norm.sf(abs(beta / se))}


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
        # The intercept of TheilSen/TrendTest is median(y − slope·x): scipy's method="joint"
        # (its default, "separate", is median(y) − slope·median(x), another line).
        tally.close(got["intercept"], stats.theilslopes(y, x, 0.95, method="joint").intercept, what + " intercept")
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


ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney"]


def zone_offset(local: dt.datetime, zone: ZoneInfo, fold: int = 0) -> int | None:
    """The UTC offset in minutes of a local wall-clock time in a zone; None when it does not exist (DST gap)."""
    aware = local.replace(tzinfo=zone, fold=fold)
    if aware.astimezone(dt.timezone.utc).astimezone(zone).replace(tzinfo=None) != local:
        return None
    return int(aware.utcoffset().total_seconds()) // 60


def iso_with_offset(local: dt.datetime, offset: int) -> str:
    sign = "+" if offset >= 0 else "-"
    return local.isoformat() + f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


def generate_variant(seed: int) -> dict:
    """A generated diary with another night boundary hour and the real offsets of a time zone.

    The offsets follow the zone's DST rules (a fold takes the earlier instant, a local time in a gap
    moves an hour on), and on every DST change near the range two episodes straddle the change:
    the same wall-clock time twice in a fold, the last time before and the first after a gap.
    """
    diary = generate_diary(seed)
    rng = np.random.default_rng(seed + 1_000_000)  # apart from generate_diary's stream
    diary["night_boundary_hour"] = int(rng.choice([0, 3, 6, 12, 18, 20, 23]))
    for episode in diary["episodes"]:  # some onsets at any hour, so that every boundary hour matters
        if rng.random() < 0.3:
            onset = dt.datetime.fromisoformat(episode["onset"])
            episode["onset"] = onset.replace(hour=int(rng.integers(0, 24))).isoformat()
    name = ZONES[seed % len(ZONES)] if seed % 4 else None
    if name is None:
        return diary
    diary["zone"] = name
    zone = ZoneInfo(name)
    episodes = []
    for episode in diary["episodes"]:
        local = dt.datetime.fromisoformat(episode["onset"]).replace(tzinfo=None)
        offset = zone_offset(local, zone)
        if offset is None:
            local += dt.timedelta(hours=1)
            offset = zone_offset(local, zone)
        episodes.append({**episode, "onset": iso_with_offset(local, offset)})
    first = dt.date.fromisoformat(diary["range"]["from"]) - dt.timedelta(days=10)
    last = dt.date.fromisoformat(diary["range"]["to"]) + dt.timedelta(days=3)
    day = first
    while day <= last:
        midnight = dt.datetime.combine(day, dt.time())
        if zone_offset(midnight, zone) != zone_offset(midnight + dt.timedelta(days=1), zone):
            times = [midnight + dt.timedelta(minutes=15 * k) for k in range(96)]
            pair = []
            for t in times:
                if zone_offset(t, zone, 0) is not None and zone_offset(t, zone, 0) != zone_offset(t, zone, 1):
                    pair = [(t, zone_offset(t, zone, 0)), (t, zone_offset(t, zone, 1))]  # fold
                    break
                if zone_offset(t, zone) is None:  # gap: the last time before it and the first after
                    before = t - dt.timedelta(minutes=15)
                    after = next(u for u in times if u > t and zone_offset(u, zone) is not None)
                    pair = [(before, zone_offset(before, zone)), (after, zone_offset(after, zone))]
                    break
            for local, offset in pair:
                episodes.append({"onset": iso_with_offset(local + dt.timedelta(minutes=int(rng.integers(0, 10))),
                                                          offset),
                                 "duration_s": int(rng.integers(1, 400)), "leg": LEGS[int(rng.integers(0, 3))],
                                 "muscle": MUSCLES[int(rng.integers(0, 7))],
                                 "intensity": None if rng.random() < 0.3 else int(rng.integers(0, 11)),
                                 "woke": None if rng.random() < 0.3 else bool(rng.random() < 0.6)})
            diary["dst_days"] = diary.get("dst_days", []) + [day.isoformat()]
        day += dt.timedelta(days=1)
    diary["episodes"] = episodes
    return diary


def utc_interval(episode: dict) -> tuple[dt.datetime, dt.datetime]:
    onset = dt.datetime.fromisoformat(episode["onset"]).astimezone(dt.timezone.utc)
    return onset, onset + dt.timedelta(seconds=episode["duration_s"])


def without_overlaps(diary: dict) -> dict:
    """The diary minus episodes the store refuses (SPEC 1: overlapping on one leg, `both` counting as each)."""
    kept = []
    for episode in diary["episodes"]:
        start, end = utc_interval(episode)
        legs = {"left", "right"} if episode["leg"] == "both" else {episode["leg"]}
        clash = False
        for other in kept:
            other_legs = {"left", "right"} if other["leg"] == "both" else {other["leg"]}
            other_start, other_end = utc_interval(other)
            if legs & other_legs and start < other_end and other_start < end:
                clash = True
                break
        if not clash:
            kept.append(episode)
    return {**diary, "episodes": kept}


def local_night(onset: str, boundary: int) -> dt.date:
    """SPEC 1: an instant with local time t belongs to night date(t − H hours)."""
    return (dt.datetime.fromisoformat(onset).replace(tzinfo=None) - dt.timedelta(hours=boundary)).date()


def mean_or_none(values) -> float | None:
    return float(np.mean(values)) if values else None


def calf_difference(left: float, right: float) -> tuple[bool, float]:
    """Whether two calf circumferences differ by ≥ 3.0 cm, judged on the decimal values as written, and |diff|."""
    return abs(Decimal(repr(left)) - Decimal(repr(right))) >= Decimal("3.0"), abs(left - right)


def expected_report(diary: dict) -> dict:
    """Everything SPEC 3 defines, recomputed from the raw entries."""
    start = dt.date.fromisoformat(diary["range"]["from"])
    end = dt.date.fromisoformat(diary["range"]["to"])
    boundary = diary.get("night_boundary_hour", 12)
    in_range = lambda d: start <= d <= end  # noqa: E731
    per_night = defaultdict(list)
    for episode in diary["episodes"]:
        per_night[local_night(episode["onset"], boundary)].append(episode)
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

    nightly = []
    for n in range_nights:
        window = [n - dt.timedelta(days=k) for k in range(7)]
        episodes = per_night.get(n, [])
        scores = [e["intensity"] for e in episodes if e["intensity"] is not None]
        nightly.append({
            "night": n.isoformat(), "recorded": n in recorded, "cramps": len(episodes),
            "cramp_seconds": sum(e["duration_s"] for e in episodes), "max_intensity": max(scores) if scores else None,
            "rolling7_cramps_per_week": ratio(7 * sum(len(per_night.get(w, [])) for w in window if w in recorded),
                                              sum(w in recorded for w in window))})

    monday = start - dt.timedelta(days=start.weekday())
    weekly, x, y = [], [], []
    while monday <= end:
        week_nights = [monday + dt.timedelta(days=i) for i in range(7) if in_range(monday + dt.timedelta(days=i))]
        r = sum(n in recorded for n in week_nights)
        c = sum(len(per_night.get(n, [])) for n in week_nights)
        week_episodes = [e for n in week_nights for e in per_night.get(n, [])]
        week_scores = [e["intensity"] for e in week_episodes if e["intensity"] is not None]
        iso = monday.isocalendar()
        week_logs = [logs[n] for n in week_nights if n in logs]
        hours = [log["compression_hours"] for log in week_logs if log.get("compression_hours") is not None]
        grades = [log["swelling_grade"] for log in week_logs if log.get("swelling_grade") is not None]
        weekly.append({"week": f"{iso[0]:04d}-W{iso[1]:02d}", "start": monday.isoformat(), "recorded_nights": r,
                       "cramps": c, "cramps_per_week": ratio(7 * c, r),
                       "cramp_free_nights": sum(n in recorded and not per_night.get(n) for n in week_nights),
                       "mean_intensity": mean_or_none(week_scores),
                       "median_duration_s": float(np.median([e["duration_s"] for e in week_episodes]))
                       if week_episodes else None,
                       "mean_swelling_grade": mean_or_none(grades),
                       "compression_days": sum(h > 0 for h in hours),
                       "mean_compression_hours": mean_or_none(hours),
                       "symptoms": {item: mean_or_none([log["symptoms"][item] for log in week_logs
                                                        if log.get("symptoms", {}).get(item) is not None])
                                    for item in SYMPTOMS}})
        weekly[-1]["in_trend"] = r >= diary["options"]["min_nights"] and r > 0
        if weekly[-1]["in_trend"]:
            x.append(float(len(weekly) - 1))
            y.append(7 * c / r)
        monday += dt.timedelta(days=7)

    trend = {"weeks_used": len(y)}
    if len(y) >= 4:
        fit = stats.theilslopes(y, x, 0.95)
        s, _, z, tau, p = mann_kendall(y)
        trend.update(slope=fit.slope, slope_low=fit.low_slope, slope_high=fit.high_slope, s=s, z=z, tau=tau,
                     p_value=p, intercept=stats.theilslopes(y, x, 0.95, method="joint").intercept)
        trend["direction"] = ("improving" if p < 0.05 and fit.slope < 0 else
                              "worsening" if p < 0.05 and fit.slope > 0 else "stable")
    else:
        trend.update(slope=None, slope_low=None, slope_high=None, s=None, z=None, tau=None, p_value=None,
                     intercept=None, direction="insufficient data")

    exposures = ["compression"] + sorted({f"tag:{t}" for d, log in logs.items() if in_range(d)
                                          for t in log.get("tags", [])}) + diary["options"]["compare"]
    comparisons = {}
    for name in exposures:
        counts = [0, 0, 0, 0]  # t1, c1, t0, c0
        y, x = [], []  # the included nights in night order, for the robust numbers
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
            y.append(len(per_night.get(n, [])))
            x.append(int(exposed))
        t1, c1, t0, c0 = counts
        rr, low, high, p = rate_ratio(c1, t1, c0, t0)
        comparisons[name] = {"nights_exposed": t1, "cramps_exposed": c1, "rate_exposed": ratio(7 * c1, t1),
                             "nights_unexposed": t0, "cramps_unexposed": c0, "rate_unexposed": ratio(7 * c0, t0),
                             "rate_ratio": rr, "rate_ratio_low": low, "rate_ratio_high": high, "p_value": p,
                             "percent_change": None if rr is None else 100 * (rr - 1)} | robust_numbers(y, x)

    by_hour = [0] * 24
    for e in in_range_episodes:
        by_hour[dt.datetime.fromisoformat(e["onset"]).hour] += 1
    by_leg = {leg: sum(e["leg"] == leg for e in in_range_episodes) for leg in LEGS}
    by_muscle = {muscle: sum(e.get("muscle", "calf") == muscle for e in in_range_episodes) for muscle in MUSCLES}

    alerts = []  # from the day logs dated inside the range
    for day in sorted(d for d in logs if in_range(d)):
        log = logs[day]
        left, right = log.get("calf_left_cm"), log.get("calf_right_cm")
        if left is not None and right is not None:
            raised, difference = calf_difference(left, right)
            if raised:
                alerts.append({"kind": "calf_asymmetry", "day": day.isoformat(), "left_cm": left, "right_cm": right,
                               "difference_cm": difference})
        if log.get("ulcer") is True:
            alerts.append({"kind": "ulcer", "day": day.isoformat()})
    return {"range": diary["range"], "summary": summary, "nightly": nightly, "weekly": weekly, "trend": trend,
            "comparisons": comparisons, "by_hour": by_hour, "by_leg": by_leg, "by_muscle": by_muscle,
            "alerts": alerts}


def compare_reports(got: dict, expected: dict, tally: Tally, label: str) -> None:
    """Every number of one C++ report against the independent one."""
    assert got["range"] == expected["range"], label
    for key, value in expected["summary"].items():
        tally.close(got["summary"][key], value, f"{label} summary.{key}")

    assert [row["night"] for row in got["nightly"]] == [row["night"] for row in expected["nightly"]], label
    for row, want in zip(got["nightly"], expected["nightly"]):
        assert row["recorded"] is want["recorded"], f"{label} {row['night']}.recorded"
        for key in ["cramps", "cramp_seconds", "max_intensity", "rolling7_cramps_per_week"]:
            tally.close(row[key], want[key], f"{label} {row['night']}.{key}")

    assert [w["week"] for w in got["weekly"]] == [w["week"] for w in expected["weekly"]], label
    for row, want in zip(got["weekly"], expected["weekly"]):
        for key, value in want.items():
            what = f"{label} {row['week']}.{key}"
            if isinstance(value, (str, bool)):
                assert row[key] == value, what
            elif isinstance(value, dict):
                assert set(row[key]) == set(value), what
                for item, mean in value.items():
                    tally.close(row[key][item], mean, f"{what}.{item}")
            else:
                tally.close(row[key], value, what)

    trend = expected["trend"]
    assert got["trend"]["direction"] == trend["direction"], label
    assert got["trend"]["s"] == trend["s"], label
    for key in ["weeks_used", "slope", "slope_low", "slope_high", "z", "tau", "p_value", "intercept"]:
        tally.close(got["trend"][key], trend[key], f"{label} trend.{key}")
    tally.cases["trend tests"] += trend["slope"] is not None

    assert set(got["comparisons"]) == set(expected["comparisons"]), label
    for name, want in expected["comparisons"].items():
        for key, value in want.items():
            tolerance = ROBUST_RELATIVE if key in ROBUST_KEYS else RELATIVE
            tally.close(got["comparisons"][name][key], value, f"{label} {name}.{key}", tolerance)
        tally.cases["comparisons"] += 1
        tally.cases["comparisons with a p-value"] += want["p_value"] is not None
        tally.cases["comparisons with a robust interval"] += want["robust_p_value"] is not None

    assert got["by_hour"] == expected["by_hour"], label
    for distribution in ["by_leg", "by_muscle"]:
        assert set(got[distribution]) == set(expected[distribution]), f"{label} {distribution} keys"
        for key, count in expected[distribution].items():
            tally.close(got[distribution][key], count, f"{label} {distribution}.{key}")

    order = lambda alert: (alert["day"], alert["kind"])  # noqa: E731  (SPEC 3 fixes no order)
    got_alerts, want_alerts = sorted(got["alerts"], key=order), sorted(expected["alerts"], key=order)
    assert [order(a) for a in got_alerts] == [order(a) for a in want_alerts], f"{label} alerts"
    for alert, want in zip(got_alerts, want_alerts):
        what = f"{label} alert {want['kind']} {want['day']}"
        message = alert["message"]
        assert want["day"] in message, f"{what}: the message does not name the date: {message!r}"
        if want["kind"] == "calf_asymmetry":
            for key in ["left_cm", "right_cm", "difference_cm"]:
                tally.close(alert[key], want[key], f"{what}.{key}")
            for key in ["left_cm", "right_cm", "difference_cm"]:  # humans see the values rounded
                assert f"{want[key]:.1f}" in message, f"{what}: the message does not give {key}: {message!r}"
        tally.cases[f"{want['kind']} alerts"] += 1


def all_diaries() -> list[dict]:
    return [generate_diary(seed) for seed in range(DIARIES)] + \
        [generate_variant(seed) for seed in range(DIARIES, DIARIES + VARIANTS)]


def test_trend_reports_match_an_independent_implementation():
    diaries = all_diaries()
    reports = run_tool("--tables", diaries)
    tally = Tally()
    for seed, (diary, got) in enumerate(zip(diaries, reports)):
        compare_reports(got, expected_report(diary), tally, f"seed {seed}")
        tally.cases["diaries"] += 1
        tally.cases["diaries with night boundary != 12"] += diary.get("night_boundary_hour", 12) != 12
        tally.cases["diaries with DST changes"] += bool(diary.get("dst_days"))
    tally.report("trend reports vs an independent implementation")
    assert tally.cases["trend tests"] > 80 and tally.cases["comparisons with a p-value"] > 200
    assert tally.cases["comparisons with a robust interval"] > 150
    assert tally.cases["calf_asymmetry alerts"] > 50 and tally.cases["ulcer alerts"] > 20


# ---------------------------------------------------------------- the whole path through the store

def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    cell = lambda v: "" if v is None else ("true" if v else "false") if isinstance(v, bool) else str(v)  # noqa: E731
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([[cell(v) for v in row] for row in rows])


def write_diary_csv(diary: dict, folder: Path) -> list[Path]:
    """The diary as the cramps / nights / days CSV files of SPEC section 4."""
    folder.mkdir(parents=True)
    cramps, nights, days = folder / "cramps.csv", folder / "nights.csv", folder / "days.csv"
    write_csv(cramps, ["onset", "duration_s", "leg", "muscle", "intensity", "woke"],
              [[e["onset"], e["duration_s"], e["leg"], e["muscle"], e["intensity"], e["woke"]]
               for e in diary["episodes"]])
    write_csv(nights, ["night"], [[night] for night in diary["nights"]])
    columns = ["compression_hours", "swelling_grade", "calf_left_cm", "calf_right_cm", "ulcer"]
    write_csv(days, ["day", *columns, *SYMPTOMS, "tags"],
              [[log["day"], *(log.get(c) for c in columns), *(log.get("symptoms", {}).get(s) for s in SYMPTOMS),
                ";".join(log.get("tags", [])) or None] for log in diary["days"]])
    return [cramps, nights, days]


def pick_store_diaries(diaries: list[dict]) -> list[tuple[int, dict]]:
    """A mixed subset: short, medium and long diaries, other night boundaries, DST changes."""
    length = lambda d: (dt.date.fromisoformat(d["range"]["to"]) - dt.date.fromisoformat(d["range"]["from"])).days + 1  # noqa: E731
    wanted = [  # (what, test, how many)
        ("short", lambda s, d: s < DIARIES and length(d) <= 7, 3),
        ("medium", lambda s, d: s < DIARIES and 8 <= length(d) <= 60, 3),
        ("long", lambda s, d: s < DIARIES and length(d) > 60, 2),
        ("boundary, no zone", lambda s, d: s >= DIARIES and "zone" not in d and d["night_boundary_hour"] != 12
         and len(d["episodes"]) >= 10, 3),
        ("DST, boundary 12", lambda s, d: bool(d.get("dst_days")) and d["night_boundary_hour"] == 12, 2),
        ("DST, short", lambda s, d: bool(d.get("dst_days")) and length(d) <= 30, 3),
        ("DST, other boundary", lambda s, d: bool(d.get("dst_days")) and d["night_boundary_hour"] != 12
         and len(d["episodes"]) >= 10, 4),
    ]
    picked: dict[int, dict] = {}
    for what, test, count in wanted:
        found = [seed for seed, diary in enumerate(diaries) if seed not in picked and test(seed, diary)][:count]
        assert len(found) == count, f"the generator made too few {what} diaries for the store check"
        picked.update((seed, diaries[seed]) for seed in found)
    assert len(picked) == STORE_DIARIES
    return sorted(picked.items())


def test_trend_reports_through_the_store_match_an_independent_implementation(tmp_path):
    assert os.access(CLI, os.X_OK), f"the legdiary command-line logger is missing: {CLI} (set LEGDIARY_CLI)"
    env = {**os.environ, "LEGDIARY_NOW": "2099-01-01T00:00:00+00:00"}
    env.pop("LEGDIARY_DB", None)
    tally = Tally()
    for seed, generated in pick_store_diaries(all_diaries()):
        diary = without_overlaps(generated)
        label = f"store seed {seed}"
        db = tmp_path / f"diary-{seed}.db"
        boundary = diary.get("night_boundary_hour", 12)
        for command in [["init", "--night-boundary", str(boundary)],
                        ["import", *map(str, write_diary_csv(diary, tmp_path / f"csv-{seed}"))]]:
            done = subprocess.run([CLI, "--db", str(db), *command], capture_output=True, text=True, env=env,
                                  check=False)
            assert done.returncode == 0 and not done.stderr, f"{label}: legdiary {command[0]}: {done.stderr}"
        arguments = ["--db", str(db), "--from", diary["range"]["from"], "--to", diary["range"]["to"],
                     "--min-nights", str(diary["options"]["min_nights"])]
        for exposure in diary["options"]["compare"]:
            arguments += ["--compare", exposure]
        done = subprocess.run([TOOL, *arguments], capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, f"{label}: {done.stderr}"
        compare_reports(json.loads(done.stdout), expected_report(diary), tally, label)
        tally.cases["diary files"] += 1
        tally.cases["episodes stored"] += len(diary["episodes"])
        tally.cases["overlapping episodes left out"] += len(generated["episodes"]) - len(diary["episodes"])
        tally.cases["files with night boundary != 12"] += boundary != 12
        tally.cases["files with DST changes"] += bool(diary.get("dst_days"))
        tally.cases["DST-change nights with cramps"] += sum(
            any(local_night(e["onset"], boundary) in {dt.date.fromisoformat(d) - dt.timedelta(days=k) for k in (0, 1)}
                for e in diary["episodes"]) for d in diary.get("dst_days", []))
    tally.report("trend reports from diary files (legdiary import, Diary::trends) vs an independent implementation")
    assert tally.cases["diary files"] == STORE_DIARIES and tally.cases["DST-change nights with cramps"] >= 5
