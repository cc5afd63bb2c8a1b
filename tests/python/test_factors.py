"""Diary.factors: the factor screen of SPEC 6 from Python — the CLI's `factors --json`
object with dates as datetime.date, the numbers of an independent NB2 fit, wrong arguments
refused by name with nothing written."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import numpy as np
import pytest

import legdiary
from python_support import CET, cli_json, jsonable

FIRST = dt.date(2026, 8, 3)
NIGHTS = 84
LAST = FIRST + dt.timedelta(days=NIGHTS - 1)


def fill_screen(diary: legdiary.Diary) -> dict[str, np.ndarray]:
    """Twelve weeks: cramps that rise with the hours stood, water that does not matter,
    exercise on some days, a tag on about a third of them. Returns the columns written."""
    rng = np.random.default_rng(11)
    standing = np.round(rng.uniform(1, 10, NIGHTS) * 2) / 2
    water = np.round(rng.uniform(0.5, 3, NIGHTS), 1)
    exercise = rng.choice([0, 15, 30, 45, 60, 90], NIGHTS)
    stretch = rng.uniform(size=NIGHTS) < 0.35
    cramps = rng.poisson(np.exp(-1.5 + 0.2 * standing) * rng.gamma(2.0, 0.5, NIGHTS))
    for i in range(NIGHTS):
        night = FIRST + dt.timedelta(days=i)
        diary.log_day(day=night, standing_hours=float(standing[i]), water_l=float(water[i]),
                      exercise_min=int(exercise[i]), tags=["stretching"] if stretch[i] else [])
        diary.log_night(night=night, sleep_quality=6)
        for k in range(int(cramps[i])):
            onset = dt.datetime.combine(night + dt.timedelta(days=1), dt.time(1 + k, 5), CET)
            diary.log_cramp(onset=onset, duration=60, leg="left")
    return {"cramps": cramps.astype(float), "standing_hours": standing}


def test_factors_is_the_cli_json_with_dates(diary: legdiary.Diary) -> None:
    fill_screen(diary)
    screen = diary.factors(FIRST, LAST)
    assert set(screen) == {"range", "tested", "rows", "skipped", "caveats"}
    assert screen["range"] == {"from": FIRST, "to": LAST}
    assert screen["tested"] == len(screen["rows"]) > 0
    assert {(s["factor"], s["lag"]) for s in screen["skipped"]} >= {("compression_hours", 0), ("elevation_min", 1)}
    assert len(screen["caveats"]) == 3
    assert jsonable(screen) == cli_json(diary.path, "factors", "--from", FIRST.isoformat(), "--to", LAST.isoformat(),
                                        "--json")


def test_standing_row_matches_statsmodels(diary: legdiary.Diary) -> None:
    sm = pytest.importorskip("statsmodels.api")
    columns = fill_screen(diary)
    row = next(r for r in diary.factors(FIRST, LAST)["rows"] if (r["factor"], r["lag"]) == ("standing_hours", 0))
    x = columns["standing_hours"]
    design = np.column_stack([np.ones(NIGHTS), x, np.arange(NIGHTS) / 7])
    fit = sm.NegativeBinomial(columns["cramps"], design, loglike_method="nb2").fit(method="newton", disp=0,
                                                                                   maxiter=200)
    assert fit.mle_retvals["converged"]
    beta, se = fit.params[1], fit.bse[1]
    assert row["nights"] == NIGHTS
    assert row["rate_ratio"] == pytest.approx(np.exp(beta), rel=1e-4)
    assert row["rate_ratio_low"] == pytest.approx(np.exp(beta - 1.959964 * se), rel=1e-4)
    assert row["rate_ratio_high"] == pytest.approx(np.exp(beta + 1.959964 * se), rel=1e-4)
    assert row["alpha"] == pytest.approx(fit.params[3], rel=1e-4)


def test_bounds_left_out_are_the_diarys_first_and_last_night(diary: legdiary.Diary) -> None:
    fill_screen(diary)
    assert diary.factors() == diary.factors(FIRST, LAST)
    assert diary.factors(end=LAST - dt.timedelta(days=7))["range"] == {"from": FIRST,
                                                                       "to": LAST - dt.timedelta(days=7)}


@pytest.mark.parametrize(
    "args, error, words",
    [
        (("2026-08-03", LAST), legdiary.ArgumentTypeError, "start"),
        ((FIRST, 20261026), legdiary.ArgumentTypeError, "end"),
        ((LAST, FIRST), legdiary.ValidationError, "must not be before"),
    ],
)
def test_bad_arguments_are_refused_by_name_and_nothing_is_written(diary: legdiary.Diary, args: tuple[Any, ...],
                                                                  error: type[Exception], words: str) -> None:
    fill_screen(diary)
    before = hashlib.sha256(diary.path.read_bytes()).hexdigest()
    with pytest.raises(error, match=words):
        diary.factors(*args)
    assert hashlib.sha256(diary.path.read_bytes()).hexdigest() == before
