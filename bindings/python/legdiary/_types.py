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


# Randomised N-of-1 trials (SPEC 7): ``Diary.plan_trial()``, ``trials()``, ``trial_status()``,
# ``stop_trial()`` and ``trial_today()``, keyed as ``legdiary trial status --json`` and
# ``legdiary trial today --json``.

TrialStatusName = Literal["planned", "run-in", "running", "finished", "stopped"]
TrialCondition = Literal["A", "B"]
TrialAdherence = Literal["adherent", "not adherent", "unknown"]


class Trial(TypedDict):
    """A trial's plan (``trial_status()["trial"]``; ``plan_trial()``, ``trials()`` and
    ``stop_trial()`` return it): ``seed`` is an int here (a decimal string in the JSON),
    ``created`` an aware UTC datetime, ``status`` as of today, ``end`` the last night,
    ``stopped`` the first night not counted."""
    id: int
    exposure: str
    start: datetime.date
    run_in_nights: int
    blocks: int
    period_nights: int
    washout_nights: int
    seed: int
    name: str | None
    hypothesis: str | None
    created: datetime.datetime
    allocation: list[Literal["AB", "BA"]]
    status: TrialStatusName
    end: datetime.date
    stopped: datetime.date | None
    stop_reason: str | None


class TrialNight(TypedDict):
    """One night of ``schedule``; block, period, condition and adherence are None on run-in
    nights."""
    night: datetime.date
    phase: Literal["run-in", "period"]
    block: int | None
    period: int | None
    condition: TrialCondition | None
    washout: bool
    recorded: bool
    cramps: int
    adherence: TrialAdherence | None
    analysed: bool


class TrialBlock(TypedDict):
    """One row of ``result["per_block"]``."""
    block: int
    order: Literal["AB", "BA"]
    nights_a: int
    cramps_a: int
    nights_b: int
    cramps_b: int
    rate_ratio: float | None


class TrialAdherenceCounts(TypedDict):
    """Adherence over one condition's analysed nights."""
    nights: int
    adherent: int
    not_adherent: int
    unknown: int


class TrialAdherenceByCondition(TypedDict):
    a: TrialAdherenceCounts
    b: TrialAdherenceCounts


class TrialResult(TypedDict):
    """``result``: the analysis by assigned condition; undefined values None. While
    ``interim`` is True every number is an interim look."""
    nights_a: int
    cramps_a: int
    rate_a: float | None
    nights_b: int
    cramps_b: int
    rate_b: float | None
    rate_ratio: float | None
    percent_change: float | None
    p_value: float | None
    p_value_lower: float | None
    assignments: int
    smallest_possible_p: float | None
    rate_ratio_low: float | None
    rate_ratio_high: float | None
    scale: float | None
    per_block: list[TrialBlock]
    blocks_favouring_b: int
    blocks_favouring_a: int
    blocks_tied: int
    sign_test_p: float | None
    exact_rate_ratio_low: float | None
    exact_rate_ratio_high: float | None
    exact_p_value: float | None
    adherence: TrialAdherenceByCondition
    interim: bool
    caveats: list[str]


class TrialStatusReport(TypedDict):
    """``Diary.trial_status()``: as ``legdiary trial status --json`` prints it."""
    trial: Trial
    schedule: list[TrialNight]
    result: TrialResult


class TrialToday(TypedDict):
    """``Diary.trial_today()``: as ``legdiary trial today --json`` prints it; None where the
    day has none (no trial, not begun, run-in)."""
    date: datetime.date
    trial: int | None
    exposure: str | None
    status: TrialStatusName | None
    phase: Literal["run-in", "period"] | None
    block: int | None
    period: int | None
    condition: TrialCondition | None
    day_of_period: int | None
    period_nights: int | None
    washout: bool | None
    counted: bool
    instruction: str


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
    "Trial",
    "TrialAdherence",
    "TrialAdherenceByCondition",
    "TrialAdherenceCounts",
    "TrialBlock",
    "TrialCondition",
    "TrialNight",
    "TrialResult",
    "TrialStatusName",
    "TrialStatusReport",
    "TrialToday",
    "WeeklyRow",
]
