"""legdiary.cohort (SPEC 8): per-person rows equal to each diary's own trends() and
compare(), error rows for files that are not readable diaries, the diaries byte for byte
as they were (and no -wal or -shm beside them), and the pooling against statsmodels."""

from __future__ import annotations

import datetime as dt
import math
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.meta_analysis import combine_effects

import legdiary
from legdiary.cohort import Cohort
from python_support import fill

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "schema"

SUMMARY_KEYS = ["nights", "recorded_nights", "adherence", "cramps", "cramps_per_week", "cramp_free_nights",
                "cramp_free_fraction", "mean_intensity", "median_duration_s", "cramp_minutes_per_night",
                "woke_fraction", "longest_cramp_free_streak", "current_cramp_free_streak"]
TREND_KEYS = ["weeks_used", "slope", "slope_low", "slope_high", "p_value", "direction"]


def same(a: object, b: object) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return a == b


@pytest.fixture
def study(tmp_path: Path) -> dict[str, Path]:
    """Four readable diaries of different lengths and six files that are not."""
    files: dict[str, Path] = {}
    for i, nights in enumerate((42, 70, 21, 56)):
        path = tmp_path / f"P{i:04d}.db"
        with legdiary.Diary(path) as diary:
            fill(diary, nights=nights, first=dt.date(2026, 8, 3) + dt.timedelta(days=3 * i))
        files[path.stem] = path
    files["old"] = tmp_path / "old.db"
    shutil.copyfile(SCHEMA / "v1.db", files["old"])
    files["foreign"] = tmp_path / "foreign.db"
    shutil.copyfile(SCHEMA / "foreign.db", files["foreign"])
    files["newer"] = tmp_path / "newer.db"
    shutil.copyfile(SCHEMA / "newer.db", files["newer"])
    files["text"] = tmp_path / "text.db"
    files["text"].write_text("2026-11-22 02:30 left calf cramp\n")
    files["empty"] = tmp_path / "empty.db"
    files["empty"].write_bytes(b"")
    files["missing"] = tmp_path / "missing.db"
    return files


def snapshot(paths: list[Path]) -> dict[Path, bytes | None]:
    return {path: path.read_bytes() if path.exists() else None for path in paths}


def wal_files(paths: list[Path]) -> list[Path]:
    return [Path(f"{path}{end}") for path in paths for end in ("-wal", "-shm") if Path(f"{path}{end}").exists()]


def test_outcomes_equal_each_diary_alone_and_errors_are_rows(study: dict[str, Path]) -> None:
    paths = list(study.values())
    before = snapshot(paths)
    cohort = Cohort(paths)
    frame = cohort.outcomes()
    assert list(frame["person"]) == [path.stem for path in paths]
    assert list(frame.columns[:3]) == ["person", "from", "to"]
    assert list(frame.columns[-2:]) == ["error_kind", "error_message"]
    errors = dict(zip(frame["person"], frame["error_kind"], strict=True))
    assert {person: errors[person] for person in ("foreign", "newer", "text", "empty", "missing")} == {
        "foreign": "foreign", "newer": "newer", "text": "corrupt", "empty": "unreadable", "missing": "missing"}
    compared = 0
    for row in frame.itertuples(index=False):
        person = row.person
        if not pd.isna(errors[person]):
            assert study[person].name in row.error_message
            assert all(pd.isna(getattr(row, key)) for key in SUMMARY_KEYS + TREND_KEYS)
            continue
        alone = study[person].with_name(f"alone-{study[person].name}")  # opening migrates an old diary: a copy
        shutil.copyfile(study[person], alone)
        with legdiary.Diary(alone) as diary:
            report = diary.trends(row[1], row[2])
        assert (row[1], row[2]) == (report["range"]["from"], report["range"]["to"])
        values = row._asdict()
        for key in SUMMARY_KEYS:
            assert same(values[key], report["summary"][key]), (person, key)
            compared += 1
        for key in TREND_KEYS:
            assert same(values[key], report["trend"][key]), (person, key)
            compared += 1
    assert compared == 5 * (len(SUMMARY_KEYS) + len(TREND_KEYS))  # four diaries and the old schema
    assert snapshot(paths) == before
    assert wal_files(paths) == []
    # one thread gives the same table
    pd.testing.assert_frame_equal(cohort.outcomes(workers=1), frame)


