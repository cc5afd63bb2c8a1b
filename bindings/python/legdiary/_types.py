"""The shape of the trend report (``Diary.trends()``), of a comparison (``Diary.compare()``)
and of the factor screen (``Diary.factors()``), as ``TypedDict``s keyed exactly as SPEC
sections 3, 4 and 6 name the JSON of ``legdiary trends --json`` and ``legdiary factors --json``. At run time they are plain dicts; the classes are for type checkers and readers.

Dates are ``datetime.date``, missing values ``None``, numbers unrounded.
"""

# No `from __future__ import annotations`: TypedDict must see NotRequired[...] evaluated to
# tell optional keys from required ones (Python 3.11 does not look inside strings).
import datetime
from typing import Literal, NotRequired, TypedDict


# ``range``: the night range asked for (inclusive). "from" is a Python keyword, hence the
# functional form.
NightRange = TypedDict("NightRange", {"from": datetime.date, "to": datetime.date})


class Summary(TypedDict):
    """``summary``: ratios whose denominator is 0 are None."""

    nights: int
    recorded_nights: int
    adherence: float
    cramps: int
    cramps_per_week: float | None
    cramp_free_nights: int
    cramp_free_fraction: float | None
    mean_intensity: float | None
    median_duration_s: float | None
    cramp_minutes_per_night: float | None
    woke_fraction: float | None
    longest_cramp_free_streak: int
    current_cramp_free_streak: int


class NightlyRow(TypedDict):
    """One row of ``nightly``: every night of the range, missing nights too."""

    night: datetime.date
    recorded: bool
    cramps: int
    cramp_seconds: int
    max_intensity: int | None
    rolling7_cramps_per_week: float | None


class Symptoms(TypedDict):
    """The week's mean of each symptom item (``symptom_names``), None when none was logged."""

    heaviness: float | None
    aching: float | None
    throbbing: float | None
    burning: float | None
    itching: float | None
    restless_legs: float | None
    tingling: float | None
    swelling_feeling: float | None


class WeeklyRow(TypedDict):
    """One row of ``weekly``: an ISO week meeting the range, counting nights inside it."""

    week: str
    start: datetime.date
    recorded_nights: int
    cramps: int
    cramps_per_week: float | None
    cramp_free_nights: int
    mean_intensity: float | None
    median_duration_s: float | None
    mean_swelling_grade: float | None
    compression_days: int
    mean_compression_hours: float | None
    symptoms: Symptoms


TrendDirection = Literal["improving", "worsening", "stable", "insufficient data"]


class Trend(TypedDict):
    """``trend``: Theil–Sen slope and Mann–Kendall test over the weekly rates; the numbers are
    None when ``direction`` is ``"insufficient data"``."""

    weeks_used: int
    slope: float | None
    slope_low: float | None
    slope_high: float | None
    s: float | None
    z: float | None
    tau: float | None
    p_value: float | None
    direction: TrendDirection


class Comparison(TypedDict):
    """One entry of ``comparisons`` (and what ``Diary.compare()`` returns)."""

    nights_exposed: int
    cramps_exposed: int
    rate_exposed: float | None
    nights_unexposed: int
    cramps_unexposed: int
    rate_unexposed: float | None
    rate_ratio: float | None
    rate_ratio_low: float | None
    rate_ratio_high: float | None
    p_value: float | None
    percent_change: float | None
    dispersion: float | None
    robust_rate_ratio_low: float | None
    robust_rate_ratio_high: float | None
    robust_p_value: float | None
    caveats: list[str]


class FactorRow(TypedDict):
    """One fitted model of the factor screen: one factor at one lag (SPEC 6)."""

    factor: str
    lag: int
    unit: str
    unit_size: float
    nights: int
    rate_ratio: float
    rate_ratio_low: float
    rate_ratio_high: float
    p_value: float
    q_value: float
    alpha: float
    trend_rate_ratio_per_week: float


class SkippedFactor(TypedDict):
    """A model the screen did not fit, and why."""

    factor: str
    lag: int
    reason: str


class FactorScreen(TypedDict):
    """What ``Diary.factors()`` returns: rows by p value, then factor, then lag."""

    range: NightRange
    tested: int
    rows: list[FactorRow]
    skipped: list[SkippedFactor]
    caveats: list[str]


class LegCounts(TypedDict):
    """``by_leg``: episodes per leg value (every value of ``leg_names``)."""

    left: int
    right: int
    both: int


class MuscleCounts(TypedDict):
    """``by_muscle``: episodes per muscle (every value of ``muscle_names``)."""

    calf: int
    foot: int
    toes: int
    thigh: int
    hamstring: int
    shin: int
    other: int


class Alert(TypedDict):
    """One entry of ``alerts``; the values behind a ``calf_asymmetry`` come with it."""

    kind: Literal["calf_asymmetry", "ulcer"]
    day: datetime.date
    message: str
    left_cm: NotRequired[float | None]
    right_cm: NotRequired[float | None]
    difference_cm: NotRequired[float | None]


TrendReport = TypedDict(
    "TrendReport",
    {
        "range": NightRange,
        "summary": Summary,
        "nightly": list[NightlyRow],
        "weekly": list[WeeklyRow],
        "trend": Trend,
        "comparisons": dict[str, Comparison],
        "by_hour": list[int],
        "by_leg": LegCounts,
        "by_muscle": MuscleCounts,
        "alerts": list[Alert],
    },
)
"""The whole report, as ``legdiary trends --json`` prints it: ``comparisons`` is keyed by
exposure name (``compression``, ``tag:NAME``, ``after:YYYY-MM-DD``), ``by_hour`` has 24
counts (onset local hour 0..23)."""

__all__ = [
    "Alert",
    "Comparison",
    "LegCounts",
    "MuscleCounts",
    "NightRange",
    "NightlyRow",
    "Summary",
    "Symptoms",
    "Trend",
    "TrendDirection",
    "TrendReport",
    "WeeklyRow",
]
