"""`legdiary export --format fhir`: the Bundle passes a real FHIR validator (the
fhir.resources package's R4B models) and carries the diary's own numbers."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from typing import Any

import pytest

from cli_support import Cli, missing_binary

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


def test_a_small_diary_round_trips_every_value(seeded: Cli) -> None:
    # Every field a day log and an episode can have, besides the seeded entries.
    seeded.ok("log", "cramp", "--at", "yesterday 23:40", "--leg", "both", "--muscle", "foot", "--duration", "2m",
              "--intensity", "3", "--no-woke", "--note", "after a long walk, «ouch»")
    symptoms = [f"--symptom={name}={i}" for i, name in enumerate(SYMPTOMS)]
    seeded.ok("log", "day", "--day", "2026-11-19", "--socks", "0", "--swelling", "2", "--ankle", "24.5,25",
              "--calf", "36,39.5", "--skin-discoloration", "--ulcer", *symptoms)
    out = seeded.folder / "bundle.json"
    seeded.ok("export", "--format", "fhir", "-o", str(out))
    assert (out.stat().st_mode & 0o777) == 0o600
    bundle = json.loads(out.read_text())
    validate(bundle)
    entries = seeded.entries()
    found = observations(bundle)
    assert len(entries["cramps"]) == 3
    for cramp in entries["cramps"]:
        assert_cramp_round_trips(found[f"cramp-{cramp['id']}"], cramp)
    measured = sum(assert_day_round_trips(found, day) for day in entries["days"])
    assert measured == 1 + 16  # the seeded day's socks; the 16 measures of the new day
    assert len(found) == len(entries["cramps"]) + measured
    hours = found["day-2026-11-20-compression-hours"]
    assert hours["valueQuantity"] == {"value": 9.5, "unit": "h", "system": "http://unitsofmeasure.org", "code": "h"}
    assert found["day-2026-11-19-compression-hours"]["valueQuantity"]["value"] == 0  # "not worn" is a value


def test_three_months_validate_and_match_the_diary(cli: Cli) -> None:
    generator = os.environ.get("LEGDIARY_GENERATE")
    if not generator:
        missing_binary("LEGDIARY_GENERATE is not set: point it at the built legdiary-generate")
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
    for cramp in entries["cramps"]:
        assert_cramp_round_trips(found[f"cramp-{cramp['id']}"], cramp)
    measured = 0
    for day in entries["days"]:
        measured += assert_day_round_trips(found, day)
    assert measured > 100
    # Nothing in the Bundle that the diary does not hold.
    assert len(found) == len(entries["cramps"]) + measured


def assert_cramp_round_trips(resource: dict[str, Any], cramp: dict[str, Any]) -> None:
    start = dt.datetime.fromisoformat(cramp["onset"])
    period = resource["effectivePeriod"]
    assert period["start"] == cramp["onset"]
    assert dt.datetime.fromisoformat(period["end"]) == start + dt.timedelta(seconds=cramp["duration_s"])
    assert period["end"][-6:] == cramp["onset"][-6:]  # the recorded offset, on both ends
    assert component(resource, "Cramp duration")["valueQuantity"]["value"] == cramp["duration_s"]
    assert component(resource, "Laterality")["valueCodeableConcept"]["text"] == cramp["leg"]
    intensity = component(resource, "Cramp intensity (0-10)")
    assert (intensity["valueInteger"] if intensity else None) == cramp["intensity"]
    woke = component(resource, "Woke from sleep")
    assert (woke["valueBoolean"] if woke else None) == cramp["woke"]
    site = resource["bodySite"]
    codes = [coding["code"] for coding in site.get("coding", [])]
    assert codes == (["53840002"] if cramp["muscle"] == "calf" else []), site
    if cramp["muscle"] != "calf":
        assert cramp["muscle"] in site["text"]  # text alone, never a guessed code
    assert [n["text"] for n in resource.get("note", [])] == ([cramp["notes"]] if cramp["notes"] else [])


SYMPTOMS = ["heaviness", "aching", "throbbing", "burning", "itching", "restless_legs", "tingling", "swelling_feeling"]


def assert_day_round_trips(found: dict[str, dict[str, Any]], day: dict[str, Any]) -> int:
    """Every recorded measurement of a day log is its Observation's value; returns how many."""
    def value(suffix: str, kind: str) -> Any:
        resource = found.get(f"day-{day['day']}-{suffix}")
        if resource is None:
            return None
        assert resource["effectiveDateTime"] == day["day"]
        return resource["valueQuantity"]["value"] if kind == "quantity" else resource[kind]

    measures = [("compression-hours", "quantity", day["compression_hours"]),
                ("swelling-grade", "valueInteger", day["swelling_grade"]),
                ("skin-discoloration", "valueBoolean", day["skin_discoloration"]),
                ("ulcer", "valueBoolean", day["ulcer"])]
    measures += [(f"{part}-{side}", "quantity", day[f"{part}_{side}_cm"])
                 for part in ("ankle", "calf") for side in ("left", "right")]
    measures += [(name.replace("_", "-"), "valueInteger", day[name]) for name in SYMPTOMS]
    for suffix, kind, recorded in measures:
        assert value(suffix, kind) == recorded, (day["day"], suffix)
    return sum(recorded is not None for _, _, recorded in measures)
