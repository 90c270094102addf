"""Reviewable notebooks: every notebook is paired with its py:percent twin, executed, clean, and ends with versions.

A reviewer reads the ``.py`` twin in a diff and trusts that the committed ``.ipynb`` shows the outputs of exactly
that code. These checks fail when a pair drifts apart (edit either file, then ``make sync`` and ``make
notebooks``), when a notebook was committed unexecuted or with an error, or when an output leaks a machine path.
"""

from __future__ import annotations

import re

import jupytext
import nbformat
import pandas as pd
import pytest

from helpers import paths, pipeline

pytestmark = pytest.mark.notebook

BOOKS = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
SCRIPTS = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.py"))
ABSOLUTE = re.compile(r"(?<![\w.~-])/(?:work|tmp|root|home)/")
TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "text/latex", "application/json")


def _ids(books):
    return [b.name for b in books]


def _output_texts(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            yield out.get("text", "")
        elif out.get("output_type") == "error":
            yield "\n".join(out.get("traceback", []))
        for mime in TEXT_MIMES:
            value = out.get("data", {}).get(mime)
            if value is not None:
                yield value if isinstance(value, str) else str(value)


def test_project_pairs_notebooks_with_percent_scripts():
    config = (paths.ROOT / "jupytext.toml").read_text(encoding="utf-8")
    assert "py:percent" in config and "ipynb" in config, "jupytext.toml must pair notebooks with py:percent twins"


def test_every_notebook_has_a_twin_and_back():
    assert BOOKS, "no notebooks found"
    assert {b.stem for b in BOOKS} == {s.stem for s in SCRIPTS}, (
        "each notebooks/NN-name.ipynb needs notebooks/NN-name.py and vice versa (make sync)")


def test_pairs_in_sync_via_pipeline(capsys):
    problems = pipeline.sync(check=True)
    assert problems == 0, capsys.readouterr().out


@pytest.mark.parametrize("book", BOOKS, ids=_ids(BOOKS))
def test_pair_has_the_same_cells(book):
    script = book.with_suffix(".py")
    if not script.exists():
        pytest.fail(f"{script.name} is missing: run `make sync`")
    text_cells = [(c.cell_type, c.source.strip()) for c in jupytext.read(script).cells]
    book_cells = [(c.cell_type, c.source.strip()) for c in jupytext.read(book).cells]
    for i, (a, b) in enumerate(zip(text_cells, book_cells)):
        assert a == b, f"cell {i} differs between {script.name} and {book.name}: run `make sync` then `make notebooks`"
    assert len(text_cells) == len(book_cells), f"{script.name} and {book.name} have different numbers of cells"


@pytest.mark.parametrize("book", BOOKS, ids=_ids(BOOKS))
def test_exactly_one_parameters_cell(book):
    nb = nbformat.read(book, as_version=4)
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{book.name}: {len(tagged)} cells tagged 'parameters' (need exactly one)"
    assert nb.cells[tagged[0]].cell_type == "code"
    injected = [i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", [])]
    assert not injected, f"{book.name}: papermill's injected-parameters cell was committed (cells {injected})"


@pytest.mark.parametrize("book", BOOKS, ids=_ids(BOOKS))
def test_stored_outputs_are_executed_in_order_without_errors(book):
    nb = nbformat.read(book, as_version=4)
    counts = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        assert cell.execution_count is not None, f"{book.name} cell {i} was not executed: run `make notebooks`"
        counts.append(cell.execution_count)
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"{book.name} cell {i} stores an error: {out.get('ename')}"
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                assert "Traceback" not in out.get("text", ""), f"{book.name} cell {i} stores a traceback"
    assert counts == sorted(counts) and len(set(counts)) == len(counts), (
        f"{book.name}: execution counts {counts} are not one top-to-bottom run: run `make notebooks`")
    assert counts and counts[0] == 1, f"{book.name}: the stored run does not start at [1]"


@pytest.mark.parametrize("book", BOOKS, ids=_ids(BOOKS))
def test_no_absolute_paths_in_outputs(book):
    nb = nbformat.read(book, as_version=4)
    leaks = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for text in _output_texts(cell):
            for m in ABSOLUTE.finditer(text):
                leaks.append(f"cell {i}: …{text[max(0, m.start() - 30):m.end() + 30]!r}…")
    assert not leaks, f"{book.name} prints absolute paths (use helpers.paths.display_path):\n" + "\n".join(leaks)


@pytest.mark.parametrize("book", BOOKS, ids=_ids(BOOKS))
def test_last_cell_shows_versions(book):
    nb = nbformat.read(book, as_version=4)
    last = nb.cells[-1]
    assert last.cell_type == "code" and "show_versions()" in last.source, (
        f"{book.name}: the last cell must call show_versions()")
    printed = "".join(o.get("text", "") for o in last.get("outputs", []) if o.get("output_type") == "stream")
    assert printed.startswith("python "), f"{book.name}: the versions cell has no stored output"


@pytest.mark.slow
@pytest.mark.shared
def test_headline_section_runs_when_a_headlines_file_is_passed(headlines_corpus, tmp_path):
    """Notebook 04's live-blog section is skipped by default (the CNN headlines may not ship); passed by path, it
    draws the claims of every headline."""
    target, out = tmp_path / "04.ipynb", tmp_path / "out"
    pipeline.execute_notebook(paths.NOTEBOOKS / "04-casualty-trends.ipynb", target,
                              {"headlines_path": str(headlines_corpus), "output_dir": str(out)})
    text = "\n".join(t for cell in nbformat.read(target, as_version=4).cells for t in _output_texts(cell))
    assert "No headlines file passed" not in text
    found = re.search(r"([\d,]+) figures in ([\d,]+) headlines; (\d+) in headlines naming Bakhmut", text)
    assert found and int(found.group(1).replace(",", "")) > 500, text[-2000:]
    assert (out / "figures" / "04-headline-claims.png").is_file()
    assert not ABSOLUTE.search(text), "the passed path is shown relative or by name, never in full"


@pytest.mark.slow
def test_report_on_a_gaza_corpus_with_its_profile(tmp_path):
    """``make report CORPUS=tests/fixtures/corpora/israel-gaza CONFLICT=israel-gaza``: the notebooks read the
    israel-gaza profile (sides, start, no official series) and run end to end on its real fixture texts."""
    out = tmp_path / "gaza"
    pipeline.run_report("tests/fixtures/corpora/israel-gaza", str(out), only=["01", "04", "05"], html=False,
                        conflict="israel-gaza")
    text = "\n".join(t for book in sorted((out / "notebooks").glob("*.ipynb"))
                     for cell in nbformat.read(book, as_version=4).cells for t in _output_texts(cell))
    assert "conflict profile: israel-gaza" in text and "sides: israeli | palestinian" in text
    assert "names no official daily series" in text
    claims = pd.read_csv(out / "tables" / "04-claims.csv")
    assert len(claims) > 0 and set(claims["party"]) <= {"israeli", "palestinian", "civilian", "unknown"}
    assert "russian" not in text.lower().split("sides:")[1][:200]
