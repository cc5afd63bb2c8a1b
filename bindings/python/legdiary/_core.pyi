"""
The C++ core of legdiary. Use the `legdiary` package, not this module.
"""
from __future__ import annotations
import collections.abc
import datetime
import os
import pathlib
import typing
__all__: list[str] = ['AddResult', 'CrampEpisode', 'CsvImportResult', 'DayLog', 'Diary', 'NightRecord', 'TrendTest', 'cohort_comparisons', 'cohort_outcomes', 'compression_class_names', 'compression_length_names', 'fields', 'leg_names', 'min_trend_weeks', 'muscle_names', 'night_of', 'now', 'parse_date', 'parse_duration', 'parse_time', 'pool', 'symptom_names']
class CrampEpisode:
    """
    One nocturnal leg-cramp episode.
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self, **kwargs: typing.Any) -> None:
        """
        CrampEpisode(**fields): an entry from its fields by name (onset (required), duration_s (required), leg (required), muscle, intensity, woke, notes), checked by the data model's rules. Entries are stored through Diary.log_*.
        """
    def __repr__(self) -> str:
        ...
    def same_entry(self, other: CrampEpisode) -> bool:
        """
        Equal in every stored field but the id (the diary keeps such an episode once).
        """
    @property
    def duration(self) -> datetime.timedelta:
        """
        duration_s as a timedelta.
        """
    @property
    def duration_s(self) -> int:
        """
        how long it lasted: 1..3600 seconds.
        """
    @property
    def id(self) -> int:
        """
        Assigned by the diary; 0 before it is stored.
        """
    @property
    def intensity(self) -> int | None:
        """
        intensity on the 0-10 numeric rating scale: 0..10; or None.
        """
    @property
    def leg(self) -> str:
        """
        the leg that cramped: one of 'left', 'right', 'both'.
        """
    @property
    def muscle(self) -> str:
        """
        the muscle that cramped (calf when not given): one of 'calf', 'foot', 'toes', 'thigh', 'hamstring', 'shin', 'other'.
        """
    @property
    def notes(self) -> str | None:
        """
        free text, at most 2000 characters; or None.
        """
    @property
    def onset(self) -> datetime.datetime:
        """
        when it began, with the UTC offset recorded.
        """
    @property
    def woke(self) -> bool | None:
        """
        whether it woke the person; or None.
        """
class NightRecord:
    """
    The morning check-in for one night.
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self, **kwargs: typing.Any) -> None:
        """
        NightRecord(**fields): an entry from its fields by name (night (required), bedtime, waketime, sleep_quality, notes), checked by the data model's rules. Entries are stored through Diary.log_*.
        """
    def __repr__(self) -> str:
        ...
    @property
    def bedtime(self) -> datetime.datetime | None:
        """
        when the person went to bed; or None.
        """
    @property
    def night(self) -> datetime.date:
        """
        the night, named by its evening's date.
        """
    @property
    def notes(self) -> str | None:
        """
        free text, at most 2000 characters; or None.
        """
    @property
    def sleep_quality(self) -> int | None:
        """
        sleep quality, 0 worst to 10 best: 0..10; or None.
        """
    @property
    def waketime(self) -> datetime.datetime | None:
        """
        when they got up; after bedtime; or None.
        """
