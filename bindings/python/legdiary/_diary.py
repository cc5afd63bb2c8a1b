"""``legdiary.Diary``: the C++ diary plus the pandas frames built on its columns.

pandas is imported when the first frame is asked for, not with ``import legdiary``: a
script that only logs entries should not pay for it."""

from __future__ import annotations

import datetime
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Self, cast

from . import _core
from ._types import Comparison, FactorScreen, TrendReport, Trial, TrialStatusReport, TrialToday

if TYPE_CHECKING:
    import pandas as pd


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
        from . import _frames

        return _frames.episodes_frame(self.tables(start, end, parts=["episodes"])["episodes"])

    def checkins(self, start: datetime.date | None = None, end: datetime.date | None = None) -> pd.DataFrame:
        """Morning check-ins of nights start..end: ``night``, ``sleep_quality`` (Int8)."""
        from . import _frames

        return _frames.checkins_frame(self.tables(start, end, parts=["nights"])["nights"])

    def days(self, start: datetime.date | None = None, end: datetime.date | None = None) -> pd.DataFrame:
        """Day logs of days start..end, one row per logged day, with one boolean column
        ``tag:NAME`` per tag used in the range."""
        from . import _frames

        tables = self.tables(start, end, parts=["days"])
        return _frames.days_frame(tables["days"], tables["tags"])

    def nightly(self, start: datetime.date | None = None, end: datetime.date | None = None) -> pd.DataFrame:
        """The nightly series of nights start..end, one row per night (missing nights too).

        Columns: ``night``, ``recorded`` bool, ``cramps`` and ``cramp_seconds`` int64,
        ``max_intensity`` Int8 (nullable), ``rolling7_cramps_per_week`` float64 (NaN when the
        7-night window has no recorded night). As in ``trends()["nightly"]``.
        """
        from . import _frames

        return _frames.nightly_frame(self.nightly_columns(start, end))

    def nights(self, start: datetime.date | None = None, end: datetime.date | None = None) -> pd.DataFrame:
        """Deprecated name of ``nightly()`` (in C++ ``nights`` are the check-ins; here they are
        ``night_records()`` and ``checkins()``). Removed in the next release."""
        warnings.warn("Diary.nights() is deprecated: use Diary.nightly(), the twin of weekly()",
                      DeprecationWarning, stacklevel=2)
        return self.nightly(start, end)

    def weekly(self, start: datetime.date | None = None, end: datetime.date | None = None, *,
               min_nights: int = 4) -> pd.DataFrame:
        """The weekly series: one row per ISO week meeting start..end, counting nights inside
        the range only. Columns: ``start`` (the Monday), ``iso_year``, ``iso_week``, then the
        fields of ``trends()["weekly"]`` with missing values NaN, one column per symptom
        item (its weekly mean), and ``in_trend`` (bool: the week enters the trend test of
        ``trends(min_nights=min_nights)``)."""
        from . import _frames

        return _frames.weekly_frame(self.weekly_columns(start, end, min_nights=min_nights))

    # The compiled methods return dict[str, Any]; these say which keys and types (SPEC 3/4).
    def trends(  # type: ignore[override]
        self,
        start: datetime.date | None = None,
        end: datetime.date | None = None,
        *,
        compare: Sequence[str] = (),
        min_nights: int = 4,
        default_comparisons: bool = True,
    ) -> TrendReport:
        """The trend report of nights start..end (bounds left out: the diary's first or last
        entry) as the CLI's ``trends --json`` object, typed as ``legdiary.TrendReport``: dicts
        and lists with the same keys, dates as ``datetime.date``, missing values None, numbers
        unrounded. ``compare`` adds exposures (``'compression'``, ``'tag:NAME'``,
        ``'after:YYYY-MM-DD'``) to the default ones."""
        return cast(TrendReport, super().trends(start, end, compare=compare, min_nights=min_nights,
                                                default_comparisons=default_comparisons))

    def compare(  # type: ignore[override]
        self, exposure: str, start: datetime.date | None = None, end: datetime.date | None = None
    ) -> Comparison:
        """One N-of-1 comparison of cramp rates, as the report's ``comparisons`` entries."""
        return cast(Comparison, super().compare(exposure, start, end))

    def factors(  # type: ignore[override]
        self, start: datetime.date | None = None, end: datetime.date | None = None
    ) -> FactorScreen:
        """The factor screen (SPEC 6) of nights start..end, as ``legdiary factors --json``:
        every factor at lags 0 and 1, trend-adjusted, with q values across every fitted model;
        associations, not causes."""
        return cast(FactorScreen, super().factors(start, end))

    # Randomised N-of-1 trials (SPEC 7). "Today" is the local date of legdiary.now().
    def plan_trial(  # type: ignore[override]
        self,
        exposure: str,
        *,
        start: datetime.date | None = None,
        run_in_nights: int = 7,
        blocks: int = 6,
        period_nights: int = 7,
        washout_nights: int = 2,
        seed: int | None = None,
        name: str | None = None,
        hypothesis: str | None = None,
    ) -> Trial:
        """Plans and stores a randomised N-of-1 trial and returns its plan (as ``trials()``
        lists it; ``trial_status(plan["id"])`` gives the schedule). ``exposure``:
        ``'compression'`` or ``'tag:NAME'``; ``start``: the first night, today (the default)
        or later; ``seed``: 0..2**64-1, drawn at random when None. A bound broken, a start in
        the past or nights overlapping another trial's raise ValidationError naming the
        field, and nothing is written."""
        return cast(Trial, super().plan_trial(
            exposure, start=start, run_in_nights=run_in_nights, blocks=blocks, period_nights=period_nights,
            washout_nights=washout_nights, seed=seed, name=name, hypothesis=hypothesis))

    def trials(self) -> list[Trial]:  # type: ignore[override]
        """Every trial in the diary, by start, each as ``trial_status()["trial"]``."""
        return cast(list[Trial], super().trials())

    def trial_status(self, trial_id: int | None = None) -> TrialStatusReport:  # type: ignore[override]
        """A trial's plan, schedule and analysis as ``legdiary trial status --json``
        (``{trial, schedule, result}``, dates as ``datetime.date``). Default: the trial
        planned or running today, else the latest. Until the trial ends every number is an
        interim look (``result["interim"]``). NotFoundError when there is no such trial."""
        return cast(TrialStatusReport, super().trial_status(trial_id))

    def stop_trial(self, reason: str) -> Trial:  # type: ignore[override]
        """Stops the trial planned or running today and returns its plan: nights from today on
        are not counted. NotFoundError when no trial is active."""
        return cast(Trial, super().stop_trial(reason))

    def trial_today(self) -> TrialToday:  # type: ignore[override]
        """What the active trial asks of you today, as ``legdiary trial today --json``."""
        return cast(TrialToday, super().trial_today())

    def trial_schedule(self, trial_id: int | None = None) -> pd.DataFrame:
        """A trial's schedule (default as ``trial_status()``), one row per night: ``night``,
        ``phase``, ``condition`` and ``adherence`` categorical, ``block`` and ``period`` Int8
        (missing on run-in nights), ``washout``, ``recorded`` and ``analysed`` bool,
        ``cramps`` int64."""
        from . import _frames

        return _frames.trial_schedule_frame(self.trial_status(trial_id)["schedule"])
