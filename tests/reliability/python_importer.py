"""A Python program importing one CSV file with `Diary.import_csv`, as a notebook would.

Run by crash_harness.py as a subprocess (and killed by it in the middle of the import). It
prints `open` once the diary is open, then, if import_csv returned, one line

    imported KIND ROWS        ROWS: cramps added, or day logs put, by the import
"""
from __future__ import annotations

import argparse
import sys

import legdiary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--file", required=True, help="the CSV file to import")
    args = parser.parse_args()
    with legdiary.Diary(args.db) as diary:
        print("open", flush=True)
        result = diary.import_csv(args.file)
        print(f"imported {result.kind} {result.cramps_added or result.days_put}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
