"""examples/notebooks/analysis.ipynb runs end to end on a generated diary, draws its three
figures and shows the same outcomes as the library."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

# Not skipped when missing: requirements-dev.txt installs them (nbclient brings jupyter_client,
# and the kernel needs ipykernel and matplotlib).
import nbclient
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

import legdiary

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "notebooks" / "analysis.ipynb"
PLOT_CELLS = ("plot-nightly", "plot-weekly", "plot-compression")
CELL_TIMEOUT_S = 120


def generator() -> Path:
    binary = Path(os.environ.get("LEGDIARY_GENERATE") or ROOT / "build" / "bench" / "legdiary-generate")
    assert binary.exists(), f"{binary} is missing: build the legdiary_generate target or set LEGDIARY_GENERATE"
    return binary


def kernel_manager(folder: Path) -> KernelManager:
    """A "python3" kernel that is this interpreter (the .venv's, which has legdiary), whatever
    python3 kernel spec the machine or the user may have installed elsewhere."""
    spec = folder / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (legdiary tests)",
        "language": "python",
    }))
    specs = KernelSpecManager(kernel_dirs=[str(folder / "kernels")], ensure_native_kernel=False)
    return KernelManager(kernel_name="python3", kernel_spec_manager=specs)


def run_notebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: Path | None) -> Any:
    """Executes the notebook in its own folder; the kernel inherits this environment."""
    monkeypatch.setenv("LEGDIARY_GENERATE", str(generator()))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the notebook chooses inline itself
    if db is None:
        monkeypatch.delenv("LEGDIARY_NOTEBOOK_DB", raising=False)
    else:
        monkeypatch.setenv("LEGDIARY_NOTEBOOK_DB", str(db))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, km=kernel_manager(tmp_path / "jupyter"), timeout=CELL_TIMEOUT_S, startup_timeout=60,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    return notebook


def cells_tagged(notebook: Any, tag: str) -> list[Any]:
    return [cell for cell in notebook.cells if tag in cell.get("metadata", {}).get("tags", [])]


def assert_ran_cleanly_with_figures(notebook: Any) -> None:
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code_cells)
    errors = [output for cell in code_cells for output in cell.outputs if output.output_type == "error"]
    assert errors == []
    for tag in PLOT_CELLS:
        (cell,) = cells_tagged(notebook, tag)
        images = [output for output in cell.outputs if "image/png" in output.get("data", {})]
        assert len(images) == 1, f"cell {tag!r} drew {len(images)} figures"
    total = sum("image/png" in output.get("data", {}) for cell in code_cells for output in cell.outputs)
    assert total == len(PLOT_CELLS)


def test_the_notebook_shows_the_outcomes_and_figures_of_a_given_diary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "patient.db"
    # Not the notebook's own synthetic diary, so that showing its numbers would be caught.
    subprocess.run([str(generator()), "--out", str(db), "--nights", "150", "--seed", "11", "--missing", "0.2"],
                   check=True, capture_output=True)
    with legdiary.Diary(db, create=False) as diary:
        extent = diary.extent()
        assert extent is not None
        expected = diary.trends(*extent)["summary"]

    notebook = run_notebook(tmp_path, monkeypatch, db)

    assert_ran_cleanly_with_figures(notebook)
    (table_cell,) = cells_tagged(notebook, "outcome-table")
    (result,) = [output for output in table_cell.outputs if output.output_type == "execute_result"]
    assert "text/html" in result.data
    table = result.data["text/plain"]
    shown = re.search(r"^Cramps per week\s+(\S+)\s*$", table, re.MULTILINE)
    assert shown is not None, table
    assert float(shown.group(1)) == pytest.approx(expected["cramps_per_week"], abs=0.005)
    recorded = re.search(r"^Recorded nights\s+(\S+)\s*$", table, re.MULTILINE)
    assert recorded is not None and int(recorded.group(1)) == expected["recorded_nights"]
    assert f"{extent[0]} to {extent[1]}" in table


def test_the_notebook_generates_its_own_diary_when_none_is_given(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = run_notebook(tmp_path, monkeypatch, None)

    assert_ran_cleanly_with_figures(notebook)
    printed = "".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                      for output in cell.outputs if output.output_type == "stream")
    assert re.search(r"wrote .*diary\.db: \d+ cramps", printed)
    assert "Rate ratio" in printed and "Caveats:" in printed
