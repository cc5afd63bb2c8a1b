"""Crash-safety harness: SIGKILL real writers at random moments and check what survives.

Five kinds of victim, each killed many times:

* `legdiary log cramp` (the CLI): each run is started, then killed after a random delay
  spread over its usual running time. A run that exited 0 before the kill is acknowledged.
* a Python program (`python_writer.py`) logging cramps and rewriting a day log with the
  `legdiary` package in a loop; it prints an acknowledgement after every call that
  returned, and is killed after a random delay once it has opened the diary.
* `legdiary import` of a large CSV file (tens of thousands of rows, exported from a
  generated diary) into a copy of a small diary, killed at a random moment of the import.
* the same import through Python's `Diary.import_csv` (`python_importer.py`), killed at a
  random moment after it has opened the diary.
* `legdiary trial plan` with every field given (a seed above 2^53, name and hypothesis in
  several scripts), each a new trial, killed after a random delay spread over its usual
  running time.

After every kill: `PRAGMA integrity_check` and `foreign_key_check` (Python's sqlite3) and
`legdiary check` report a healthy file; every acknowledged entry is there; a rewritten day
log is exactly one whole version, not older than the last acknowledged one; an import is
all there or not there at all (and all there when the CLI exited 0); a trial plan is either
absent or whole — its `trials` row and `trial status --json` hold every field as given, seed
string included — and every acknowledged plan is there; and the diary still takes a new
entry (and a new plan).

    python3 tests/reliability/crash_harness.py --cli-kills 100 --python-kills 60 --import-kills 80 \
        --python-import-kills 40 --trial-kills 60
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

import harness_common as common
from harness_common import cli_ok, run_cli, slot_onset


class HarnessFailure(AssertionError):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise HarnessFailure(message)


@dataclass
class Figures:
    kills: int = 0
    runs: int = 0
    acknowledged: int = 0
    acknowledged_checked: int = 0
    stored_but_unacknowledged: int = 0
    integrity_checks: int = 0
    seconds: float = 0.0
    extra: dict[str, int] = field(default_factory=dict)


def check_healthy(cli: str, db: Path, figures: Figures, when: str) -> None:
    problems = common.integrity(db)
    expect(not problems, f"{when}: integrity_check found {problems}")
    done = run_cli(cli, db, "check")
    expect(done.returncode == 0 and done.stdout.strip() == "ok",
           f"{when}: legdiary check exited {done.returncode}: {done.stdout}{done.stderr}")
    figures.integrity_checks += 1


def kill_after(process: subprocess.Popen[str], delay: float) -> bool:
    """SIGKILL `process` after `delay` seconds unless it ended first; True when it was killed."""
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    process.wait()
    return process.returncode == -signal.SIGKILL


def run_maybe_killed(command: list[str], env: dict[str, str], db: Path, table: str, delay: float,
                     figures: Figures) -> tuple[bool, int, str, str]:
    """Runs a CLI writer and SIGKILLs it after `delay` seconds unless it is done by then:
    (killed, exit code, stdout, stderr). Every other run (by figures.runs) a notebook keeps
    the diary open, reading `table`: the CLI's closing then does not checkpoint, so the
    kills fall more often inside its write transaction."""
    notebook = common.connect(db) if figures.runs % 2 else None
    if notebook:
        notebook.execute(f"SELECT count(*) FROM {table}").fetchone()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = kill_after(process, delay)
    out, err = process.communicate()
    if notebook:
        notebook.close()
        figures.extra["kills_with_reader_open"] += killed
    return killed, process.returncode, out, err


def usual_seconds(command: list[str], env: dict[str, str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def log_cramp_command(cli: str, db: Path, slot: int) -> list[str]:
    return [cli, "--db", str(db), "log", "cramp", "--at", slot_onset(slot), "--leg", "right", "--duration", "60",
            "--intensity", str(slot % 11), "--woke", "--note", f"Eintrag {slot}: Krampf im Fuß ✓"]


def crash_cli_logging(cli: str, folder: Path, kills: int, rng: random.Random) -> Figures:
    figures = Figures()
    start = time.perf_counter()
    db = folder / "cli-log.db"
    cli_ok(cli, db, "init")
    env = common.environment(db)
    slot = 0
    acknowledged: set[str] = set()
    times = []
    for _ in range(5):  # how long a run takes, so the kills are spread over its whole life
        started = time.perf_counter()
        subprocess.run(log_cramp_command(cli, db, slot), env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
        acknowledged.add(slot_onset(slot))
        slot += 1
    lifetime = statistics.median(times)
    figures.extra = {"killed_before_commit": 0, "killed_after_commit": 0, "kills_with_reader_open": 0}
    while figures.kills < kills:
        slot += 1
        figures.runs += 1
        killed, returncode, out, err = run_maybe_killed(log_cramp_command(cli, db, slot), env, db, "cramp",
                                                        rng.uniform(0, 1.2 * lifetime), figures)
        if killed:
            figures.kills += 1
        else:
            expect(returncode == 0 and out.startswith("cramp"), f"log cramp exited {returncode}: {err}")
            acknowledged.add(slot_onset(slot))
            continue
        check_healthy(cli, db, figures, f"after kill {figures.kills} (CLI logging)")
        stored = common.stored_onsets(db)
        missing = acknowledged - stored
        expect(not missing, f"after kill {figures.kills}: acknowledged entries lost: {sorted(missing)[:5]}")
        figures.acknowledged_checked += len(acknowledged)
        if slot_onset(slot) in stored:
            figures.stored_but_unacknowledged += 1
            figures.extra["killed_after_commit"] += 1
            acknowledged.add(slot_onset(slot))  # from now on it must stay
        else:
            figures.extra["killed_before_commit"] += 1
    figures.acknowledged = len(acknowledged)
    figures.seconds = time.perf_counter() - start
    return figures


def read_acknowledgements(stream, lines: list[str], opened: threading.Event) -> None:  # type: ignore[no-untyped-def]
    for line in stream:
        lines.append(line.strip())
        if line.startswith("open"):
            opened.set()
    opened.set()


def kill_after_open(command: list[str], env: dict[str, str], delay: float) -> tuple[bool, list[str], str]:
    """Starts a Python victim and SIGKILLs it `delay` seconds after it printed `open` (its
    diary is open), unless it ended first: (killed, the lines it printed, its stderr)."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    opened = threading.Event()
    reader = threading.Thread(target=read_acknowledgements, args=(process.stdout, lines, opened))
    reader.start()
    opened.wait(timeout=60)
    killed = kill_after(process, delay)
    reader.join()
    err = process.stderr.read() if process.stderr else ""
    return killed, lines, f"exit {process.returncode}: {err}"


