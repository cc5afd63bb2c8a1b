"""Many diaries as one study (SPEC 8).

>>> import legdiary.cohort as lc
>>> cohort = lc.Cohort.from_glob("study/diaries/*.db")       # persons named by file stem
>>> outcomes = cohort.outcomes()                             # one row per person, in order
>>> rows = cohort.compare("compression")
>>> cohort.pooled(rows, method="pm", hksj=True)["rate_ratio"]

The per-person rows are computed by the C++ library, every diary opened read-only (nothing
is written, no ``-wal`` or ``-shm`` left behind), on threads with the GIL released. A diary
that cannot be read gives its person a row with ``error_kind`` (``missing``, ``foreign``,
``newer``, ``corrupt``, ``busy``, ``unreadable``) and ``error_message``; the others complete.
Persons are named by the ids given (pseudonyms), never by their paths. See docs/cohort.md.
"""

from __future__ import annotations

import glob as globbing
import math
import os
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from . import _core

__all__ = ["Cohort"]

PathLike = str | os.PathLike[str]


class Cohort:
    """The diaries of a study, one a person.

    ``Cohort(paths)`` names each person by the file's stem (``P0001.db`` is ``P0001``);
    ``Cohort(frame)`` takes a DataFrame with a ``person`` and a ``path`` column, and keeps
    any other columns as the persons' covariates (``persons``). Person ids must be unique.
    Raises ValueError for no persons, a duplicate id or a frame without those columns.
    """

    def __init__(self, persons: Sequence[PathLike] | pd.DataFrame) -> None:
        if isinstance(persons, pd.DataFrame):
            missing = {"person", "path"} - set(persons.columns)
            if missing:
                raise ValueError(f"persons: the frame needs the columns 'person' and 'path' (missing: "
                                 f"{', '.join(sorted(missing))})")
            frame = persons.reset_index(drop=True)
            ids = [str(person) for person in frame["person"]]
            paths = [os.fspath(path) for path in frame["path"]]
            covariates = frame.drop(columns=["path"]).assign(person=ids)
        elif isinstance(persons, (str, os.PathLike)):
            raise ValueError("persons: a list of diary paths or a DataFrame, not one path "
                             "(Cohort.from_glob takes a pattern)")
        else:
            paths = [os.fspath(path) for path in persons]
            ids = [Path(path).stem for path in paths]
            covariates = pd.DataFrame({"person": ids})
        if not paths:
            raise ValueError("persons: no diaries given")
        twice = sorted({person for person, count in Counter(ids).items() if count > 1})
        if twice:
            raise ValueError(f"persons: each person needs an id of their own; given more than once: "
                             f"{', '.join(twice[:10])}")
        self._paths = paths
        self._persons = covariates[["person", *[c for c in covariates.columns if c != "person"]]]

    @classmethod
    def from_glob(cls, pattern: PathLike) -> Cohort:
        """The diaries whose paths match ``pattern`` (``**`` recursive), in sorted order,
        each person named by the file's stem. ValueError when nothing matches."""
        text = os.fspath(pattern)
        paths = sorted(path for path in globbing.glob(text, recursive=True) if os.path.isfile(path))
        if not paths:
            raise ValueError(f"pattern: no diary file matches {text!r}")
        return cls(paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __repr__(self) -> str:
        return f"Cohort({len(self)} persons)"

    @property
    def persons(self) -> pd.DataFrame:
        """The persons in input order: ``person`` and the covariates given, no paths."""
        return self._persons.copy()

    def validate(self, *, workers: int | None = None) -> pd.DataFrame:
        """Which diaries can be read: ``person``, ``error_kind``, ``error_message`` (both
        missing — None or NaN, as pandas keeps it — for a diary that opened), in input order."""
        return self.outcomes(workers=workers)[["person", "error_kind", "error_message"]]

    def outcomes(self, start: date | None = None, end: date | None = None, *,
                 workers: int | None = None) -> pd.DataFrame:
        """One row a person (SPEC 8), in input order, ``person`` first: the range used
        (``from``, ``to``: ``start``/``end``, else the diary's own first and last night),
        every summary field of SPEC 3, the trend test (``weeks_used``, ``slope``,
        ``slope_low``, ``slope_high``, ``p_value``, ``direction``), ``error_kind`` and
        ``error_message``. Each number equals ``Diary.trends()`` for that diary alone.
        ``workers`` threads (default: every core this process may use). A range with
        ``end`` before ``start`` raises ValidationError before any diary is opened."""
        rows = _core.cohort_outcomes(self._paths, start, end, workers=_workers(workers))
        return self._frame(rows)

    def compare(self, exposure: str, start: date | None = None, end: date | None = None, *,
                workers: int | None = None) -> pd.DataFrame:
        """Each person's comparison by ``exposure`` (``compression``, ``tag:NAME``,
        ``after:DATE``; SPEC 3): every comparison field, robust ones included, with the
        range and the error columns, as ``outcomes``. Equals ``Diary.compare()`` for each
        diary alone. A bad exposure or range raises ValidationError before any work."""
        rows = _core.cohort_comparisons(self._paths, exposure, start, end, workers=_workers(workers))
        return self._frame(rows)

    def pooled(self, rows: pd.DataFrame, method: str = "dl", hksj: bool = False) -> dict[str, Any]:
        """The random-effects pooling of SPEC 8 over the comparison rows of ``compare()``:
        y = log((c1/t1)/(c0/t0)), v = 1/c1 + 1/c0 per person; persons with c1 = 0 or c0 = 0
        (or no numbers) are left out and counted in ``excluded``. Returns the keys of
        ``legdiary.pool`` with ``excluded``, and ``weight`` per person as a dict. Each
        person's own result stays the primary one: the pooled rate ratio is the average
        effect across these people, to be read with its prediction interval."""
        needed = {"person", "nights_exposed", "cramps_exposed", "nights_unexposed", "cramps_unexposed"}
        if not needed <= set(rows.columns):
            raise ValueError("rows: pooled() takes the rows of Cohort.compare() (missing: "
                             f"{', '.join(sorted(needed - set(rows.columns)))})")
        persons, y, v = [], [], []
        excluded = 0
        for row in rows.itertuples(index=False):
            c1, t1, c0, t0 = row.cramps_exposed, row.nights_exposed, row.cramps_unexposed, row.nights_unexposed
            if any(pd.isna(value) for value in (c1, t1, c0, t0)) or c1 == 0 or c0 == 0 or t1 == 0 or t0 == 0:
                excluded += 1
                continue
            persons.append(row.person)
            y.append(math.log((c1 / t1) / (c0 / t0)))
            v.append(1 / c1 + 1 / c0)
        if not y:
            raise ValueError("rows: no person has cramps both on exposed and on unexposed nights, so there is "
                             "nothing to pool")
        result = _core.pool(y, v, method=method, hksj=hksj)
        weights = result.pop("weights")
        result["excluded"] = excluded
        result["weight"] = dict(zip(persons, weights, strict=True))
        return result

    def _frame(self, rows: list[dict[str, Any]]) -> pd.DataFrame:
        frame = pd.DataFrame.from_records(rows)
        frame.insert(0, "person", self._persons["person"].to_list())
        return frame


def _workers(workers: int | None) -> int:
    if workers is None:
        return 0
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers: {workers!r} must be a whole number of threads, 1 or more")
    return workers