class DayLog:
    """
    What happened during one day (day D comes before night D).
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self, **kwargs: typing.Any) -> None:
        """
        DayLog(**fields): an entry from its fields by name (day (required), compression_hours, compression_class, compression_length, swelling_grade, ankle_left_cm, ankle_right_cm, calf_left_cm, calf_right_cm, standing_hours, water_l, exercise_min, elevation_min, heaviness, aching, throbbing, burning, itching, restless_legs, tingling, swelling_feeling, skin_discoloration, ulcer, tags, notes), checked by the data model's rules. Entries are stored through Diary.log_*.
        """
    def __repr__(self) -> str:
        ...
    @property
    def aching(self) -> int | None:
        """
        aching: 0..10; or None.
        """
    @property
    def ankle_left_cm(self) -> float | None:
        """
        left ankle circumference: 10..80 cm; or None.
        """
    @property
    def ankle_right_cm(self) -> float | None:
        """
        right ankle circumference: 10..80 cm; or None.
        """
    @property
    def burning(self) -> int | None:
        """
        burning: 0..10; or None.
        """
    @property
    def calf_left_cm(self) -> float | None:
        """
        left calf circumference: 10..80 cm; or None.
        """
    @property
    def calf_right_cm(self) -> float | None:
        """
        right calf circumference: 10..80 cm; or None.
        """
    @property
    def compression_class(self) -> str | None:
        """
        compression class (mmHg): one of '15-20', '20-30', '30-40', '40-50'; or None.
        """
    @property
    def compression_hours(self) -> float | None:
        """
        hours wearing compression stockings (0 = not worn): 0..24 hours; or None.
        """
    @property
    def compression_length(self) -> str | None:
        """
        stocking length: one of 'knee', 'thigh', 'pantyhose'; or None.
        """
    @property
    def day(self) -> datetime.date:
        """
        the day (day D comes before night D).
        """
    @property
    def elevation_min(self) -> int | None:
        """
        minutes with legs raised: 0..1440 minutes; or None.
        """
    @property
    def exercise_min(self) -> int | None:
        """
        minutes of exercise: 0..1440 minutes; or None.
        """
    @property
    def heaviness(self) -> int | None:
        """
        heaviness: 0..10; or None.
        """
    @property
    def itching(self) -> int | None:
        """
        itching: 0..10; or None.
        """
    @property
    def notes(self) -> str | None:
        """
        free text, at most 2000 characters; or None.
        """
    @property
    def restless_legs(self) -> int | None:
        """
        restless_legs: 0..10; or None.
        """
    @property
    def skin_discoloration(self) -> bool | None:
        """
        skin discoloration observed that day; or None.
        """
    @property
    def standing_hours(self) -> float | None:
        """
        hours standing: 0..24 hours; or None.
        """
    @property
    def swelling_feeling(self) -> int | None:
        """
        swelling_feeling: 0..10; or None.
        """
    @property
    def swelling_grade(self) -> int | None:
        """
        swelling grade, 0 none, 1 mild, 2 moderate, 3 severe: 0..3; or None.
        """
    @property
    def symptoms(self) -> dict[str, int | None]:
        """
        Every symptom item (symptom_names) with its 0-10 score or None.
        """
    @property
    def tags(self) -> set[str]:
        """
        the day's tags, each 1-40 characters of a-z, 0-9, _ and -.
        """
    @property
    def throbbing(self) -> int | None:
        """
        throbbing: 0..10; or None.
        """
    @property
    def tingling(self) -> int | None:
        """
        tingling: 0..10; or None.
        """
    @property
    def ulcer(self) -> bool | None:
        """
        a leg ulcer observed that day; or None.
        """
    @property
    def water_l(self) -> float | None:
        """
        water drunk: 0..15 litres; or None.
        """
class AddResult:
    """
    What log_cramp did.
    """
    def __repr__(self) -> str:
        ...
    @property
    def id(self) -> int:
        """
        The stored episode's id.
        """
    @property
    def inserted(self) -> bool:
        """
        False when an identical episode was already stored (nothing written).
        """
class Diary:
    """
    A diary in one local SQLite file. Every write is one transaction: refused input leaves
    the file exactly as it was. One Diary may be shared by threads; several processes may
    open the same file. Use it as a context manager to close it at the end of a block.
    """
    current_schema_version: typing.ClassVar[int] = 2
    @staticmethod
    def default_path() -> pathlib.Path:
        """
        Where Diary() opens when no path is given.
        """
    def __enter__(self) -> typing.Any:
        ...
    def __exit__(self, exc_type: typing.Any, exc_value: typing.Any, traceback: typing.Any) -> None:
        ...
    def __init__(self, path: os.PathLike | str | bytes | None = None, *, night_boundary_hour: typing.SupportsInt | typing.SupportsIndex | None = None, busy_timeout_ms: typing.SupportsInt | typing.SupportsIndex = 5000, create: bool = True) -> None:
        """
        Opens the diary at `path` (default: $LEGDIARY_DB, else $XDG_DATA_HOME/legdiary/diary.db, as
        the CLI), creating it (mode 0600) when it does not exist and `create` is true. ':memory:'
        opens a private in-memory diary. `night_boundary_hour` (default 12) is fixed when a diary
        is created: given for an existing diary with another boundary, it is refused
        (ValidationError naming night_boundary_hour).
        """
    def backup(self, destination: os.PathLike | str | bytes) -> None:
        """
        A consistent copy of the diary at a new file (owner-only).
        """
    def check(self) -> list[str]:
        """
        SQLite's integrity checks: an empty list when the file is healthy.
        """
    def close(self) -> None:
        """
        Closes the diary; later calls raise ValueError. A call under way in another thread
        finishes first. Closing twice is fine.
        """
    def compare(self, exposure: str, start: datetime.date | None = None, end: datetime.date | None = None) -> dict[str, typing.Any]:
        """
        One N-of-1 comparison of cramp rates, as the report's `comparisons` entries.
        """
    def cramp(self, id: typing.SupportsInt | typing.SupportsIndex) -> CrampEpisode | None:
        """
        The cramp episode with this id, or None.
        """
    def cramps(self, start: datetime.date | None = None, end: datetime.date | None = None) -> list[CrampEpisode]:
        """
        The cramp episodes of nights start..end (inclusive; a bound left out: the diary's first or
        last entry), in time order.
        """
    def day(self, day: datetime.date) -> DayLog | None:
        """
        The log of this day, or None.
        """
    def day_logs(self, start: datetime.date | None = None, end: datetime.date | None = None) -> list[DayLog]:
        """
        The day logs of days start..end (C++: Diary::days), in day order.
        """
    def delete_cramp(self, id: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        Deletes a cramp episode. Raises NotFoundError when there is none.
        """
    def delete_day(self, day: datetime.date) -> None:
        """
        Deletes a day log. Raises NotFoundError when there is none.
        """
    def delete_night(self, night: datetime.date) -> None:
        """
        Deletes a night's check-in. Raises NotFoundError when there is none.
        """
    def export_csv(self, folder: os.PathLike | str | bytes) -> None:
        """
        Writes the whole diary into `folder` (created owner-only if missing) as cramps.csv,
        nights.csv, days.csv and trials.csv (the trials' plans), each replaced whole.
        """
    def export_fhir(self, path: os.PathLike | str | bytes) -> None:
        """
        Writes the FHIR Bundle to `path` as JSON, readable by its owner only and replaced whole
        (as `legdiary export --format fhir -o PATH`).
        """
    def extent(self) -> tuple[datetime.date, datetime.date] | None:
        """
        (first, last) night or day with any entry, or None for an empty diary.
        """
    def factors(self, start: datetime.date | None = None, end: datetime.date | None = None) -> dict[str, typing.Any]:
        """
        The factor screen of nights start..end (bounds left out: the diary's first or last entry) as
        the CLI's `factors --json` object (SPEC 6): range, tested, rows, skipped, caveats.
        """
    def fhir_bundle(self) -> dict[str, typing.Any]:
        """
        Every cramp episode and day-log measurement as a FHIR R4 Bundle (type collection) of
        Observations: the JSON object as a dict (docs/fhir.md has the mapping and its codes).
        """
    def import_csv(self, file: os.PathLike | str | bytes) -> CsvImportResult:
        """
        Imports one CSV file (cramps, nights, days or trials, told apart by the key column), all or nothing:
        any problem refuses the whole file with a ValidationError listing every problem with its
        line; nothing is written. Re-importing a file changes nothing. FileNotFoundError when the
        file cannot be opened.
        """
    def log_cramp(self, *, onset: datetime.datetime, duration: datetime.timedelta | int, leg: str, muscle: str = 'calf', intensity: int | None = None, woke: bool | None = None, notes: str | None = None) -> AddResult:
        """
        Validates and stores a cramp episode; `duration` is a timedelta or whole seconds. An identical
        stored episode makes this a no-op (AddResult.inserted is False); one overlapping another on
        the same leg is refused. Raises ValidationError; nothing is written then.
        """
    def log_day(self, *, day: datetime.date, compression_hours: typing.SupportsFloat | typing.SupportsIndex | None = None, compression_class: str | None = None, compression_length: str | None = None, swelling_grade: int | None = None, ankle_left_cm: typing.SupportsFloat | typing.SupportsIndex | None = None, ankle_right_cm: typing.SupportsFloat | typing.SupportsIndex | None = None, calf_left_cm: typing.SupportsFloat | typing.SupportsIndex | None = None, calf_right_cm: typing.SupportsFloat | typing.SupportsIndex | None = None, standing_hours: typing.SupportsFloat | typing.SupportsIndex | None = None, water_l: typing.SupportsFloat | typing.SupportsIndex | None = None, exercise_min: int | None = None, elevation_min: int | None = None, heaviness: int | None = None, aching: int | None = None, throbbing: int | None = None, burning: int | None = None, itching: int | None = None, restless_legs: int | None = None, tingling: int | None = None, swelling_feeling: int | None = None, skin_discoloration: bool | None = None, ulcer: bool | None = None, tags: collections.abc.Sequence[str] = [], notes: str | None = None, replace: bool = False) -> DayLog:
        """
        Validates and stores the log of `day` (the day before night `day`) and returns it as stored.
        Like `legdiary log day`, values given are added to a stored log (None keeps the stored value,
        tags are added), in one transaction (C++: merge_day); replace=True stores exactly these
        values instead (C++: put_day).
        """
    def log_night(self, *, night: datetime.date, bedtime: datetime.datetime | None = None, waketime: datetime.datetime | None = None, sleep_quality: int | None = None, notes: str | None = None, replace: bool = False) -> NightRecord:
        """
        Validates and stores the morning check-in for `night` and returns it as stored. Like
        `legdiary log night`, values given are added to a stored check-in (None keeps the stored
        value), read-merged-written in one transaction (C++: merge_night); replace=True stores
        exactly these values instead (C++: put_night). A check-in with no cramps is how 'no cramps
        last night' is recorded.
        """
    def night(self, night: datetime.date) -> NightRecord | None:
        """
        The check-in of this night, or None.
        """
    def night_of(self, instant: datetime.datetime) -> datetime.date:
        """
        The night an instant belongs to in this diary.
        """
    def night_records(self, start: datetime.date | None = None, end: datetime.date | None = None) -> list[NightRecord]:
        """
        The check-ins of nights start..end (C++: Diary::nights), in night order.
        """
    def nightly_columns(self, start: datetime.date | None = None, end: datetime.date | None = None) -> dict[str, typing.Any]:
        """
        The nightly series of SPEC 3 as numpy columns (one row per night of the range).
        """
    def now_utc(self) -> datetime.datetime:
        """
        The diary's clock, as an aware datetime in UTC.
        """
    def plan_trial(self, exposure: str, *, start: datetime.date | None = None, run_in_nights: int = 7, blocks: int = 6, period_nights: int = 7, washout_nights: int = 2, seed: int | None = None, name: str | None = None, hypothesis: str | None = None) -> dict[str, typing.Any]:
        """
        Plans and stores a randomised N-of-1 trial (SPEC 7) and returns its plan, as trials() lists
        it. `exposure`: 'compression' or 'tag:NAME'; `start`: the first night, today (the default)
        or later; `seed`: 0..2**64-1, drawn at random when None. Refused (ValidationError, nothing
        written): a bound broken, a start in the past, nights overlapping another trial's.
        """
    def report_html(self, start: datetime.date | None = None, end: datetime.date | None = None, *, compare: collections.abc.Sequence[str] = [], min_nights: typing.SupportsInt | typing.SupportsIndex = 4) -> str:
        """
        The clinician report of nights start..end (bounds left out: the diary's first or last entry)
        as one self-contained HTML document: the outcome numbers, inline SVG charts, the comparisons
        with their caveats, the factor screen of the range (factors()) with its caveats and the
        alerts (docs/report.md). `compare` adds exposures as in trends().
        """
    def stop_trial(self, reason: str) -> dict[str, typing.Any]:
        """
        Stops the trial planned or running today with a reason and returns its plan: nights from
        today on are not counted, the nights before stay in the analysis. NotFoundError when no
        trial is active.
        """
    def tables(self, start: datetime.date | None = None, end: datetime.date | None = None, *, parts: collections.abc.Sequence[str] = ['episodes', 'nights', 'days']) -> dict[str, dict[str, typing.Any]]:
        """
        The entries of nights start..end as numpy columns that share the library's buffers (no copy):
        {'episodes': {...}, 'nights': {...}, 'days': {...}, 'tags': {'row', 'code', 'names'}}, or only
        the tables named in `parts` ('days' brings 'tags'). Dates are datetime64[D], onsets
        datetime64[ns] in UTC; missing values are NaN (reals) or -1 (small integers, booleans and
        enum indexes into leg_names, muscle_names, ...).
        """
    def trend_test(self, start: datetime.date | None = None, end: datetime.date | None = None, *, min_nights: typing.SupportsInt | typing.SupportsIndex = 4) -> TrendTest:
        """
        The trend test of nights start..end with its line (TrendTest), the same as trends()['trend']
        with the same arguments; the one line to draw over the weekly rates.
        """
    def trends(self, start: datetime.date | None = None, end: datetime.date | None = None, *, compare: collections.abc.Sequence[str] = [], min_nights: typing.SupportsInt | typing.SupportsIndex = 4, default_comparisons: bool = True) -> dict[str, typing.Any]:
        """
        The trend report of nights start..end (bounds left out: the diary's first or last entry) as
        the CLI's `trends --json` object: dicts and lists with the same keys, dates as datetime.date,
        missing values None, numbers unrounded. `compare` adds exposures ('compression',
        'tag:NAME', 'after:YYYY-MM-DD') to the default ones.
        """
    def trial_status(self, trial_id: typing.SupportsInt | typing.SupportsIndex | None = None) -> dict[str, typing.Any]:
        """
        A trial's plan, night-by-night schedule and analysis as `legdiary trial status --json`
        prints it ({trial, schedule, result}), dates as datetime.date. Default: the trial that is
        planned or running today, else the latest. Before the trial ends every number is an
        interim look (result['interim']). NotFoundError when there is no such trial.
        """
    def trial_today(self) -> dict[str, typing.Any]:
        """
        What the trial planned or running today asks of you, as `legdiary trial today --json`:
        {date, trial, status, phase, block, period, condition, day_of_period, period_nights,
        washout, counted, instruction}, None where the day has none.
        """
    def trials(self) -> list[dict[str, typing.Any]]:
        """
        Every trial in the diary, by start, each as trial_status()['trial'] (its status as of today).
        """
    def weekly_columns(self, start: datetime.date | None = None, end: datetime.date | None = None, *, min_nights: typing.SupportsInt | typing.SupportsIndex = 4) -> dict[str, typing.Any]:
        """
        The weekly series of SPEC 3 as numpy columns (one row per ISO week meeting the range), with
        `in_trend`: the week enters the trend test (at least `min_nights` recorded nights).
        """
    def write_report(self, path: os.PathLike | str | bytes, start: datetime.date | None = None, end: datetime.date | None = None, *, compare: collections.abc.Sequence[str] = [], min_nights: typing.SupportsInt | typing.SupportsIndex = 4) -> None:
        """
        Writes report_html() to `path`, readable by its owner only and replaced whole (as
        `legdiary report -o PATH`).
        """
    @property
    def closed(self) -> bool:
        ...
    @property
    def night_boundary_hour(self) -> int:
        ...
    @property
    def path(self) -> pathlib.Path:
        ...