def check_day_version(db: Path, day: str, last_acknowledged: int | None, when: str) -> None:
    """The day log is one whole version, at least the last acknowledged one."""
    connection = common.connect(db)
    try:
        row = connection.execute("SELECT notes, water_l, exercise_min, heaviness FROM day WHERE day = ?",
                                 (day,)).fetchone()
        tags = {tag for (tag,) in connection.execute("SELECT tag FROM day_tag WHERE day = ?", (day,))}
    finally:
        connection.close()
    if row is None:
        expect(last_acknowledged is None and not tags, f"{when}: acknowledged day log {day} lost (tags {tags})")
        return
    version = int(row[0].split()[1])
    expect(last_acknowledged is None or version >= last_acknowledged,
           f"{when}: day log {day} went back to version {version} after {last_acknowledged} was acknowledged")
    expected = {"water_l": float(version % 15), "exercise_min": version % 1441, "heaviness": version % 11}
    expect(row[1:] == tuple(expected.values()), f"{when}: day log {day} mixes versions: {row} vs {expected}")
    expect(tags == {f"v{version}-{k}" for k in range(6)}, f"{when}: day log {day} version {version} has tags {tags}")


def crash_python_logging(cli: str, folder: Path, kills: int, rng: random.Random) -> Figures:
    figures = Figures()
    start = time.perf_counter()
    db = folder / "python-log.db"
    day = "2024-06-01"
    env = common.python_environment(db)
    acknowledged: set[str] = set()
    last_day_version: int | None = None
    next_slot = 0
    while figures.kills < kills:
        figures.runs += 1
        killed, lines, err = kill_after_open([sys.executable, str(common.PYTHON_WRITER), "--db", str(db),
                                              "--first-slot", str(next_slot), "--count", "1000000", "--day-every",
                                              "3", "--day", day], env, rng.uniform(0, 0.25))
        expect(killed, f"the Python writer ended by itself ({err})")
        figures.kills += 1
        highest = next_slot
        for line in lines:
            words = line.split()
            if words[0] == "cramp":
                acknowledged.add(slot_onset(int(words[1])))
                highest = max(highest, int(words[1]))
            elif words[0] == "day":
                last_day_version = int(words[2])
        next_slot = highest + 2  # past the entry that may have been stored unacknowledged
        when = f"after kill {figures.kills} (Python writer)"
        check_healthy(cli, db, figures, when)
        stored = common.stored_onsets(db)
        missing = acknowledged - stored
        expect(not missing, f"{when}: acknowledged entries lost: {sorted(missing)[:5]}")
        figures.acknowledged_checked += len(acknowledged)
        if slot_onset(highest + 1) in stored:
            figures.stored_but_unacknowledged += 1
            acknowledged.add(slot_onset(highest + 1))
        check_day_version(db, day, last_day_version, when)
        if last_day_version is not None:
            figures.acknowledged_checked += 1
    figures.acknowledged = len(acknowledged)
    figures.seconds = time.perf_counter() - start
    return figures


