"""The factor screen a researcher would otherwise run: SPEC section 6 written with the
standard library's sqlite3, pandas and statsmodels — the nights and day logs read from the
diary file, one design per factor and lag with the same night selection and skip rules,
statsmodels' NB2 by Newton's method in a loop (its Poisson GLM where the likelihood is
highest at α → 0), and Benjamini–Hochberg by `multipletests`.

It is the baseline of target 7 (bench/run.py) and is checked against Diary.factors()
there, so that the two sides compute the same numbers.
"""

from __future__ import annotations

import contextlib
import datetime
import math
import sqlite3
import time
import warnings

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests

# Each numeric factor with its unit (SPEC 6); tags come from the day logs.
NUMERIC = {"compression_hours": ("1 h", 1), "standing_hours": ("1 h", 1), "water_l": ("1 L", 1),
           "exercise_min": ("30 min", 30), "elevation_min": ("30 min", 30)}
MIN_NIGHTS, MIN_DISTINCT, MIN_EACH_SIDE = 28, 5, 5
Z95 = 1.959964


def read(path: str, start: datetime.date, end: datetime.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The recorded nights of start..end with their cramp counts and weeks since start, and
    the day logs of start − 1..end (lag 1 looks one day further back) with a 0/1 column per
    tag used in start..end."""
    nights_range = (str(start), str(end))
    days_range = (str(start - datetime.timedelta(days=1)), str(end))
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        counts = pd.read_sql_query("SELECT night, count(*) AS cramps FROM cramp WHERE night BETWEEN ? AND ? "
                                   "GROUP BY night", db, params=nights_range)
        checkins = pd.read_sql_query("SELECT night FROM night WHERE night BETWEEN ? AND ?", db, params=nights_range)
        days = pd.read_sql_query("SELECT day, " + ", ".join(NUMERIC) + " FROM day WHERE day BETWEEN ? AND ?", db,
                                 params=days_range)
        tags = pd.read_sql_query("SELECT day, tag FROM day_tag WHERE day BETWEEN ? AND ?", db, params=days_range)
    # A night is recorded when it has a check-in or an episode.
    recorded = pd.Index(pd.to_datetime(pd.concat([checkins["night"], counts["night"]]).unique())).sort_values()
    nights = pd.DataFrame(index=recorded)
    nights["cramps"] = counts.set_index(pd.to_datetime(counts["night"]))["cramps"].reindex(recorded, fill_value=0)
    nights["cramps"] = nights["cramps"].astype(float)
    nights["weeks"] = (recorded - pd.Timestamp(start)).days / 7
    days.index = pd.to_datetime(days.pop("day"))
    days = days.astype(float)
    tags["day"] = pd.to_datetime(tags["day"])
    used = sorted(tags.loc[tags["day"] >= pd.Timestamp(start), "tag"].unique())
    for tag in used:
        days[f"tag:{tag}"] = days.index.isin(tags.loc[tags["tag"] == tag, "day"]).astype(float)
    return nights, days


def fit_one(y: np.ndarray, x: np.ndarray, w: np.ndarray) -> tuple[float, float, float, float, float]:
    """β, its standard error, its p value, the trend coefficient and α of y ~ NB2 on [1, x, w]."""
    design = np.column_stack([np.ones_like(x), x, w])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # statsmodels warns on the way to α → 0
        fit = sm.NegativeBinomial(y, design, loglike_method="nb2").fit(method="newton", disp=0)
        alpha = fit.params[3]
        if not np.isfinite(alpha) or alpha < 1e-6:
            # The likelihood is highest at α → 0: the Poisson GLM, reported with α = 0.
            fit = sm.GLM(y, design, family=sm.families.Poisson()).fit()
            alpha = 0.0
    return fit.params[1], fit.bse[1], fit.pvalues[1], fit.params[2], alpha


def screen(nights: pd.DataFrame, days: pd.DataFrame) -> dict[str, object]:
    """The rows and the skipped models of SPEC 6 from the frames read()."""
    rows: list[dict[str, object]] = []
    skipped: list[dict[str, object]] = []
    for factor in days.columns:
        is_tag = factor.startswith("tag:")
        unit, unit_size = ("present", 1) if is_tag else NUMERIC[factor]
        for lag in (0, 1):
            # Night n takes the value of day log n − lag; nights without a known value are left out.
            x = days[factor].reindex(nights.index - pd.Timedelta(days=lag)).to_numpy()
            known = ~np.isnan(x)
            x = x[known]
            y = nights["cramps"].to_numpy()[known]
            w = nights["weeks"].to_numpy()[known]
            if len(x) < MIN_NIGHTS:
                skipped.append({"factor": factor, "lag": lag, "reason": f"{len(x)} nights"})
                continue
            if is_tag:
                with_tag = int((x == 1).sum())
                if with_tag < MIN_EACH_SIDE or len(x) - with_tag < MIN_EACH_SIDE:
                    skipped.append({"factor": factor, "lag": lag, "reason": f"{with_tag} nights with the tag"})
                    continue
            elif len(np.unique(x)) < MIN_DISTINCT:
                skipped.append({"factor": factor, "lag": lag, "reason": f"{len(np.unique(x))} distinct values"})
                continue
            beta, se, p, trend, alpha = fit_one(y, x, w)
            rows.append({"factor": factor, "lag": lag, "unit": unit, "unit_size": unit_size, "nights": len(x),
                         "rate_ratio": math.exp(beta * unit_size),
                         "rate_ratio_low": math.exp((beta - Z95 * se) * unit_size),
                         "rate_ratio_high": math.exp((beta + Z95 * se) * unit_size),
                         "p_value": p, "alpha": alpha, "trend_rate_ratio_per_week": math.exp(trend)})
    if rows:
        q = multipletests([row["p_value"] for row in rows], method="fdr_bh")[1]
        for row, q_value in zip(rows, q):
            row["q_value"] = float(q_value)
    rows.sort(key=lambda row: (row["p_value"], row["factor"], row["lag"]))
    return {"tested": len(rows), "rows": rows, "skipped": skipped}


def factors(path: str, start: datetime.date, end: datetime.date, timings: dict[str, float] | None = None) -> dict[str, object]:
    """The whole job: read, then screen. `timings` gets the seconds of each part."""
    started = time.perf_counter()
    nights, days = read(path, start, end)
    read_done = time.perf_counter()
    result = screen(nights, days)
    if timings is not None:
        timings["read"] = read_done - started
        timings["screen"] = time.perf_counter() - read_done
    return result


def check_same(ours: dict[str, object], theirs: dict[str, object]) -> tuple[list[str], float]:
    """The differences between Diary.factors() and this implementation (empty when they
    agree to 1e-4 relative), and the largest relative difference of any number in a row."""
    problems: list[str] = []
    worst = 0.0
    fitted = {(r["factor"], r["lag"]): r for r in ours["rows"]}
    theirs_fitted = {(r["factor"], r["lag"]): r for r in theirs["rows"]}
    reasons = {(s["factor"], s["lag"]): s["reason"] for s in ours["skipped"]}
    for factor, lag in sorted(set(theirs_fitted) - set(fitted)):
        problems.append(f"{factor} lag {lag} fitted by statsmodels only (legdiary: {reasons.get((factor, lag), 'absent')})")
    for factor, lag in sorted(set(fitted) - set(theirs_fitted)):
        problems.append(f"{factor} lag {lag} fitted by legdiary only")
    theirs_skipped = {(s["factor"], s["lag"]) for s in theirs["skipped"]}
    if set(reasons) - set(theirs_fitted) != theirs_skipped:
        problems.append(f"skipped: legdiary {sorted(reasons)}, statsmodels {sorted(theirs_skipped)}")
    if len(fitted) != len(theirs_fitted):
        return problems, worst  # q values differ when the number of fitted rows does
    for key in sorted(set(fitted) & set(theirs_fitted)):
        mine, other = fitted[key], theirs_fitted[key]
        if mine["nights"] != other["nights"]:
            problems.append(f"{key} nights: legdiary {mine['nights']}, statsmodels {other['nights']}")
        for name in ("rate_ratio", "rate_ratio_low", "rate_ratio_high", "p_value", "q_value", "alpha",
                     "trend_rate_ratio_per_week"):
            a, b = float(mine[name]), float(other[name])
            absolute = 1e-8 if name == "alpha" else 1e-10 if name in ("p_value", "q_value") else 0.0
            if not math.isclose(a, b, rel_tol=1e-4, abs_tol=absolute):
                problems.append(f"{key} {name}: legdiary {a!r}, statsmodels {b!r}")
            elif abs(a - b) > absolute:
                worst = max(worst, abs(a - b) / max(abs(a), abs(b)))
    if [(r["factor"], r["lag"]) for r in ours["rows"]] != [(r["factor"], r["lag"]) for r in theirs["rows"]]:
        problems.append("the rows are in another order")
    return problems, worst