class TrendTest:
    """
    The trend test of SPEC 3 (as trends()['trend']) plus the line it fits: rate =
    intercept + slope * k for week k of the weekly series (k = 0: the ISO week of the
    range's first night). The weeks it used are the weekly frame's `in_trend` rows.
    """
    def __repr__(self) -> str:
        ...
    @property
    def direction(self) -> str:
        """
        'improving', 'worsening', 'stable' or 'insufficient data'
        """
    @property
    def intercept(self) -> float | None:
        """
        the line's rate at week index 0: median(rate_k - slope*k) over the weeks used, as
        scipy.stats.theilslopes(rates, k, method='joint'); not in the JSON (SPEC 4)
        """
    @property
    def p_value(self) -> float | None:
        """
        two-sided Mann–Kendall p
        """
    @property
    def s(self) -> int | None:
        """
        Mann–Kendall S
        """
    @property
    def slope(self) -> float | None:
        """
        Theil–Sen slope, cramps/week per week; None without a test
        """
    @property
    def slope_high(self) -> float | None:
        """
        Sen's 95% interval, upper bound
        """
    @property
    def slope_low(self) -> float | None:
        """
        Sen's 95% interval, lower bound
        """
    @property
    def tau(self) -> float | None:
        """
        Kendall's tau
        """
    @property
    def weeks_used(self) -> int:
        """
        weeks that entered the test
        """
    @property
    def z(self) -> float | None:
        """
        its continuity-corrected normal score
        """
