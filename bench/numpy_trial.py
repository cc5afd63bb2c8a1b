"""The randomisation test of an N-of-1 trial as a researcher would otherwise compute it:
SPEC section 7 written with the standard library's sqlite3, pandas and numpy — the plan read
from the diary's `trials` table, the allocation re-derived from its seed (std::mt19937_64,
written out below), the analysed nights and their cramps per block and period summed with
pandas, then every allocation of the blocks enumerated at once as a bit matrix, in chunks.

It is the baseline of target 8 (bench/run.py) and is checked against Diary.trial_status()
and `legdiary trial status --json` there: the same p-values, exactly.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

LOW_BITS = 16  # the bit matrix holds 2^16 allocations of the first 16 blocks; the rest vary by chunk
MASK64 = (1 << 64) - 1


def mt19937_64(seed: int, count: int) -> list[int]:
    """The first `count` outputs of C++'s std::mt19937_64(seed)."""
    n, m = 312, 156
    state = [seed & MASK64]
    for i in range(1, n):
        state.append((6364136223846793005 * (state[-1] ^ (state[-1] >> 62)) + i) & MASK64)
    out: list[int] = []
    index = n
    for _ in range(count):
        if index >= n:
            for i in range(n):
                x = (state[i] & 0xFFFFFFFF80000000) | (state[(i + 1) % n] & 0x7FFFFFFF)
                state[i] = state[(i + m) % n] ^ (x >> 1) ^ (0xB5026F5AA96619E9 if x & 1 else 0)
            index = 0
        y = state[index]
        index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        out.append(y & MASK64)
    return out


@dataclass
class PeriodSums:
    id: int
    allocation: list[bool]  # per block, True: BA
    nights: np.ndarray  # blocks × 2 (period 1, period 2): analysed nights
    cramps: np.ndarray  # blocks × 2: their cramps


def period_sums(path: str, trial_id: int | None = None) -> PeriodSums:
    """The plan (the latest trial unless `trial_id`), its allocation (True: BA) and per block
    the analysed nights and cramps of period 1 and period 2."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        where = "WHERE id = ?" if trial_id is not None else "ORDER BY start DESC, id DESC LIMIT 1"
        plan = pd.read_sql_query("SELECT id, start, run_in_nights, blocks, period_nights, washout_nights, seed, "
                                 f"stopped FROM trials {where}", db,
                                 params=(trial_id,) if trial_id is not None else ()).iloc[0]
        start = pd.Timestamp(plan["start"])
        k, p, w, r = int(plan["blocks"]), int(plan["period_nights"]), int(plan["washout_nights"]), int(plan["run_in_nights"])
        nights = r + 2 * k * p
        last = start + pd.Timedelta(days=nights - 1)
        bounds = (plan["start"], last.strftime("%Y-%m-%d"))
        counts = pd.read_sql_query("SELECT night, count(*) AS cramps FROM cramp WHERE night BETWEEN ? AND ? "
                                   "GROUP BY night", db, params=bounds)
        checked_in = pd.read_sql_query("SELECT night FROM night WHERE night BETWEEN ? AND ?", db, params=bounds)
    # A night is recorded when it has a check-in or an episode.
    recorded = pd.concat([counts[["night"]], checked_in]).drop_duplicates()
    frame = recorded.merge(counts, on="night", how="left").fillna({"cramps": 0})
    frame["i"] = (pd.to_datetime(frame["night"]) - start).dt.days - r  # night of the periods, from 0
    frame = frame[frame["i"] >= 0]
    if plan["stopped"] is not None:
        frame = frame[pd.to_datetime(frame["night"]) < pd.Timestamp(plan["stopped"])]
    frame = frame[frame["i"] % p >= w]  # washout nights are not analysed
    slot = (frame["i"] // p).to_numpy()  # 2·(block − 1) + (period − 1)
    nights_by_slot = np.bincount(slot, minlength=2 * k).reshape(k, 2)
    cramps_by_slot = np.bincount(slot, weights=frame["cramps"].to_numpy(), minlength=2 * k).reshape(k, 2)
    allocation = [bool(x >> 63) for x in mt19937_64(int(plan["seed"]), k)]
    return PeriodSums(int(plan["id"]), allocation, nights_by_slot.astype(np.int64), cramps_by_slot.astype(np.int64))


def randomisation_test(path: str, trial_id: int | None = None) -> dict[str, object]:
    """SPEC 7's randomisation test by enumerating every allocation of the blocks that have an
    analysed night: `p_value`, `p_value_lower`, `assignments`."""
    sums = period_sums(path, trial_id)
    nights, cramps = sums.nights, sums.cramps
    used = nights.sum(axis=1) > 0
    ba = np.array(sums.allocation)[used]
    n1, n2 = nights[used, 0], nights[used, 1]
    y1, y2 = cramps[used, 0], cramps[used, 1]
    k = int(used.sum())
    total_nights, total_cramps = int(n1.sum() + n2.sum()), int(y1.sum() + y2.sum())

    def difference(yb: np.ndarray, eb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        ea = total_nights - eb
        valid = (eb > 0) & (ea > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            d = yb / eb - (total_cramps - yb) / ea
        return d, valid

    # Bit j of an allocation's number set: block j has B in period 1 (BA).
    observed, valid = difference(np.array([np.where(ba, y1, y2).sum()], dtype=np.float64),
                                 np.array([np.where(ba, n1, n2).sum()], dtype=np.float64))
    assignments = 1 << k
    if not valid[0]:
        return {"p_value": None, "p_value_lower": None, "assignments": assignments}
    d_obs = float(observed[0])
    epsilon = 1e-9 * max(1.0, abs(d_obs))
    # Per block, B's sums are those of period 2 plus, when BA, the change to period 1.
    swing = np.stack([y1 - y2, n1 - n2], axis=1).astype(np.float64)
    base = np.array([y2.sum(), n2.sum()], dtype=np.float64)
    low = min(k, LOW_BITS)
    numbers = np.arange(1 << low, dtype=np.int64)
    bits = ((numbers[:, None] >> np.arange(low)) & 1).astype(np.float64)  # 2^low × low
    low_sums = bits @ swing[:low] + base  # B's cramps and nights for each low part
    extreme = lower = 0
    for high in range(1 << (k - low)):
        high_bits = np.array([(high >> j) & 1 for j in range(k - low)], dtype=np.float64)
        sums_b = low_sums + high_bits @ swing[low:] if k > low else low_sums
        d, valid = difference(sums_b[:, 0], sums_b[:, 1])
        invalid = int((~valid).sum())  # a condition without an analysed night: extreme both ways
        extreme += int((np.abs(d[valid]) >= abs(d_obs) - epsilon).sum()) + invalid
        lower += int((d[valid] <= d_obs + epsilon).sum()) + invalid
    return {"p_value": extreme / assignments, "p_value_lower": lower / assignments, "assignments": assignments,
            "allocation": ["BA" if b else "AB" for b in sums.allocation]}


def check_same(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """Differences between a trial_status() answer and randomisation_test(): none expected."""
    problems = []
    result = ours["result"]
    for key in ("p_value", "p_value_lower", "assignments"):
        if result.get(key) != theirs[key]:
            problems.append(f"{key}: {result.get(key)!r} against {theirs[key]!r}")
    if ours["trial"]["allocation"] != theirs.get("allocation"):
        problems.append("allocation differs")
    return problems
