"""The reporter's notebook (notebooks/explore.ipynb) runs top to bottom, headless, from the
project root and from notebooks/, and is committed without outputs."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
KERNEL = "kg-notebook-test"


@pytest.fixture
def kernel(tmp_path, monkeypatch) -> str:
    """A kernel running this interpreter (the one kg is installed in), whatever `python` is on PATH."""
    spec = tmp_path / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "kg tests", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return KERNEL


def test_the_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


@pytest.mark.parametrize("cwd", ["notebooks", "."])
def test_the_notebook_runs_top_to_bottom(kernel, cwd):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name=kernel,
                            resources={"metadata": {"path": str((ROOT / cwd).resolve())}})
    try:
        client.execute()
    except CellExecutionError as exc:  # pragma: no cover - the message says which cell and why
        pytest.fail(f"a notebook cell failed (cwd={cwd}):\n{exc}")
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors

    def text(output) -> str:
        if output.output_type == "stream":
            return output.text
        return "".join(str(v) for v in output.get("data", {}).values())

    everything = "\n".join(text(o) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "Erik Prince" in everything and "INVESTED_IN" in everything and "PAID" in everything
    assert "Disgraced Blackwater founder Erik Prince is an investor in Wickr" in everything
    assert "<iframe srcdoc=" in everything  # the view, inline
    assert "removed" in everything  # the temporary store was cleaned up
