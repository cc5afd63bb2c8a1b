"""A Python program writing to a diary through the `legdiary` package, as a notebook would.

Run by the harnesses as a subprocess (and killed by them). After each call that returned it
prints one acknowledgement line and flushes, so the harness knows what was promised:

    cramp SLOT        log_cramp of entry SLOT returned (see harness_common.slot_onset)
    day DATE SLOT     log_day of DATE with version SLOT of its fields returned

Day logs are rewritten again and again (a replace is a delete and an insert of the log and
its tags), so a kill in the middle of one shows whether a half-replaced log can be seen.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys

import legdiary

from harness_common import BASE, slot_onset  # noqa: E402  (this folder is on sys.path when run)


def day_fields(version: int) -> dict[str, object]:
    """Version `version` of a day log: every field and tag carries the version."""
    return {"water_l": float(version % 15), "exercise_min": version % 1441, "heaviness": version % 11,
            "tags": [f"v{version}-{k}" for k in range(6)], "notes": f"version {version} — Wadenkrampf ✓"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--first-slot", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--day-every", type=int, default=0, help="also rewrite a day log every N cramps (0: never)")
    parser.add_argument("--day", default="2024-06-01", help="the day log rewritten")
    parser.add_argument("--busy-timeout-ms", type=int, default=5000)
    args = parser.parse_args()

    offset = dt.timezone(dt.timedelta(hours=1))
    day = dt.date.fromisoformat(args.day)
    with legdiary.Diary(args.db, busy_timeout_ms=args.busy_timeout_ms) as diary:
        print("open", flush=True)
        for n in range(args.count):
            slot = args.first_slot + n
            onset = dt.datetime.fromisoformat(slot_onset(slot)).replace(tzinfo=offset)
            diary.log_cramp(onset=onset, duration=60, leg="left", intensity=slot % 11, woke=slot % 2 == 0)
            print(f"cramp {slot}", flush=True)
            if args.day_every and n % args.day_every == 0:
                try:  # replace the whole log (log_day merges into a stored one by default)
                    diary.log_day(day=day, replace=True, **day_fields(slot))  # type: ignore[arg-type, call-arg]
                except TypeError:  # a package from before `replace` existed: log_day replaced
                    diary.log_day(day=day, **day_fields(slot))  # type: ignore[arg-type]
                print(f"day {day.isoformat()} {slot}", flush=True)
    assert BASE  # the slots are relative to it
    return 0


if __name__ == "__main__":
    sys.exit(main())
