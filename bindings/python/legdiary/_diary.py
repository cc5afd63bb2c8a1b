"""``legdiary.Diary``: the C++ diary plus the pandas frames built on its columns."""

from __future__ import annotations

import datetime
from typing import Self

import pandas as pd

from . import _core, _frames


class Diary(_core.Diary):
    """A diary in one local SQLite file (see ``_core.Diary`` for opening and writing).

    Frames take a night range ``start..end`` (inclusive ``datetime.date``s; a bound left out
    is the diary's first or last entry) and are built from numpy arrays that share the C++
    library's buffers.
    """

    def __enter__(self) -> Self:
        return self

    def __repr__(self) -> str:
        if self.closed:
            return "<legdiary.Diary (closed)>"
        return f"<legdiary.Diary {str(self.path)!r} night_boundary_hour={self.night_boundary_hour}>"

    def episodes(self, start: datetime.date | None = None, end: datetime.date | None = None) -> pd.DataFrame:
        """Cramp episodes of nights start..end, one row each, in order of onset.

        Columns: ``id`` int64, ``night`` datetime64 (the night's date), ``onset_utc``
        datetime64[ns] (UTC; local time = onset_utc + offset_minutes), ``offset_minutes``
        int32, ``duration_s`` int32, ``leg`` and ``muscle`` categorical, ``intensity`` Int8,
        ``woke`` boolean (nullable).
        """
        return _frames.episodes_frame(self.tables(start, end, parts=["episodes"])["episodes"])

    def checkins(self, start: datetime.date | None = None, end: datetime.date | None = None) -> pd.DataFrame:
        """Morning check-ins of nights start..end: ``night``, ``sleep_quality`` (Int8)."""
        return _frames.checkins_frame(self.tables(start, end, parts=["nights"])["nights"])

    def days(self, start: datetime.date | None = None, end: datetime.date | None = None) -> pd.DataFrame:
        """Day logs of days start..end, one row per logged day, with one boolean column
        ``tag:NAME`` per tag used in the range."""
        tables = self.tables(start, end, parts=["days"])
        return _frames.days_frame(tables["days"], tables["tags"])

    def nights(self, start: datetime.date | None = None, end: datetime.date | None = None) -> pd.DataFrame:
        """The nightly series of nights start..end, one row per night (missing nights too).

        Columns: ``night``, ``recorded`` bool, ``cramps`` and ``cramp_seconds`` int64,
        ``max_intensity`` Int8 (nullable), ``rolling7_cramps_per_week`` float64 (NaN when the
        7-night window has no recorded night). As in ``trends()["nightly"]``.
        """
        return _frames.nightly_frame(self.nightly_columns(start, end))

    def weekly(self, start: datetime.date | None = None, end: datetime.date | None = None, *,
               min_nights: int = 4) -> pd.DataFrame:
        """The weekly series: one row per ISO week meeting start..end, counting nights inside
        the range only. Columns: ``start`` (the Monday), ``iso_year``, ``iso_week``, then the
        fields of ``trends()["weekly"]`` with missing values NaN, one column per symptom
        item (its weekly mean), and ``in_trend`` (bool: the week enters the trend test of
        ``trends(min_nights=min_nights)``)."""
        return _frames.weekly_frame(self.weekly_columns(start, end, min_nights=min_nights))
