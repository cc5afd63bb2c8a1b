"""`legdiary export --format fhir`: the Bundle passes a real FHIR validator (the
fhir.resources package's R4B models) and carries the diary's own numbers."""
from __future__ import annotations

import json
import os
import subprocess
from typing import Any

import pytest

from cli_support import Cli

R4B = pytest.importorskip("fhir.resources.R4B.bundle", reason="pip install fhir.resources to validate FHIR")


def validate(bundle: dict[str, Any]) -> None:
    R4B.Bundle.model_validate(bundle)
    # FHIR JSON forbids empty arrays, objects and strings; the models above let them pass.
    def walk(value: Any, where: str) -> None:
        if isinstance(value, (list, dict, str)):
            assert len(value) > 0, f"empty value at {where}"
        if isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]")
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}")
    walk(bundle, "Bundle")


def observations(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["resource"]["id"]: entry["resource"] for entry in bundle.get("entry", [])}


def component(resource: dict[str, Any], text: str) -> dict[str, Any] | None:
    return next((c for c in resource.get("component", []) if c["code"].get("text") == text), None)


def test_the_validator_would_catch_a_broken_bundle(seeded: Cli) -> None:
    bundle = seeded.ok("export", "--format", "fhir").json()
    validate(bundle)
    broken = json.loads(json.dumps(bundle))
    del broken["entry"][0]["resource"]["status"]
    with pytest.raises(Exception):
        validate(broken)
    broken = json.loads(json.dumps(bundle))
    broken["entry"][0]["resource"]["component"] = []
    with pytest.raises(AssertionError):
        validate(broken)


def test_an_empty_diary_gives_a_valid_bundle_without_entries(cli: Cli) -> None:
    cli.ok("init")
    bundle = cli.ok("export", "--format", "fhir").json()
    validate(bundle)
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    assert "entry" not in bundle
    # The Bundle is stamped with the diary's clock (LEGDIARY_NOW, Berlin in winter).
    assert bundle["timestamp"] == "2026-11-21T07:30:00+01:00"


def test_a_small_diary_round_trips_its_values(seeded: Cli) -> None:
    out = seeded.folder / "bundle.json"
    seeded.ok("export", "--format", "fhir", "-o", str(out))
    assert (out.stat().st_mode & 0o777) == 0o600
    bundle = json.loads(out.read_text())
    validate(bundle)
    entries = seeded.entries()
    found = observations(bundle)
    for cramp in entries["cramps"]:
        resource = found[f"cramp-{cramp['id']}"]
        assert resource["effectivePeriod"]["start"] == cramp["onset"]
        assert component(resource, "Cramp duration")["valueQuantity"]["value"] == cramp["duration_s"]
        laterality = component(resource, "Laterality")["valueCodeableConcept"]
        assert laterality["text"] == cramp["leg"]
        intensity = component(resource, "Cramp intensity (0-10)")
        assert (intensity["valueInteger"] if intensity else None) == cramp["intensity"]
    (day,) = entries["days"]
    hours = found[f"day-{day['day']}-compression-hours"]
    assert hours["valueQuantity"] == {"value": day["compression_hours"], "unit": "h",
                                      "system": "http://unitsofmeasure.org", "code": "h"}


def test_three_months_validate_and_match_the_diary(cli: Cli) -> None:
    generator = os.environ.get("LEGDIARY_GENERATE")
    if not generator:
        pytest.skip("LEGDIARY_GENERATE is not set: point it at the built legdiary-generate")
    diary = cli.folder / "three-months.db"
    subprocess.run([generator, "-o", str(diary), "--nights", "92", "--seed", "7"], check=True,
                   capture_output=True)
    cli.db = diary
    bundle = cli.ok("export", "--format", "fhir").json()
    validate(bundle)
    entries = cli.entries()
    found = observations(bundle)
    assert {f"cramp-{c['id']}" for c in entries["cramps"]} == {i for i in found if i.startswith("cramp-")}
    assert len(entries["cramps"]) > 20
    measured = 0
    for day in entries["days"]:
        for side in ("left", "right"):
            value = day[f"calf_{side}_cm"]
            resource = found.get(f"day-{day['day']}-calf-{side}")
            assert (resource["valueQuantity"]["value"] if resource else None) == value
            measured += value is not None
        grade = found.get(f"day-{day['day']}-swelling-grade")
        assert (grade["valueInteger"] if grade else None) == day["swelling_grade"]
    assert measured > 10