@dataclass
class ImportFile:
    path: Path
    table: str
    rows: int
    tags: int = 0


def prepare_import(cli: str, generate: str, folder: Path, nights: int) -> tuple[Path, list[ImportFile], set[str]]:
    """A small diary with acknowledged entries, and large CSV files exported from a generated one."""
    generated = folder / "generated.db"
    subprocess.run([generate, "-o", str(generated), "--nights", str(nights), "--seed", "11",
                    "--cramps-per-night", "2", "--last-night", "2026-10-31"], check=True, capture_output=True)
    exported = folder / "export"
    cli_ok(cli, generated, "export", "--format", "csv", "-o", str(exported))
    files = [ImportFile(exported / "cramps.csv", "cramp", common.count(generated, "SELECT count(*) FROM cramp")),
             ImportFile(exported / "days.csv", "day", common.count(generated, "SELECT count(*) FROM day"),
                        common.count(generated, "SELECT count(*) FROM day_tag"))]
    base = folder / "base.db"
    acknowledged = set()
    for n in range(5):  # after the generated diary's last night: no overlap with its cramps
        onset = f"2026-11-1{n}T03:00:00+01:00"
        cli_ok(cli, base, "log", "cramp", "--at", onset, "--leg", "both", "--duration", "120", "--note", "vorher ✓")
        acknowledged.add(onset)
    cli_ok(cli, base, "log", "day", "--day", "2026-11-15", "--tag", "before-import", "--socks", "8")
    return base, files, acknowledged


def python_import_command(db: Path, file: Path) -> list[str]:
    return [sys.executable, str(common.PYTHON_IMPORTER), "--db", str(db), "--file", str(file)]