class CsvImportResult:
    """
    What importing one CSV file did.
    """
    def __repr__(self) -> str:
        ...
    @property
    def cramps_added(self) -> int:
        ...
    @property
    def cramps_already_present(self) -> int:
        ...
    @property
    def days_put(self) -> int:
        ...
    @property
    def kind(self) -> str:
        """
        'cramps', 'nights', 'days' or 'trials': the kind recognised by the key column.
        """
    @property
    def nights_put(self) -> int:
        ...
    @property
    def rows(self) -> int:
        """
        Data rows read.
        """
    @property
    def trials_added(self) -> int:
        ...
    @property
    def trials_already_present(self) -> int:
        ...
def cohort_comparisons(paths: collections.abc.Sequence[str], exposure: str, start: datetime.date | None = None, end: datetime.date | None = None, *, workers: typing.SupportsInt | typing.SupportsIndex = 0) -> list:
    """
    The per-person comparison rows of SPEC 8 (every comparison field of SPEC 3) for the
    diaries at `paths`, in their order, with error_kind and error_message. Use
    legdiary.Cohort.compare().
    """
def cohort_outcomes(paths: collections.abc.Sequence[str], start: datetime.date | None = None, end: datetime.date | None = None, *, workers: typing.SupportsInt | typing.SupportsIndex = 0) -> list:
    """
    The per-person outcome rows of SPEC 8 for the diaries at `paths`, in their order: the
    range, SPEC 3's summary, the trend test (weeks_used, slope, slope_low, slope_high,
    p_value, direction), error_kind and error_message. Each diary is opened read-only;
    `workers` threads (0: every core). Use legdiary.Cohort.outcomes().
    """
