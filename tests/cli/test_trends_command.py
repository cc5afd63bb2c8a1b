"""trends and compare: human output in words, and --json exactly the library's report."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from cli_support import ZONES

TREND_KEYS = {"range", "summary", "nightly", "weekly", "trend", "comparisons", "by_hour", "by_leg", "by_muscle", "alerts"}


def write_spec_check_diary(cli):
    """SPEC 3's check values: 40 compression nights with 6 cramps, 30 without with 15."""
    days = ["day,compression_hours"]
    nights = ["night,sleep_quality"]
    cramps = ["onset,duration_s,leg"]
    start = dt.date(2026, 9, 1)
    for i in range(70):
        night = start + dt.timedelta(days=i)
        exposed = i < 40
        days.append(f"{night},{8 if exposed else 0}")
        nights.append(f"{night},5")
        if (exposed and i % 7 == 0 and i < 42) or (not exposed and i % 2 == 0):
            onset = dt.datetime.combine(night + dt.timedelta(days=1), dt.time(3, 0))
            offset = "+02:00" if onset < dt.datetime(2026, 10, 25, 3) else "+01:00"
            cramps.append(f"{onset.isoformat()}{offset},60,left")
    for name, rows in (("days.csv", days), ("nights.csv", nights), ("cramps.csv", cramps)):
        (cli.folder / name).write_text("\n".join(rows) + "\n")
    cli.ok("import", *(str(cli.folder / n) for n in ("days.csv", "nights.csv", "cramps.csv")))
    return start, start + dt.timedelta(days=69)


def test_compare_gives_the_spec_check_values(cli):
    first, last = write_spec_check_diary(cli)
    result = cli.ok("compare", "compression", "--from", str(first), "--to", str(last), "--json").json()
    assert result["range"] == {"from": str(first), "to": str(last)}
    c = result["comparisons"]["compression"]
    assert (c["cramps_exposed"], c["nights_exposed"], c["cramps_unexposed"], c["nights_unexposed"]) == (6, 40, 15, 30)
    assert c["rate_ratio"] == pytest.approx(0.3)
    assert c["rate_ratio_low"] == pytest.approx(0.095365, abs=1e-6)
    assert c["rate_ratio_high"] == pytest.approx(0.818221, abs=1e-6)
    assert c["p_value"] == pytest.approx(0.013217, abs=1e-6)
    assert len(c["caveats"]) == 3

    human = cli.ok("compare", "compression", "--from", str(first), "--to", str(last)).out
    assert "0.30" in human and "0.10\u20130.82" in human and "70% fewer" in human and "p = 0.013" in human
    assert "Keep in mind" in human and "not independent" in human
    assert c["robust_rate_ratio_high"] < 1  # both intervals exclude 1 here
    # Fitted means 6/40 and 15/30 a night: Pearson χ² = Σ (y − μ)²/μ by hand, over 68.
    m1, m0 = 6 / 40, 15 / 30
    chi2 = (6 * (1 - m1) ** 2 + 34 * m1 ** 2) / m1 + (15 * (1 - m0) ** 2 + 15 * m0 ** 2) / m0
    assert c["dispersion"] == pytest.approx(chi2 / 68, rel=1e-9)
    assert "Neither interval includes no difference, so this is unlikely to be chance alone." in human


@pytest.mark.parametrize("zone", ZONES)
def test_trends_json_is_the_library_report(cli, zone):
    cli.tz = zone
    first, last = write_spec_check_diary(cli)
    report = cli.ok("trends", "--from", str(first), "--to", str(last), "--compare", "after:2026-10-01", "--json").json()
    assert set(report) == TREND_KEYS
    assert report["range"] == {"from": str(first), "to": str(last)}
    assert report["summary"]["recorded_nights"] == 70 and report["summary"]["cramps"] == 21
    assert report["summary"]["cramps_per_week"] == pytest.approx(7 * 21 / 70)
    assert set(report["comparisons"]) == {"compression", "after:2026-10-01"}
    # compare and trends agree on the same comparison.
    single = cli.ok("compare", "compression", "--from", str(first), "--to", str(last), "--json").json()
    assert single["comparisons"]["compression"] == report["comparisons"]["compression"]

    legdiary = pytest.importorskip("legdiary", reason="the legdiary Python package is not importable "
                                                      "(build it to compare with the library's own report)")
    library = legdiary.Diary(str(cli.db)).trends(first, last, compare=["after:2026-10-01"])

    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        return value
    assert json.loads(json.dumps(plain(library))) == report