def test_a_range_bounds_everyone_and_bad_input_is_refused_before_work(study: dict[str, Path]) -> None:
    paths = [study["P0000"], study["P0001"], study["missing"]]
    start, end = dt.date(2026, 8, 10), dt.date(2026, 8, 30)
    frame = Cohort(paths).outcomes(start, end)
    with legdiary.Diary(study["P0001"]) as diary:
        assert frame.loc[1, "cramps"] == diary.trends(start, end)["summary"]["cramps"]
    assert (frame.loc[0, "from"], frame.loc[0, "to"]) == (start, end)
    with pytest.raises(legdiary.ValidationError, match="to"):
        Cohort(paths).outcomes(end, start)
    with pytest.raises(legdiary.ValidationError, match="exposure"):
        Cohort(paths).compare("socks")
    with pytest.raises(ValueError, match="no diary file matches"):
        Cohort.from_glob(str(study["P0000"].parent / "nothing-*.db"))
    with pytest.raises(ValueError, match="more than once"):
        Cohort([study["P0000"], study["P0000"]])
    with pytest.raises(ValueError, match="'person' and 'path'"):
        Cohort(pd.DataFrame({"path": paths}))
    with pytest.raises(ValueError, match="workers"):
        Cohort(paths).outcomes(workers=0)


def test_from_glob_and_a_frame_of_persons_with_covariates(study: dict[str, Path]) -> None:
    cohort = Cohort.from_glob(str(study["P0000"].parent / "P*.db"))
    assert list(cohort.persons["person"]) == ["P0000", "P0001", "P0002", "P0003"]
    frame = pd.DataFrame({"person": ["a", "b"], "path": [study["P0002"], study["P0003"]], "age": [61, 74]})
    named = Cohort(frame)
    assert list(named.persons.columns) == ["person", "age"]  # never the paths
    assert list(named.validate()["person"]) == ["a", "b"]
    assert named.validate()["error_kind"].isna().all()


def test_compare_and_pooled(study: dict[str, Path]) -> None:
    paths = [study[key] for key in ("P0000", "P0001", "P0002", "P0003", "missing")]
    cohort = Cohort(paths)
    rows = cohort.compare("compression")
    for row in rows.itertuples(index=False):
        if row.person == "missing":
            assert row.error_kind == "missing"
            continue
        with legdiary.Diary(study[row.person]) as diary:
            alone = diary.compare("compression", row[1], row[2])
        values = row._asdict()
        for key, value in alone.items():
            if key != "caveats":
                assert same(values[key], value), (row.person, key)

    # The pooling of the usable persons, by hand and against statsmodels.
    usable = rows[(rows["cramps_exposed"] > 0) & (rows["cramps_unexposed"] > 0)]
    y = np.log((usable["cramps_exposed"] / usable["nights_exposed"]) /
               (usable["cramps_unexposed"] / usable["nights_unexposed"])).to_numpy(float)
    v = (1 / usable["cramps_exposed"] + 1 / usable["cramps_unexposed"]).to_numpy(float)
    for method in ("dl", "pm"):
        pooled = cohort.pooled(rows, method=method)
        assert pooled["k"] == len(usable) and pooled["excluded"] == len(rows) - len(usable)
        assert set(pooled["weight"]) == set(usable["person"])
        expected = legdiary.pool(list(y), list(v), method=method)
        assert list(pooled["weight"].values()) == expected.pop("weights")
        for key, value in expected.items():
            assert same(pooled[key], value), key
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # statsmodels' sqrt of a negative DL tau2
            reference = combine_effects(y, v, method_re=method, atol=1e-11, maxiter=1000)
        q = float(((1 / v) * (y - (y / v).sum() / (1 / v).sum()) ** 2).sum())
        if method == "pm" or q >= len(y) - 1:
            assert pooled["tau2"] == pytest.approx(max(float(reference.tau2), 0.0), rel=1e-9, abs=1e-12)
            assert pooled["log_rate_ratio"] == pytest.approx(reference.mean_effect_re, rel=1e-9)
    with pytest.raises(ValueError, match="Cohort.compare"):
        cohort.pooled(cohort.outcomes())
