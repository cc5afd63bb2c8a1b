"""The trends a user would otherwise compute with pandas: a straightforward implementation
of SPEC section 3's summary, nightly rolling rate, weekly series and compression
comparison, reading the same diary file through the standard library's sqlite3.

It is the baseline of target 3 (bench/run.py) and is checked against Diary.trends() there,
so that the two sides compute the same numbers.
"""

from __future__ import annotations

import datetime
import sqlite3

import numpy as np
import pandas as pd
from scipy import stats

SYMPTOMS = ("heaviness", "aching", "throbbing", "burning", "itching", "restless_legs", "tingling", "swelling_feeling")


def read(path: str, start: datetime.date, end: datetime.date) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Episodes, night records and day logs of nights start-6..end (the rolling window looks back)."""
    window = (str(start - datetime.timedelta(days=6)), str(end))
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        episodes = pd.read_sql_query(
            "SELECT night, duration_s, intensity, woke FROM cramp WHERE night BETWEEN ? AND ?", db, params=window
        )
        nights = pd.read_sql_query("SELECT night FROM night WHERE night BETWEEN ? AND ?", db, params=window)
        days = pd.read_sql_query(
            "SELECT day, compression_hours, swelling_grade, " + ", ".join(SYMPTOMS) + " FROM day WHERE day BETWEEN ? AND ?",
            db,
            params=(str(start), str(end)),
        )
    episodes["night"] = pd.to_datetime(episodes["night"])
    nights["night"] = pd.to_datetime(nights["night"])
    days["day"] = pd.to_datetime(days["day"])
    return episodes, nights, days


def trends(path: str, start: datetime.date, end: datetime.date) -> dict[str, object]:
    episodes, nights, days = read(path, start, end)
    first, last = pd.Timestamp(start), pd.Timestamp(end)

    # One row per night from the rolling window's start to the end.
    calendar = pd.date_range(first - pd.Timedelta(days=6), last, freq="D")
    per_night = episodes.groupby("night").agg(cramps=("duration_s", "size"), seconds=("duration_s", "sum"))
    nightly = pd.DataFrame(index=calendar)
    nightly["cramps"] = per_night["cramps"].reindex(calendar, fill_value=0)
    nightly["seconds"] = per_night["seconds"].reindex(calendar, fill_value=0)
    nightly["recorded"] = nightly.index.isin(nights["night"]) | (nightly["cramps"] > 0)
    recorded_cramps = nightly["cramps"].where(nightly["recorded"], 0)
    window_cramps = recorded_cramps.rolling(7, min_periods=1).sum()
    window_nights = nightly["recorded"].astype(int).rolling(7, min_periods=1).sum()
    nightly["rolling7_cramps_per_week"] = (7 * window_cramps / window_nights).where(window_nights > 0)
    nightly = nightly.loc[first:last]
    in_range = episodes[(episodes["night"] >= first) & (episodes["night"] <= last)]

    # Summary.
    recorded = nightly["recorded"]
    cramp_free = recorded & (nightly["cramps"] == 0)
    runs = cramp_free.groupby((~cramp_free).cumsum()).cumsum()
    r = int(recorded.sum())
    c = int(nightly["cramps"].sum())
    woke = in_range["woke"].dropna()
    summary = {
        "nights": len(nightly),
        "recorded_nights": r,
        "adherence": r / len(nightly),
        "cramps": c,
        "cramps_per_week": 7 * c / r if r else None,
        "cramp_free_nights": int(cramp_free.sum()),
        "cramp_free_fraction": cramp_free.sum() / r if r else None,
        "mean_intensity": in_range["intensity"].mean(),
        "median_duration_s": in_range["duration_s"].median(),
        "cramp_minutes_per_night": in_range["duration_s"].sum() / 60 / r if r else None,
        "woke_fraction": (woke == 1).mean() if len(woke) else None,
        "longest_cramp_free_streak": int(runs.max()) if len(runs) else 0,
        "current_cramp_free_streak": int(runs.iloc[-1]) if len(runs) else 0,
    }

    # Weekly series: ISO weeks by their Monday.
    nightly["monday"] = nightly.index - pd.to_timedelta(nightly.index.dayofweek, unit="D")
    in_range = in_range.assign(monday=in_range["night"] - pd.to_timedelta(in_range["night"].dt.dayofweek, unit="D"))
    days = days.assign(monday=days["day"] - pd.to_timedelta(days["day"].dt.dayofweek, unit="D"))
    weekly = pd.DataFrame(
        {
            "recorded_nights": recorded.groupby(nightly["monday"]).sum(),
            "cramps": nightly["cramps"].groupby(nightly["monday"]).sum(),
            "cramp_free_nights": cramp_free.groupby(nightly["monday"]).sum(),
        }
    )
    weekly["cramps_per_week"] = (7 * weekly["cramps"] / weekly["recorded_nights"]).where(weekly["recorded_nights"] > 0)
    by_week = in_range.groupby("monday")
    weekly["mean_intensity"] = by_week["intensity"].mean()
    weekly["median_duration_s"] = by_week["duration_s"].median()
    day_weeks = days.groupby("monday")
    weekly["mean_swelling_grade"] = day_weeks["swelling_grade"].mean()
    weekly["compression_days"] = (days["compression_hours"] > 0).groupby(days["monday"]).sum()
    weekly["compression_days"] = weekly["compression_days"].fillna(0).astype(int)
    weekly["mean_compression_hours"] = day_weeks["compression_hours"].mean()
    for name in SYMPTOMS:
        weekly[name] = day_weeks[name].mean()

    # Compression comparison: night D exposed when day D's compression_hours > 0.
    hours = days.set_index("day")["compression_hours"].reindex(nightly.index)
    split = nightly[recorded & hours.notna()]
    exposed = hours[split.index] > 0
    t1, c1 = int(exposed.sum()), int(split["cramps"][exposed].sum())
    t0, c0 = int((~exposed).sum()), int(split["cramps"][~exposed].sum())
    comparison: dict[str, object] = {"nights_exposed": t1, "cramps_exposed": c1, "nights_unexposed": t0,
                                     "cramps_unexposed": c0, "rate_ratio": None, "p_value": None}
    if t1 and t0 and c0:
        comparison["rate_ratio"] = (c1 / t1) / (c0 / t0)
    if t1 and t0 and c1 + c0:
        comparison["p_value"] = stats.binomtest(c1, c1 + c0, t1 / (t1 + t0)).pvalue
    return {"summary": summary, "nightly": nightly, "weekly": weekly, "compression": comparison}


def check_same(ours: dict[str, object], theirs: dict[str, object]) -> list[str]:
    """The differences between Diary.trends() and this implementation (empty when they agree)."""
    problems: list[str] = []

    def same(name: str, a: object, b: object) -> None:
        if a is None or (isinstance(a, float) and np.isnan(a)):
            a = None
        if b is None or (isinstance(b, float) and np.isnan(b)):
            b = None
        if (a is None) != (b is None) or (a is not None and not np.isclose(float(a), float(b), rtol=1e-9, atol=1e-12)):
            problems.append(f"{name}: legdiary {a!r}, pandas {b!r}")

    for key, value in theirs["summary"].items():
        same(f"summary.{key}", ours["summary"][key], value)
    nightly = theirs["nightly"]
    rolling = np.array([row["rolling7_cramps_per_week"] if row["rolling7_cramps_per_week"] is not None else np.nan
                        for row in ours["nightly"]])
    if not np.allclose(rolling, nightly["rolling7_cramps_per_week"].to_numpy(), equal_nan=True, rtol=1e-9):
        problems.append("nightly.rolling7_cramps_per_week differs")
    weekly = theirs["weekly"]
    if len(weekly) != len(ours["weekly"]):
        problems.append(f"weekly: {len(ours['weekly'])} weeks, pandas {len(weekly)}")
    else:
        for column in ("recorded_nights", "cramps", "cramps_per_week", "cramp_free_nights", "mean_intensity",
                       "median_duration_s", "mean_swelling_grade", "compression_days", "mean_compression_hours"):
            mine = np.array([np.nan if row[column] is None else row[column] for row in ours["weekly"]], dtype=float)
            if not np.allclose(mine, weekly[column].to_numpy(dtype=float), equal_nan=True, rtol=1e-9):
                problems.append(f"weekly.{column} differs")
        for name in SYMPTOMS:
            mine = np.array([np.nan if row["symptoms"][name] is None else row["symptoms"][name]
                             for row in ours["weekly"]], dtype=float)
            if not np.allclose(mine, weekly[name].to_numpy(dtype=float), equal_nan=True, rtol=1e-9):
                problems.append(f"weekly.symptoms.{name} differs")
    compression = ours["comparisons"]["compression"]
    for key, value in theirs["compression"].items():
        same(f"compression.{key}", compression[key], value)
    return problems