def python_import_seconds(db: Path, file: Path) -> float:
    """How long a Python import_csv of `file` takes from the moment the diary is open."""
    process = subprocess.Popen(python_import_command(db, file), env=common.python_environment(db),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    expect(process.stdout.readline().startswith("open"), f"the Python importer did not open {db}")
    opened = time.perf_counter()
    out, err = process.communicate()
    expect(process.returncode == 0 and out.startswith("imported"),
           f"the Python importer exited {process.returncode}: {err}")
    return time.perf_counter() - opened




def crash_import(cli: str, generate: str, folder: Path, kills: int, rng: random.Random, nights: int,
                 victim: str = "cli") -> Figures:
    """Kills imports of large CSV files: `legdiary import` (victim "cli") or a Python
    `Diary.import_csv` (victim "python"); each must leave all of a file's rows or none."""
    figures = Figures(extra={"import_rows_cramps": 0, "import_rows_days": 0, "killed_with_nothing": 0,
                             "killed_with_everything": 0, "completed_before_kill": 0, "reimports": 0})
    start = time.perf_counter()
    folder = folder / f"import-{victim}"
    folder.mkdir(exist_ok=True)
    base, files, acknowledged = prepare_import(cli, generate, folder, nights)
    figures.extra["import_rows_cramps"] = files[0].rows
    figures.extra["import_rows_days"] = files[1].rows
    base_cramps = common.count(base, "SELECT count(*) FROM cramp")
    work = folder / "import.db"
    lifetimes = {}
    for file in files:
        shutil.copyfile(base, work)
        if victim == "python":
            lifetimes[file.table] = python_import_seconds(work, file.path)
        else:
            lifetimes[file.table] = usual_seconds([cli, "--db", str(work), "import", str(file.path)],
                                                  common.environment(work), runs=1)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
    attempt = 0
    while figures.kills < kills:
        file = files[attempt % len(files)]
        attempt += 1
        figures.runs += 1
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(base, work)
        if victim == "python":  # killed a random moment after it opened the diary
            killed, lines, err = kill_after_open(python_import_command(work, file.path),
                                                 common.python_environment(work),
                                                 rng.uniform(0, 1.1 * lifetimes[file.table]))
            returncode = 0 if any(line.startswith("imported") for line in lines) else 1
        else:
            process = subprocess.Popen([cli, "--db", str(work), "import", str(file.path)],
                                       env=common.environment(work), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       text=True)
            killed = kill_after(process, rng.uniform(0, 1.1 * lifetimes[file.table]))
            _, err = process.communicate()
            returncode = process.returncode
        when = f"after {victim} import kill {figures.kills + 1} ({file.path.name})"
        if killed:
            figures.kills += 1
        else:
            expect(returncode == 0, f"{victim} import exited {returncode}: {err}")
            figures.extra["completed_before_kill"] += 1
        check_healthy(cli, work, figures, when)
        missing = acknowledged - common.stored_onsets(work)
        expect(not missing, f"{when}: entries stored before the import lost: {missing}")
        figures.acknowledged_checked += len(acknowledged) + 1
        expect(common.count(work, "SELECT count(*) FROM day_tag WHERE tag = 'before-import'") == 1,
               f"{when}: the day log stored before the import lost its tag")
        if file.table == "cramp":
            imported = common.count(work, "SELECT count(*) FROM cramp") - base_cramps
            tags_imported = 0
        else:
            imported = common.count(work, "SELECT count(*) FROM day WHERE day <> '2026-11-15'")
            tags_imported = common.count(work, "SELECT count(*) FROM day_tag WHERE day <> '2026-11-15'")
        whole = imported == file.rows and tags_imported == file.tags
        expect(whole or (imported == 0 and tags_imported == 0),
               f"{when}: partial import: {imported} of {file.rows} rows, {tags_imported} of {file.tags} tags")
        expect(whole or killed, f"{when}: import returned but only {imported} of {file.rows} rows are there")
        if killed:
            figures.extra["killed_with_everything" if whole else "killed_with_nothing"] += 1
        # The diary takes new entries after the crash, and a killed import can be run again.
        cli_ok(cli, work, "log", "night", "--night", "2026-11-19", "--sleep-quality", "5")
        if killed and not whole and attempt % 4 == 0:
            again = run_cli(cli, work, "import", str(file.path))
            expect(again.returncode == 0, f"{when}: import after the kill exited {again.returncode}: {again.stderr}")
            figures.extra["reimports"] += 1
    figures.acknowledged = len(acknowledged)
    figures.seconds = time.perf_counter() - start
    return figures


# Trials are planned in the future of the harness's clock (NOW), each 100 nights after the
# one before: no plan is longer than 7 + 2·6·7 = 91 nights, so they never overlap.
TRIAL_FIRST_START = date(2027, 1, 1)
TRIAL_SPACING = 100
TRIAL_CREATED = "2026-11-21T06:30:00Z"  # NOW in UTC
PLAN_FIELDS = ("exposure", "start", "run_in_nights", "blocks", "period_nights", "washout_nights", "seed", "name",
               "hypothesis")


def trial_plan_fields(attempt: int, rng: random.Random) -> dict[str, object]:
    """The plan of attempt `attempt`, with every field given (the seed above 2^53, text in
    several scripts), as `trial status --json` must print it back."""
    period = rng.randint(3, 7)
    return {"exposure": "compression" if attempt % 2 else "tag:magnesium-" + str(attempt % 7),
            "start": str(TRIAL_FIRST_START + timedelta(days=TRIAL_SPACING * attempt)),
            "run_in_nights": rng.randint(0, 7), "blocks": rng.randint(2, 6), "period_nights": period,
            "washout_nights": rng.randint(0, period - 1), "seed": str(rng.randrange(2**53, 2**64)),
            "name": f"Versuch {attempt}: Strümpfe ✓", "hypothesis": f"Fewer cramps — moins de crampes ({attempt})"}


def trial_plan_command(cli: str, db: Path, plan: dict[str, object]) -> list[str]:
    return [cli, "--db", str(db), "trial", "plan", "--exposure", str(plan["exposure"]), "--start", str(plan["start"]),
            "--run-in", str(plan["run_in_nights"]), "--blocks", str(plan["blocks"]),
            "--period", str(plan["period_nights"]), "--washout", str(plan["washout_nights"]),
            "--seed", str(plan["seed"]), "--name", str(plan["name"]), "--hypothesis", str(plan["hypothesis"])]


def check_trials(cli: str, db: Path, plans: dict[str, dict[str, object]], when: str) -> set[str]:
    """Every stored trial is one of `plans` (by start), whole: its row and what `trial status
    --json` prints hold every field as given, untouched (not stopped, created at NOW).
    Returns the starts stored."""
    connection = common.connect(db)
    try:
        connection.row_factory = sqlite3.Row
        rows = [dict(row) for row in connection.execute("SELECT * FROM trials ORDER BY start")]
    finally:
        connection.close()
    stored = set()
    for row in rows:
        plan = plans.get(row["start"])
        expect(plan is not None, f"{when}: a trial nobody planned: {row}")
        assert plan is not None
        expect(row["start"] not in stored, f"{when}: two trials start on {row['start']}")
        stored.add(row["start"])
        printed = json.loads(cli_ok(cli, db, "trial", "status", "--id", str(row["id"]), "--json"))["trial"]
        for source, values in (("row", row), ("trial status --json", printed)):
            differ = {key: (values.get(key), plan[key]) for key in PLAN_FIELDS if values.get(key) != plan[key]}
            expect(not differ, f"{when}: trial {row['id']} ({source}) differs from its plan: {differ}")
            expect(values.get("stopped") is None and values.get("stop_reason") is None and
                   values.get("created") == TRIAL_CREATED, f"{when}: trial {row['id']} ({source}): {values}")
        expect(len(printed["allocation"]) == plan["blocks"], f"{when}: trial {row['id']}: {printed['allocation']}")
    return stored


def crash_trial_plan(cli: str, folder: Path, kills: int, rng: random.Random) -> Figures:
    """Kills `legdiary trial plan` at random moments: afterwards the diary holds either no
    plan or the whole plan for each attempt, and every acknowledged plan."""
    figures = Figures(extra={"killed_before_commit": 0, "killed_after_commit": 0, "kills_with_reader_open": 0,
                             "plans_checked": 0})
    start = time.perf_counter()
    db = folder / "trial-plan.db"
    cli_ok(cli, db, "init")
    cli_ok(cli, db, "log", "cramp", "--at", slot_onset(0), "--leg", "left", "--duration", "60")
    env = common.environment(db)
    plans: dict[str, dict[str, object]] = {}
    acknowledged: set[str] = set()
    times = []
    attempt = 0
    for attempt in range(5):  # how long a plan takes, so the kills are spread over its whole life
        plan = trial_plan_fields(attempt, rng)
        plans[str(plan["start"])] = plan
        started = time.perf_counter()
        subprocess.run(trial_plan_command(cli, db, plan), env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
        acknowledged.add(str(plan["start"]))
    lifetime = statistics.median(times)
    while figures.kills < kills:
        attempt += 1
        figures.runs += 1
        plan = trial_plan_fields(attempt, rng)
        plans[str(plan["start"])] = plan
        killed, returncode, out, err = run_maybe_killed(trial_plan_command(cli, db, plan), env, db, "trials",
                                                        rng.uniform(0, 1.2 * lifetime), figures)
        if killed:
            figures.kills += 1
        else:
            expect(returncode == 0 and out.startswith("Trial"), f"trial plan exited {returncode}: {err}")
            acknowledged.add(str(plan["start"]))
            continue
        when = f"after kill {figures.kills} (trial plan)"
        check_healthy(cli, db, figures, when)
        stored = check_trials(cli, db, plans, when)
        figures.extra["plans_checked"] += len(stored)
        missing = acknowledged - stored
        expect(not missing, f"{when}: acknowledged plans lost: {sorted(missing)}")
        figures.acknowledged_checked += len(acknowledged)
        if str(plan["start"]) in stored:
            figures.stored_but_unacknowledged += 1
            figures.extra["killed_after_commit"] += 1
            acknowledged.add(str(plan["start"]))  # from now on it must stay
        else:
            figures.extra["killed_before_commit"] += 1
    # The diary still takes a plan after the last kill.
    attempt += 1
    plan = trial_plan_fields(attempt, rng)
    plans[str(plan["start"])] = plan
    cli_ok(cli, db, *trial_plan_command(cli, db, plan)[3:])
    acknowledged.add(str(plan["start"]))
    expect(check_trials(cli, db, plans, "after the kills") >= acknowledged, "a plan made after the kills is missing")
    figures.acknowledged = len(acknowledged)
    figures.seconds = time.perf_counter() - start
    return figures


def run(cli: str, generate: str, folder: Path, cli_kills: int, python_kills: int, import_kills: int, seed: int,
        import_nights: int = 30000, python_import_kills: int = 0, trial_kills: int = 0) -> dict[str, dict[str, object]]:
    rng = random.Random(seed)
    results = {}
    if cli_kills:
        results["cli_logging"] = asdict(crash_cli_logging(cli, folder, cli_kills, rng))
    if python_kills:
        results["python_logging"] = asdict(crash_python_logging(cli, folder, python_kills, rng))
    if import_kills:
        results["import"] = asdict(crash_import(cli, generate, folder, import_kills, rng, import_nights))
    if python_import_kills:
        results["python_import"] = asdict(crash_import(cli, generate, folder, python_import_kills, rng,
                                                       import_nights, victim="python"))
    if trial_kills:
        results["trial_plan"] = asdict(crash_trial_plan(cli, folder, trial_kills, rng))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli-kills", type=int, default=100)
    parser.add_argument("--python-kills", type=int, default=60)
    parser.add_argument("--import-kills", type=int, default=80)
    parser.add_argument("--python-import-kills", type=int, default=40)
    parser.add_argument("--trial-kills", type=int, default=60)
    parser.add_argument("--import-nights", type=int, default=30000, help="nights of the generated diary to import")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--out", help="write the figures here as JSON too")
    args = parser.parse_args()
    cli, generate = common.cli_binary(), common.generate_binary()
    if not cli or not generate:
        parser.error("build legdiary_cli and legdiary_generate, or set LEGDIARY_CLI and LEGDIARY_GENERATE")
    if (args.python_kills or args.python_import_kills) and (problem := common.python_package_problem()):
        print(f"skipping the Python writer and importer: {problem}", file=sys.stderr)
        args.python_kills = args.python_import_kills = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="legdiary-crash-") as folder:
        results: dict[str, object] = dict(run(cli, generate, Path(folder), args.cli_kills, args.python_kills,
                                              args.import_kills, args.seed, args.import_nights,
                                              args.python_import_kills, args.trial_kills))
    results["total_kills"] = sum(r["kills"] for r in results.values() if isinstance(r, dict))  # type: ignore[misc]
    results["seconds"] = round(time.perf_counter() - start, 1)
    common.report_figures(results, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