def night_of(instant: datetime.datetime, *, boundary_hour: typing.SupportsInt | typing.SupportsIndex = 12) -> datetime.date:
    """
    The night an instant belongs to: the date of (local time - boundary_hour hours).
    """
def now() -> datetime.datetime:
    """
    The current moment in the local zone (whole seconds), or $LEGDIARY_NOW when it is set.
    """
def parse_date(text: str) -> datetime.date:
    """
    Reads a calendar date YYYY-MM-DD. Raises ParseError.
    """
def parse_duration(text: str) -> datetime.timedelta:
    """
    Reads a duration: '90', '90s', '2m', '1m30s', '1h', '1:30'. Returns a timedelta of whole
    seconds. Raises ParseError.
    """
def parse_time(text: str, *, now: datetime.datetime | None = None) -> datetime.datetime:
    """
    Reads a time as typed at the command line: ISO 8601 (offset optional: the local zone's),
    'now', 'HH:MM', 'yesterday HH:MM', 'YYYY-MM-DD HH:MM', '-45m', '45m ago', '2h ago'.
    Relative forms count from `now` (default: the clock, or $LEGDIARY_NOW). Returns an aware
    datetime. Raises ParseError.
    """
def pool(log_rate_ratios: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], variances: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], *, method: str = 'dl', hksj: bool = False) -> dict:
    """
    Random-effects pooling of per-person log rate ratios y with variances v (SPEC 8):
    tau2 by DerSimonian-Laird ('dl', clipped at 0) or Paule-Mandel ('pm'); the 95% interval
    normal, or with hksj=True Hartung-Knapp-Sidik-Jonkman (SE * sqrt(max(1, q)), t with k - 1
    degrees of freedom); the 95% prediction interval (k >= 3). Returns a dict: k, rate_ratio,
    rate_ratio_low, rate_ratio_high, log_rate_ratio, se, tau2, i2, q, q_p_value,
    prediction_low, prediction_high (rate ratios), method, hksj, and the persons' weights
    1/(v + tau2) in the order given; None where k is too small. Raises ValidationError.
    """