def test_trends_default_range_is_eight_weeks_ending_last_night(seeded):
    report = seeded.ok("trends", "--json").json()
    assert report["range"] == {"from": "2026-09-26", "to": "2026-11-20"}
    assert seeded.ok("trends", "--weeks", "2", "--json").json()["range"] == {"from": "2026-11-07", "to": "2026-11-20"}
    assert seeded.ok("trends", "--to", "2026-11-10", "--weeks", "1", "--json").json()["range"] == \
        {"from": "2026-11-04", "to": "2026-11-10"}


def test_trends_for_people(cli):
    first, last = write_spec_check_diary(cli)
    out = cli.ok("trends", "--from", str(first), "--to", str(last)).out
    assert out.startswith("Trends, nights Tue 1 Sep \u2013 Mon 9 Nov (70 nights)")
    assert "recorded nights        70 of 70 (100%)" in out
    assert "cramps a week" in out
    sparkline = next(line for line in out.splitlines() if line.strip().startswith("cramps a week  "))
    assert set(sparkline.split("  ")[2].strip()) <= set("\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588 ")
    assert "Trend: " in out and "p " in out
    assert "compression" in out and "95% interval" in out and "Keep in mind" in out


def test_trends_with_too_little_data_says_so(seeded):
    out = seeded.ok("trends").out
    assert "Trend: not enough data yet" in out
    assert "missing nights are left out" in out


def test_alerts_are_shown_in_words(cli):
    cli.ok("log", "day", "--day", "2026-11-19", "--calf", "36,40")
    out = cli.ok("trends").out
    assert "Worth raising with your doctor" in out and "Thu 19 Nov" in out
    alerts = cli.ok("trends", "--json").json()["alerts"]
    assert alerts[0]["kind"] == "calf_asymmetry" and alerts[0]["difference_cm"] == pytest.approx(4.0)


def test_compare_shows_the_robust_interval_and_follows_both(cli):
    """Bad and good weeks, socks on in alternate weeks: the exact interval excludes 1, the
    robust one (statsmodels GLM Poisson, cov_type="HAC", maxlags 7: 0.1080528–1.0283035,
    p 0.0559526) includes it, so the words say it may well be chance."""
    per_night = [1, 3, 0, 0, 1, 3, 0, 0]  # cramps a night, week by week
    days, nights, cramps = ["day,compression_hours"], ["night,sleep_quality"], ["onset,duration_s,leg"]
    start = dt.date(2026, 1, 5)
    for i in range(56):
        night = start + dt.timedelta(days=i)
        week = i // 7
        days.append(f"{night},{8 if week % 2 == 0 else 0}")
        nights.append(f"{night},5")
        for k in range(per_night[week]):
            onset = dt.datetime.combine(night + dt.timedelta(days=1), dt.time(1 + k, 0))
            cramps.append(f"{onset.isoformat()}+01:00,60,left")
    for name, rows in (("days.csv", days), ("nights.csv", nights), ("cramps.csv", cramps)):
        (cli.folder / name).write_text("\n".join(rows) + "\n")
    cli.ok("import", *(str(cli.folder / n) for n in ("days.csv", "nights.csv", "cramps.csv")))
    last = start + dt.timedelta(days=55)
    c = cli.ok("compare", "compression", "--from", str(start), "--to", str(last), "--json").json()["comparisons"][
        "compression"]
    assert c["rate_ratio_high"] < 1
    assert c["robust_rate_ratio_low"] == pytest.approx(0.1080528323749132, rel=1e-6)
    assert c["robust_rate_ratio_high"] == pytest.approx(1.0283035499299693, rel=1e-6)
    assert c["robust_p_value"] == pytest.approx(0.05595262013544214, rel=1e-6)
    assert c["dispersion"] == pytest.approx(56 / 54, rel=1e-9)

    human = cli.ok("compare", "compression", "--from", str(start), "--to", str(last)).out
    assert "robust 95%" in human and "0.11\u20131.03" in human and "0.17\u20130.62" in human
    assert "allowing for runs of bad and good nights, 0.11 to 1.03" in human
    assert "may well be chance" in human and "unlikely to be chance alone." not in human
