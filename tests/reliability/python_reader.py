"""A notebook-style reader: keeps a diary open with the `legdiary` package and computes the
trends and the episode frame in a loop until a stop file appears. Prints one line per
round, `round CRAMPS`, and exits 1 if the number of cramps it sees ever goes down (a reader
must never see an entry vanish) or the report and the frame disagree."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import legdiary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--stop-file", required=True)
    parser.add_argument("--from", dest="start", default="2024-12-01")
    parser.add_argument("--to", dest="end", default="2025-12-31")
    args = parser.parse_args()
    start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    stop = Path(args.stop_file)
    while not Path(args.db).exists():
        time.sleep(0.01)
    seen = 0
    with legdiary.Diary(args.db, create=False) as diary:
        while not stop.exists():
            report = diary.trends(start, end)
            cramps = int(report["summary"]["cramps"])
            if cramps < seen:
                print(f"cramps went down from {seen} to {cramps}", file=sys.stderr)
                return 1
            seen = cramps
            frame = diary.episodes(start, end)
            if len(frame) < cramps:
                print(f"the episode frame has {len(frame)} rows after a report of {cramps}", file=sys.stderr)
                return 1
            print(f"round {cramps}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