__version__: str
compression_class_names: tuple = ('15-20', '20-30', '30-40', '40-50')
compression_length_names: tuple = ('knee', 'thigh', 'pantyhose')
fields: dict = {'cramp': [{'name': 'onset', 'kind': 'instant', 'required': True, 'nullable': False, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': tuple()}, {'name': 'duration_s', 'kind': 'integer', 'required': True, 'nullable': False, 'low': 1.0, 'high': 3600.0, 'unit': 'seconds', 'value_names': tuple()}, {'name': 'leg', 'kind': 'enumeration', 'required': True, 'nullable': False, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': ('left', 'right', 'both')}, {'name': 'muscle', 'kind': 'enumeration', 'required': False, 'nullable': False, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': ('calf', 'foot', 'toes', 'thigh', 'hamstring', 'shin', 'other')}, {'name': 'intensity', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 10.0, 'unit': '', 'value_names': tuple()}, {'name': 'woke', 'kind': 'boolean', 'required': False, 'nullable': True, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': tuple()}, {'name': 'notes', 'kind': 'text', 'required': False, 'nullable': True, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': tuple()}], 'night': [{'name': 'night', 'kind': 'date', 'required': True, 'nullable': False, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': tuple()}, {'name': 'bedtime', 'kind': 'instant', 'required': False, 'nullable': True, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': tuple()}, {'name': 'waketime', 'kind': 'instant', 'required': False, 'nullable': True, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': tuple()}, {'name': 'sleep_quality', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 10.0, 'unit': '', 'value_names': tuple()}, {'name': 'notes', 'kind': 'text', 'required': False, 'nullable': True, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': tuple()}], 'day': [{'name': 'day', 'kind': 'date', 'required': True, 'nullable': False, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': tuple()}, {'name': 'compression_hours', 'kind': 'real', 'required': False, 'nullable': True, 'low': 0.0, 'high': 24.0, 'unit': 'hours', 'value_names': tuple()}, {'name': 'compression_class', 'kind': 'enumeration', 'required': False, 'nullable': True, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': ('15-20', '20-30', '30-40', '40-50')}, {'name': 'compression_length', 'kind': 'enumeration', 'required': False, 'nullable': True, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': ('knee', 'thigh', 'pantyhose')}, {'name': 'swelling_grade', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 3.0, 'unit': '', 'value_names': tuple()}, {'name': 'ankle_left_cm', 'kind': 'real', 'required': False, 'nullable': True, 'low': 10.0, 'high': 80.0, 'unit': 'cm', 'value_names': tuple()}, {'name': 'ankle_right_cm', 'kind': 'real', 'required': False, 'nullable': True, 'low': 10.0, 'high': 80.0, 'unit': 'cm', 'value_names': tuple()}, {'name': 'calf_left_cm', 'kind': 'real', 'required': False, 'nullable': True, 'low': 10.0, 'high': 80.0, 'unit': 'cm', 'value_names': tuple()}, {'name': 'calf_right_cm', 'kind': 'real', 'required': False, 'nullable': True, 'low': 10.0, 'high': 80.0, 'unit': 'cm', 'value_names': tuple()}, {'name': 'standing_hours', 'kind': 'real', 'required': False, 'nullable': True, 'low': 0.0, 'high': 24.0, 'unit': 'hours', 'value_names': tuple()}, {'name': 'water_l', 'kind': 'real', 'required': False, 'nullable': True, 'low': 0.0, 'high': 15.0, 'unit': 'litres', 'value_names': tuple()}, {'name': 'exercise_min', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 1440.0, 'unit': 'minutes', 'value_names': tuple()}, {'name': 'elevation_min', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 1440.0, 'unit': 'minutes', 'value_names': tuple()}, {'name': 'heaviness', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 10.0, 'unit': '', 'value_names': tuple()}, {'name': 'aching', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 10.0, 'unit': '', 'value_names': tuple()}, {'name': 'throbbing', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 10.0, 'unit': '', 'value_names': tuple()}, {'name': 'burning', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 10.0, 'unit': '', 'value_names': tuple()}, {'name': 'itching', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 10.0, 'unit': '', 'value_names': tuple()}, {'name': 'restless_legs', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 10.0, 'unit': '', 'value_names': tuple()}, {'name': 'tingling', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 10.0, 'unit': '', 'value_names': tuple()}, {'name': 'swelling_feeling', 'kind': 'integer', 'required': False, 'nullable': True, 'low': 0.0, 'high': 10.0, 'unit': '', 'value_names': tuple()}, {'name': 'skin_discoloration', 'kind': 'boolean', 'required': False, 'nullable': True, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': tuple()}, {'name': 'ulcer', 'kind': 'boolean', 'required': False, 'nullable': True, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': tuple()}, {'name': 'tags', 'kind': 'tag_set', 'required': False, 'nullable': False, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': tuple()}, {'name': 'notes', 'kind': 'text', 'required': False, 'nullable': True, 'low': 0.0, 'high': 0.0, 'unit': '', 'value_names': tuple()}]}
leg_names: tuple = ('left', 'right', 'both')
min_trend_weeks: int = 4
muscle_names: tuple = ('calf', 'foot', 'toes', 'thigh', 'hamstring', 'shin', 'other')
symptom_names: tuple = ('heaviness', 'aching', 'throbbing', 'burning', 'itching', 'restless_legs', 'tingling', 'swelling_feeling')
