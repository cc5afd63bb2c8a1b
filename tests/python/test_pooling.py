"""legdiary.pool (SPEC 8's pooling of per-person log rate ratios) against statsmodels'
``combine_effects`` — Paule–Mandel, and DerSimonian–Laird where Q ≥ k − 1 — and against
DerSimonian–Laird written out here where Q < k − 1 (statsmodels returns a negative τ² there).
The intervals use SPEC 8's z = 1.959964 and its HKSJ rule SE·√max(1, q); scipy gives the
χ² and t distributions."""

from __future__ import annotations

import math
import warnings
from collections import Counter

import numpy as np
import pytest
from scipy import stats
from scipy.optimize import brentq
from statsmodels.stats.meta_analysis import _fit_tau_iterative, combine_effects

import legdiary

Z = 1.959964


def paule_mandel_written_out(y: np.ndarray, v: np.ndarray) -> float:
    """τ² ≥ 0 with Σ (y − μ)²/(v + τ²) = k − 1, by scipy's brentq on a bracket."""
    def excess(tau2: float) -> float:
        w = 1 / (v + tau2)
        return float((w * (y - (w * y).sum() / w.sum()) ** 2).sum()) - (len(y) - 1)
    if excess(0.0) <= 0:
        return 0.0
    high = 1.0
    while excess(high) > 0:
        high *= 2
    return float(brentq(excess, 0.0, high, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500))


SETTINGS = {"atol": 1e-11, "maxiter": 1000}  # statsmodels' Paule–Mandel iteration, tightened


def reference(y: np.ndarray, v: np.ndarray, method: str, hksj: bool, counts: Counter[str]) -> dict[str, float | None]:
    k = len(y)
    w = 1 / v
    q = float((w * (y - (w * y).sum() / w.sum()) ** 2).sum())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # statsmodels' sqrt of a negative DL tau2
        result = combine_effects(y, v, method_re=method, **SETTINGS)
    from_statsmodels = True
    if method == "pm":
        # statsmodels' iteration stops at τ² = 0 whenever a step overshoots the root (its
        # estimating equation below 0); then the equation is solved here instead.
        _, converged = _fit_tau_iterative(y, v, **SETTINGS)
        if converged or q <= k - 1:
            tau2 = float(result.tau2)
            counts["pm: statsmodels"] += 1
        else:
            tau2, from_statsmodels = paule_mandel_written_out(y, v), False
            counts["pm: written out (statsmodels' iteration overshot)"] += 1
    elif q >= k - 1:
        tau2 = float(result.tau2)
        counts["dl: statsmodels"] += 1
    else:
        tau2, from_statsmodels = 0.0, False  # written out: DL clipped at 0
        counts["dl: written out (Q < k - 1)"] += 1
    w_star = 1 / (v + tau2)
    mu = float((w_star * y).sum() / w_star.sum())
    se = float(w_star.sum() ** -0.5)
    if from_statsmodels:
        assert math.isclose(mu, result.mean_effect_re, rel_tol=1e-12, abs_tol=1e-15)
        assert math.isclose(se, result.sd_eff_w_re, rel_tol=1e-12)
    crit = Z
    if hksj:
        scale = float((w_star * (y - mu) ** 2).sum() / (k - 1))
        if from_statsmodels:
            assert math.isclose(scale, result.scale_hksj_re, rel_tol=1e-12, abs_tol=1e-300)
        se *= math.sqrt(max(1.0, scale))
        crit = float(stats.t.ppf(0.975, k - 1))
    half = float(stats.t.ppf(0.975, k - 2)) * math.sqrt(tau2 + se**2) if k >= 3 else None
    return {
        "k": k, "tau2": tau2, "q": q, "log_rate_ratio": mu, "se": se, "rate_ratio": math.exp(mu),
        "rate_ratio_low": math.exp(mu - crit * se), "rate_ratio_high": math.exp(mu + crit * se),
        "i2": max(0.0, (q - (k - 1)) / q) if q > 0 else 0.0, "q_p_value": float(stats.chi2.sf(q, k - 1)),
        "prediction_low": math.exp(mu - half) if half is not None else None,
        "prediction_high": math.exp(mu + half) if half is not None else None,
    }


