"""Every benchmark of docs/performance.md, side by side with what a user would otherwise
use, in one run: prints the table (medians after a warm-up, ratio, target, pass/miss),
writes it as JSON and draws the scaling plot.

    scripts/bench            # builds build-bench (Release), then runs this
    python3 bench/run.py --build build-bench [--quick] [--data DIR] [--plot docs/performance-scaling.png]

The two sides of each comparison run alternately (A, B, A, B, ...) so that a busy machine
slows both alike. Generated diaries and CSV files are kept in --data between runs (they
are deterministic); nothing here is a test.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SQLITE3 = shutil.which("sqlite3") or "/usr/bin/sqlite3"


# ---------------------------------------------------------------------------------------
# Measuring


def run_child(argv: list[str], env: dict[str, str] | None = None, stdin: str | None = None) -> tuple[float, int]:
    """Wall time (s) of one child process (and 0: see run_child_rss for memory)."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, err = child.communicate(stdin)
    elapsed = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed ({child.returncode}): {err.strip()[:500]}")
    return elapsed, 0


def run_child_rss(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """As run_child, with the child's own peak RSS from wait4."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({child.returncode})")
    return elapsed, usage.ru_maxrss


def alternate(a: Callable[[int], float], b: Callable[[int], float], runs: int, warmup: int) -> tuple[list[float], list[float]]:
    """Runs a and b alternately, `warmup` times each unrecorded, then `runs` times each."""
    times_a: list[float] = []
    times_b: list[float] = []
    for i in range(warmup + runs):
        ta, tb = a(i), b(i)
        if i >= warmup:
            times_a.append(ta)
            times_b.append(tb)
    return times_a, times_b


class Table:
    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []

    def add(self, target: str, a_name: str, a: float, b_name: str, b: float, goal: str,
            passed: bool | None, note: str = "", unit: str = "s") -> None:
        self.rows.append({"target": target, "a": a_name, "a_value": a, "b": b_name, "b_value": b,
                          "ratio": a / b if b else float("nan"), "goal": goal, "passed": passed,
                          "note": note, "unit": unit})
        self.print_row(self.rows[-1])

    @staticmethod
    def value(v: float, unit: str) -> str:
        if unit == "s":
            return f"{v * 1000:.1f} ms" if v < 1 else f"{v:.2f} s"
        if unit == "MiB":
            return f"{v:.1f} MiB"
        return f"{v:.3g}"

    def print_row(self, row: dict[str, object]) -> None:
        verdict = {True: "pass", False: "MISS", None: "-"}[row["passed"]]
        print(f"{row['target']:<28} {row['a']:<34} {self.value(row['a_value'], row['unit']):>10}  "
              f"{row['b']:<34} {self.value(row['b_value'], row['unit']):>10}  {row['ratio']:>7.2f}x  "
              f"{row['goal']:<10} {verdict:<4} {row['note']}", flush=True)

    def markdown(self) -> str:
        lines = ["| target | A (legdiary) | A | B (the alternative) | B | A/B | goal | result |",
                 "|---|---|---:|---|---:|---:|---|---|"]
        for row in self.rows:
            verdict = {True: "pass", False: "**miss**", None: "(reported)"}[row["passed"]]
            lines.append(f"| {row['target']} | {row['a']} | {self.value(row['a_value'], row['unit'])} | {row['b']} | "
                         f"{self.value(row['b_value'], row['unit'])} | {row['ratio']:.2f}× | {row['goal']} | "
                         f"{verdict}{' — ' + row['note'] if row['note'] else ''} |")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Data


class Data:
    def __init__(self, folder: Path, generate: Path) -> None:
        self.folder = folder
        self.generate = generate
        folder.mkdir(parents=True, exist_ok=True)

    def diary(self, nights: int, seed: int = 1, *extra: str) -> Path:
        name = f"diary-{nights}-{seed}{''.join(extra).replace('-', '_')}.db"
        path = self.folder / name
        if not path.exists():
            partial = path.with_suffix(".partial")
            for leftover in self.folder.glob(partial.name + "*"):
                leftover.unlink()
            subprocess.run([str(self.generate), "-o", str(partial), "--nights", str(nights), "--seed", str(seed),
                            *extra], check=True, stdout=subprocess.DEVNULL)
            with sqlite3.connect(partial) as db:  # fold the WAL in, so copies are one file
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            partial.rename(path)
        return path

    def cramps_csv(self, episodes: int) -> Path:
        path = self.folder / f"cramps-{episodes}.csv"
        if not path.exists():
            nights = max(1000, int(episodes / 1.1))  # about 1.2 episodes a night with --cramps-per-night 2
            subprocess.run([str(self.generate), "-o", str(path), "--cramps-csv", "--nights", str(nights), "--seed", "7",
                            "--cramps-per-night", "2", "--max-cramps", str(episodes)], check=True,
                           stdout=subprocess.DEVNULL)
        return path


def copy_diary(source: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def extent(path: Path) -> tuple[datetime.date, datetime.date]:
    with sqlite3.connect(path) as db:
        first, last = db.execute("SELECT min(day), max(day) FROM day").fetchone()
    return datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)


# ---------------------------------------------------------------------------------------
# The benchmarks


def bench_logging(table: Table, cli: Path, data: Data, work: Path, runs: int) -> None:
    source = data.diary(3650)
    a_file, b_file = copy_diary(source, work / "log-a.db"), copy_diary(source, work / "log-b.db")
    env = dict(os.environ, LEGDIARY_NOW="2030-01-01T12:00:00+01:00", TZ="Europe/Berlin")
    start = datetime.datetime(2027, 1, 1, 22, 0)

    def onset(i: int) -> datetime.datetime:
        return start + datetime.timedelta(minutes=10 * i)  # a new, non-overlapping episode each run

    def a(i: int) -> float:
        at = onset(i).strftime("%Y-%m-%dT%H:%M:%S") + "+01:00"
        return run_child([str(cli), "--db", str(a_file), "log", "cramp", "--at", at, "-d", "90", "-l", "left",
                          "-i", "6", "--woke"], env=env)[0]

    def b(i: int) -> float:
        local = onset(i)
        at = local.strftime("%Y-%m-%dT%H:%M:%S") + "+01:00"
        utc = int((local - datetime.timedelta(hours=1) - datetime.datetime(1970, 1, 1)).total_seconds())
        night = (local - datetime.timedelta(hours=12)).date()
        sql = ("PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
               "INSERT INTO cramp (onset, onset_utc, night, duration_s, leg, muscle, intensity, woke) "
               f"VALUES ('{at}', {utc}, '{night}', 90, 'left', 'calf', 6, 1);")
        return run_child([SQLITE3, str(b_file), sql])[0]

    ta, tb = alternate(a, b, runs, warmup=3)
    ma, mb = statistics.median(ta), statistics.median(tb)
    table.add("1 logging (10-year diary)", "legdiary log cramp", ma, "sqlite3 shell INSERT", mb, "≤ 1.5×",
              ma / mb <= 1.5)


def bench_import(table: Table, cli: Path, data: Data, work: Path, runs: int, episodes: int) -> Path:
    csv_file = data.cramps_csv(episodes)
    small_csv = data.cramps_csv(episodes // 10)
    rss: list[int] = []
    env = dict(os.environ, LEGDIARY_NOW="9999-01-01T00:00:00+00:00")  # the file runs far beyond today

    def a(i: int) -> float:
        target = work / "import-a.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        elapsed, peak = run_child_rss([str(cli), "--db", str(target), "import", str(csv_file)], env=env)
        rss.append(peak)
        return elapsed

    def b(i: int) -> float:
        target = work / "import-b.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        script = ("PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\n"
                  "CREATE TABLE cramp (onset TEXT, duration_s INTEGER, leg TEXT, muscle TEXT, intensity INTEGER, "
                  "woke TEXT, notes TEXT);\n"
                  f".import --csv --skip 1 {csv_file} cramp\n")
        script_file = work / "import-b.sql"
        script_file.write_text(script)
        return run_child_rss([SQLITE3, str(target), f".read {script_file}"])[0]

    ta, tb = alternate(a, b, runs, warmup=1)
    ma, mb = statistics.median(ta), statistics.median(tb)
    table.add(f"2 import ({episodes:,} episodes)", "legdiary import", ma, "sqlite3 .import --csv", mb, "≤ 1.5×",
              ma / mb <= 1.5)
    small_rss = []
    for _ in range(2):
        target = work / "import-small.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        small_rss.append(run_child_rss([str(cli), "--db", str(target), "import", str(small_csv)], env=env)[1])
    big, small = max(rss) / 1024, max(small_rss) / 1024
    table.add("2 import peak memory", f"{episodes:,}-episode file", big, f"{episodes // 10:,}-episode file", small,
              "flat", big <= 1.25 * small + 8, note="peak RSS, 10× the rows", unit="MiB")
    return work / "import-a.db"


PYTHON_PATH: list[str] = []  # where the legdiary package under test is (--python)


def in_process(code: str, *args: str) -> dict[str, object]:
    """Runs a measurement in a fresh Python process and returns its JSON answer."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([*PYTHON_PATH, str(HERE), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True,
                         cwd=str(HERE), env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


TRENDS_CODE = r"""
import datetime, json, statistics, sys, time
import legdiary, pandas_trends
path, first, last, runs = sys.argv[1], datetime.date.fromisoformat(sys.argv[2]), datetime.date.fromisoformat(sys.argv[3]), int(sys.argv[4])
diary = legdiary.Diary(path)
ours = diary.trends(first, last)
theirs = pandas_trends.trends(path, first, last)
problems = pandas_trends.check_same(ours, theirs)
ta, tb = [], []
for i in range(runs):
    t = time.perf_counter(); diary.trends(first, last); ta.append(time.perf_counter() - t)
    t = time.perf_counter(); pandas_trends.trends(path, first, last); tb.append(time.perf_counter() - t)
print(json.dumps({"a": statistics.median(ta), "b": statistics.median(tb), "problems": problems}))
"""

MEMORY_CODE = r"""
import datetime, json, resource, sys, time
import legdiary
path, first, last = sys.argv[1], datetime.date.fromisoformat(sys.argv[2]), datetime.date.fromisoformat(sys.argv[3])
diary = legdiary.Diary(path)
def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() // 1024
before = rss_kib()
t = time.perf_counter()
report = diary.trends(first, last)
elapsed = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
del report
tables = diary.tables(first - datetime.timedelta(days=6), last)
columns = sum(a.nbytes for part in tables.values() for a in part.values() if hasattr(a, "nbytes"))
print(json.dumps({"seconds": elapsed, "peak_increase_kib": peak - before, "column_bytes": columns}))
"""

FRAMES_CODE = r"""
import json, sqlite3, statistics, sys, time
import pandas as pd
import legdiary
path, runs = sys.argv[1], int(sys.argv[2])
diary = legdiary.Diary(path)
query = "SELECT id, night, onset_utc, onset, duration_s, leg, muscle, intensity, woke FROM cramp ORDER BY onset_utc, id"
def theirs():
    with sqlite3.connect(path) as db:
        return pd.read_sql(query, db)
ours = diary.episodes()
assert len(ours) == len(theirs()), (len(ours), len(theirs()))
ta, tb = [], []
for i in range(runs):
    t = time.perf_counter(); diary.episodes(); ta.append(time.perf_counter() - t)
    t = time.perf_counter(); theirs(); tb.append(time.perf_counter() - t)
print(json.dumps({"a": statistics.median(ta), "b": statistics.median(tb), "rows": len(ours)}))
"""


FACTORS_CODE = r"""
import datetime, json, statistics, subprocess, sys, time
import legdiary, statsmodels_factors
path, runs, cli = sys.argv[1], int(sys.argv[4]), sys.argv[5]
first, last = datetime.date.fromisoformat(sys.argv[2]), datetime.date.fromisoformat(sys.argv[3])
command = [cli, "--db", path, "factors", "--from", str(first), "--to", str(last), "--json"]
# The first call of each is the warm-up, and its answer is checked: the same numbers.
ours = legdiary.Diary(path).factors(first, last)
printed = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
theirs = statsmodels_factors.factors(path, first, last)
problems, worst = statsmodels_factors.check_same(ours, theirs)
problems += ["CLI: " + p for p in statsmodels_factors.check_same(printed, theirs)[0]]
ta, tc, tb, fits = [], [], [], []
for i in range(runs):
    t = time.perf_counter(); legdiary.Diary(path).factors(first, last); ta.append(time.perf_counter() - t)
    t = time.perf_counter(); subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    tc.append(time.perf_counter() - t)
    parts = {}
    t = time.perf_counter(); statsmodels_factors.factors(path, first, last, parts); tb.append(time.perf_counter() - t)
    fits.append(parts["screen"])
print(json.dumps({"a": statistics.median(ta), "cli": statistics.median(tc), "b": statistics.median(tb),
                  "b_fits": statistics.median(fits), "tested": ours["tested"], "skipped": len(ours["skipped"]),
                  "problems": problems, "worst": worst}))
"""


def bench_factors(table: Table, cli: Path, data: Data, runs: int) -> None:
    """SPEC 6's screen of a 10-year diary against the same models fitted by statsmodels in a
    loop (bench/statsmodels_factors.py), in one Python process, alternately. B's time is the
    whole job (reading the file with sqlite3 and pandas, the designs, the fits, BH), as A's
    is (opening the diary, reading, fitting); B's fits alone are reported beside it."""
    path = data.diary(3650, 1, "--habits")
    first, last = extent(path)
    answer = in_process(FACTORS_CODE, str(path), str(first), str(last), str(runs), str(cli))

    def faster(b: float, a: float) -> str:
        return f"{b / a:.1f}× faster" if b >= a else f"{a / b:.1f}× slower"

    models = f"{answer['tested']} models fitted, {answer['skipped']} skipped"
    same = (f"same numbers (to {answer['worst']:.0e})" if not answer["problems"]
            else "DIFFER: " + "; ".join(answer["problems"][:3]))
    ok = not answer["problems"]
    a, b = answer["a"], answer["b"]
    table.add("7 factors (10 years)", "Diary.factors()", a, "statsmodels NB2 loop, whole job", b,
              "≤ 0.05× (20× faster)", ok and b / a >= 20, note=f"{faster(b, a)}; {models}; {same}")
    table.add("7 factors (10 years)", "legdiary factors --json", answer["cli"], "statsmodels NB2 loop, whole job", b,
              "≤ 0.05× (20× faster)", ok and b / answer["cli"] >= 20,
              note=f"{faster(b, answer['cli'])}; a new process each run")
    table.add("7 factors, fits only", "Diary.factors()", a, "statsmodels NB2 loop, fits only", answer["b_fits"],
              "report", None, note=f"{faster(answer['b_fits'], a)}; B without reading the file")


TRIAL_CODE = r"""
import json, os, statistics, subprocess, sys, time
path, runs, cli, now = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
os.environ["LEGDIARY_NOW"] = now  # after the trial's last night: finished
import legdiary, numpy_trial
command = [cli, "--db", path, "trial", "status", "--json"]
# The first call of each is the warm-up, and its answer is checked: the same p-values, exactly.
ours = legdiary.Diary(path).trial_status()
printed = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
theirs = numpy_trial.randomisation_test(path)
problems = numpy_trial.check_same(ours, theirs) + ["CLI: " + p for p in numpy_trial.check_same(printed, theirs)]
ta, tc, tb = [], [], []
for i in range(runs):
    t = time.perf_counter(); subprocess.run(command, check=True, stdout=subprocess.DEVNULL); tc.append(time.perf_counter() - t)
    t = time.perf_counter(); legdiary.Diary(path).trial_status(); ta.append(time.perf_counter() - t)
    t = time.perf_counter(); numpy_trial.randomisation_test(path); tb.append(time.perf_counter() - t)
print(json.dumps({"a": statistics.median(ta), "cli": statistics.median(tc), "b": statistics.median(tb),
                  "status": printed["trial"]["status"], "assignments": theirs["assignments"],
                  "p_value": theirs["p_value"], "p_value_lower": theirs["p_value_lower"], "problems": problems}))
"""


def trial_diary(cli: Path, data: Data) -> tuple[Path, str]:
    """A 10-year diary (3,650 nights) whose last 282 nights are a finished K = 20 trial of
    compression (run-in 2, periods of 7 nights, washout 2, seed 20261207), planned as on
    its first day (LEGDIARY_NOW then: the CLI refuses a start in the past). Returns the
    file and a LEGDIARY_NOW after the trial's end."""
    path = data.folder / "trial-3650-k20.db"
    source = data.diary(3650)
    first, last = extent(source)
    start = last - datetime.timedelta(days=2 + 2 * 20 * 7 - 1)
    if not path.exists():
        partial = copy_diary(source, data.folder / "trial-3650-k20.partial")
        env = dict(os.environ, TZ="UTC", LEGDIARY_NOW=f"{start}T18:00:00+00:00")
        subprocess.run([str(cli), "--db", str(partial), "trial", "plan", "--exposure", "compression",
                        "--start", str(start), "--run-in", "2", "--blocks", "20", "--period", "7", "--washout", "2",
                        "--seed", "20261207", "--name", "bench: K = 20"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        with sqlite3.connect(partial) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        partial.rename(path)
    return path, f"{last + datetime.timedelta(days=7)}T12:00:00+00:00"


def bench_trial(table: Table, cli: Path, data: Data, runs: int) -> None:
    """SPEC 7's randomisation test over all 2^20 allocations of a finished K = 20 trial, as a
    user asks for it (`legdiary trial status --json`, a new process each run; and
    `Diary.trial_status()` in process), against bench/numpy_trial.py: the same test as a
    vectorised numpy enumeration, the plan and nights read with sqlite3 and pandas. Each run
    times A's whole answer (the schedule, every number of the result) against B's p-values
    alone; before timing, the run checks that both give the same p-values exactly."""
    path, now = trial_diary(cli, data)
    answer = in_process(TRIAL_CODE, str(path), str(runs), str(cli), now)
    same = (f"same p = {answer['p_value']:.6g}, p_lower = {answer['p_value_lower']:.6g} over "
            f"{answer['assignments']:,} allocations" if not answer["problems"]
            else "DIFFER: " + "; ".join(answer["problems"][:3]))
    ok = not answer["problems"] and answer["status"] == "finished"
    table.add("8 trial status (K = 20)", "legdiary trial status --json", answer["cli"],
              "numpy enumeration (bench/numpy_trial.py)", answer["b"], "A < 1 s", ok and answer["cli"] < 1,
              note=f"a new process each run; {same}")
    table.add("8 trial status (K = 20)", "Diary.trial_status()", answer["a"],
              "numpy enumeration (bench/numpy_trial.py)", answer["b"], "A < 1 s", ok and answer["a"] < 1,
              note="in process")


def bench_trends(table: Table, data: Data, runs: int, sizes: dict[str, int]) -> None:
    for label, nights in sizes.items():
        path = data.diary(nights)
        first, last = extent(path)
        answer = in_process(TRENDS_CODE, str(path), str(first), str(last), str(runs))
        note = "same numbers" if not answer["problems"] else "DIFFER: " + "; ".join(answer["problems"][:3])
        ratio_ok = answer["b"] / answer["a"] >= 5 and not answer["problems"]
        table.add(f"3 trends ({label})", "Diary.trends()", answer["a"], "pandas (bench/pandas_trends.py)",
                  answer["b"], "≤ 0.2× (5× faster)", ratio_ok, note=note)


def bench_scaling(table: Table, data: Data, sizes: list[int], plot: Path | None, memory_tool: Path) -> None:
    """Time of Diary.trends() in Python against diary length; peak memory of the computation
    itself (Diary::trends in C++, legdiary-trends-memory) against the columns it reads; and,
    reported beside it, what Python's trends() adds by building a dict per night."""
    results = []
    for nights in sizes:
        path = data.diary(nights)
        first, last = extent(path)
        runs = [in_process(MEMORY_CODE, str(path), str(first), str(last)) for _ in range(3)]
        native = [json.loads(subprocess.run([str(memory_tool), str(path)], check=True, capture_output=True,
                                            text=True).stdout) for _ in range(3)]
        seconds = statistics.median(r["seconds"] for r in runs)
        results.append({"nights": nights, "seconds": seconds,
                        "peak_increase_kib": max(r["peak_increase_kib"] for r in runs),
                        "native_seconds": statistics.median(r["seconds"] for r in native),
                        "native_peak_increase_kib": max(r["peak_increase_kib"] for r in native),
                        "robust_seconds": statistics.median(r["robust_seconds"] for r in native),
                        "column_bytes": native[0]["column_bytes"]})
        r = results[-1]
        print(f"   scaling: {nights:>9,} nights  trends {seconds * 1000:9.1f} ms (C++ {r['native_seconds'] * 1000:8.1f} ms)"
              f"  peak + Python {r['peak_increase_kib'] / 1024:7.1f} MiB, C++ {r['native_peak_increase_kib'] / 1024:7.1f} MiB"
              f"  columns {r['column_bytes'] / 2**20:7.1f} MiB", flush=True)
    small, big = results[0], results[-1]
    growth = big["seconds"] / small["seconds"]
    table.add(f"4 scaling {small['nights']:.0e}→{big['nights']:.0e} nights", f"trends, {big['nights']:,} nights",
              big["seconds"], f"trends, {small['nights']:,} nights", small["seconds"], "≤ 120×", growth <= 120)
    # The robust comparison numbers (SPEC 3) against trends without them: the same C++ runs,
    # with the time of their fits, measured apart on the same nights, taken off.
    with_robust = big["native_seconds"]
    without_robust = with_robust - big["robust_seconds"]
    table.add(f"4 robust cost ({big['nights']:,} nights)", "Diary::trends with the robust comparisons", with_robust,
              "the same without their fits", without_robust, "≤ 1.2×", with_robust <= 1.2 * without_robust)
    column_mib = big["column_bytes"] / 2**20
    native_mib = big["native_peak_increase_kib"] / 1024
    table.add(f"4 memory ({big['nights']:,} nights)", "peak RSS increase in Diary::trends (C++)", native_mib,
              "column data", column_mib, "≤ 2×", native_mib <= 2 * column_mib, unit="MiB")
    python_mib = big["peak_increase_kib"] / 1024
    per_night = (big["peak_increase_kib"] - big["native_peak_increase_kib"]) * 1024 / big["nights"]
    table.add(f"4 memory, Python ({big['nights']:,} nights)", "peak RSS increase in Diary.trends()", python_mib,
              "column data", column_mib, "report", None, unit="MiB",
              note=f"the report's dicts: about {per_night:,.0f} bytes a night more")
    if plot:
        draw_scaling(results, plot)


def draw_scaling(results: list[dict[str, float]], plot: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    nights = [r["nights"] for r in results]
    seconds = [r["seconds"] for r in results]
    fig, ax = plt.subplots(figsize=(6, 4), dpi=120)
    ax.loglog(nights, seconds, "o-", label="Diary.trends()")
    linear = [seconds[0] * n / nights[0] for n in nights]
    ax.loglog(nights, linear, "--", color="grey", label="linear from the smallest")
    ax.set_xlabel("nights in the diary")
    ax.set_ylabel("seconds (median of 3)")
    ax.set_title("legdiary trends: time against diary length")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(plot)
    print(f"   wrote {plot}")


def bench_frames(table: Table, diary: Path, runs: int) -> None:
    answer = in_process(FRAMES_CODE, str(diary), str(runs))
    table.add(f"5 frames ({answer['rows']:,} episodes)", "Diary.episodes()", answer["a"],
              "pandas.read_sql via sqlite3", answer["b"], "≤ 0.2× (5× faster)", answer["b"] / answer["a"] >= 5)


def bench_startup(table: Table, cli: Path, work: Path, runs: int) -> None:
    empty = work / "empty.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(empty) + suffix).unlink(missing_ok=True)
    subprocess.run([str(cli), "--db", str(empty), "init"], check=True, stdout=subprocess.DEVNULL)
    baseline = lambda i: run_child([SQLITE3, ":memory:", "select 1"])[0]  # noqa: E731
    help_ = lambda i: run_child([str(cli), "--help"])[0]  # noqa: E731
    ta, tb = alternate(help_, baseline, runs, warmup=3)
    table.add("6 start-up", "legdiary --help", statistics.median(ta), "sqlite3 :memory: 'select 1'",
              statistics.median(tb), "report", None)
    trends = lambda i: run_child([str(cli), "--db", str(empty), "trends", "--from", "2026-01-01", "--to", "2026-02-01"])[0]  # noqa: E731
    ta, tb = alternate(trends, baseline, runs, warmup=3)
    table.add("6 start-up", "legdiary trends (empty diary)", statistics.median(ta), "sqlite3 :memory: 'select 1'",
              statistics.median(tb), "report", None)


def machine() -> dict[str, object]:
    load = os.getloadavg()
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    sqlite_version = subprocess.run([SQLITE3, "--version"], capture_output=True, text=True).stdout.split()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "load": load, "sqlite": sqlite_version,
            "python": sys.version.split()[0], "when": datetime.datetime.now().isoformat(timespec="seconds")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default="build-bench", help="a Release build folder (default build-bench)")
    parser.add_argument("--data", default=os.environ.get("LEGDIARY_BENCH_DATA", "/tmp/legdiary-bench"),
                        help="where generated diaries are kept")
    parser.add_argument("--python", default=None,
                        help="a folder holding the legdiary package to measure (default: the installed one)")
    parser.add_argument("--quick", action="store_true", help="fewer runs and a smaller import (a smoke test)")
    parser.add_argument("--only", default="12345678", help="which targets to run, e.g. 13")
    parser.add_argument("--plot", default=None, help="write the scaling plot here (PNG)")
    parser.add_argument("--json", default=None, help="write the table here as JSON")
    parser.add_argument("--markdown", default=None, help="write the table here as Markdown")
    args = parser.parse_args()

    build = Path(args.build).resolve()
    cli, generate = build / "examples/cli/legdiary", build / "bench/legdiary-generate"
    memory_tool = build / "bench/legdiary-trends-memory"
    for binary in (cli, generate, memory_tool):
        if not binary.exists():
            sys.exit(f"bench: {binary} is missing; build it first (scripts/bench does)")
    if args.python:
        PYTHON_PATH.append(str(Path(args.python).resolve()))
    data = Data(Path(args.data), generate)
    quick = args.quick
    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, load {info['load'][0]:.2f}; sqlite {info['sqlite']}, "
          f"python {info['python']}; {'quick' if quick else 'full'} run", flush=True)
    table = Table()
    with tempfile.TemporaryDirectory(prefix="legdiary-bench-") as folder:
        work = Path(folder)
        imported = None
        if "1" in args.only:
            bench_logging(table, cli, data, work, runs=5 if quick else 21)
        if "2" in args.only or "5" in args.only:
            imported = bench_import(table, cli, data, work, runs=1 if quick else 3,
                                    episodes=100_000 if quick else 1_000_000)
        if "3" in args.only:
            bench_trends(table, data, runs=3 if quick else 7,
                         sizes={"10 years": 3650, "10⁵ nights": 100_000} if quick
                         else {"10 years": 3650, "10⁶ nights": 1_000_000})
        if "4" in args.only:
            bench_scaling(table, data, [10_000, 100_000] if quick else [10_000, 30_000, 100_000, 300_000, 1_000_000],
                          Path(args.plot) if args.plot else None, memory_tool)
        if "5" in args.only and imported:
            bench_frames(table, imported, runs=3 if quick else 7)
        if "6" in args.only:
            bench_startup(table, cli, work, runs=5 if quick else 21)
        if "7" in args.only:
            bench_factors(table, cli, data, runs=3 if quick else 7)
        if "8" in args.only:
            bench_trial(table, cli, data, runs=3 if quick else 7)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "rows": table.rows}, indent=1, ensure_ascii=False))
    if args.markdown:
        Path(args.markdown).write_text(table.markdown() + "\n")
    print()
    print(table.markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