def test_spec_check_values() -> None:
    v = [s * s for s in (0.20, 0.25, 0.30, 0.22, 0.18)]
    spread = legdiary.pool([-0.65, -0.10, -0.80, 0.15, -0.35], v)
    assert spread["tau2"] == pytest.approx(0.0822605, rel=1e-6)
    assert (spread["rate_ratio"], spread["rate_ratio_low"], spread["rate_ratio_high"]) == pytest.approx(
        (0.713969, 0.517899, 0.984268), rel=1e-6)
    alike = legdiary.pool([-0.30, -0.25, -0.40, -0.20, -0.35], v)
    assert alike["tau2"] == 0
    assert (alike["rate_ratio"], alike["rate_ratio_low"], alike["rate_ratio_high"]) == pytest.approx(
        (0.742334, 0.61233, 0.899938), rel=1e-5)
    assert spread["method"] == "dl" and spread["hksj"] is False and len(spread["weights"]) == 5


def test_against_statsmodels_on_generated_sets() -> None:
    rng = np.random.default_rng(20261207)
    compared, worst, where = 0, 0.0, ""
    counts: Counter[str] = Counter()
    for case in range(400):
        k = int(rng.integers(2, 41))
        tau = float(rng.choice([0.0, 0.05, 0.2, 0.5]))
        v = rng.uniform(0.005, 0.3, k)
        y = rng.normal(-0.2, 1.0, k) * np.sqrt(v + tau**2)
        for method in ("dl", "pm"):
            for hksj in (False, True):
                ours = legdiary.pool(y.tolist(), v.tolist(), method=method, hksj=hksj)
                theirs = reference(y, v, method, hksj, counts)
                assert ours["k"] == k
                for key, expected in theirs.items():
                    if key == "k":
                        continue
                    got = ours[key]
                    if expected is None:
                        assert got is None, (case, key)
                        continue
                    difference = abs(got - expected) / max(abs(expected), 1e-12)
                    compared += 1
                    if difference > worst:
                        worst, where = difference, f"case {case} k={k} {method} hksj={hksj} {key}"
                    assert difference <= 1e-9, (case, method, hksj, key, got, expected)
                assert ours["weights"] == pytest.approx((1 / (v + theirs["tau2"])).tolist(), rel=1e-9)
    print(f"\npooling vs statsmodels: 400 sets x 4 (dl/pm, with/without HKSJ): {dict(counts)};"
          f" {compared} numbers compared, largest relative difference {worst:.2g} ({where})")
    assert counts["dl: written out (Q < k - 1)"] > 40 and counts["pm: statsmodels"] > 400  # both branches


def test_one_person_and_refusals() -> None:
    one = legdiary.pool([-0.2], [0.04])
    assert one["k"] == 1 and one["tau2"] == 0 and one["q_p_value"] is None and one["prediction_low"] is None
    assert one["rate_ratio_low"] == pytest.approx(math.exp(-0.2 - Z * 0.2), rel=1e-12)
    assert legdiary.pool([-0.2], [0.04], hksj=True)["rate_ratio_low"] is None  # no t with 0 degrees of freedom
    with pytest.raises(legdiary.ValidationError, match="variances"):
        legdiary.pool([0.1, 0.2], [0.1])
    with pytest.raises(legdiary.ValidationError, match=r"variances = .*0.000000.*above 0"):
        legdiary.pool([0.1, 0.2], [0.1, 0.0])
    with pytest.raises(legdiary.ValidationError, match="method"):
        legdiary.pool([0.1, 0.2], [0.1, 0.1], method="reml")
    with pytest.raises(legdiary.ValidationError, match="log_rate_ratios"):
        legdiary.pool("0.1", [0.1])
    with pytest.raises(legdiary.ValidationError, match="log_rate_ratios = \"no values\""):
        legdiary.pool([], [])
    with pytest.raises(legdiary.ValidationError, match="log_rate_ratios = \"nan\""):
        legdiary.pool([0.1, math.nan], [0.1, 0.1])
