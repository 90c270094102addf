"""Run the notebooks: refresh the committed ones, or write a report for any corpus.

Command line (the Makefile calls these)::

    python -m helpers.pipeline report  [--corpus data/raw] [--out reports] [--conflict NAME] [--only 01,04] [--no-html]
    python -m helpers.pipeline refresh [notebooks/NN-name.py|.ipynb ...]   # all notebooks when none given
    python -m helpers.pipeline sync    [--check]                           # jupytext pairs

``report`` executes every notebook in ``notebooks/`` in order with papermill (parameters ``corpus``,
``output_dir`` and, when given, ``conflict``), headless, into ``OUT/notebooks/``, then exports each as HTML into ``OUT/html/``. It never
rewrites the committed notebooks. ``refresh`` re-executes the committed notebooks in place (after syncing each
with its py:percent twin) so their stored outputs match the code; run it before committing.

Both strip volatile metadata (timings, papermill's run record, widget state) so that reruns are byte-identical.
"""

from __future__ import annotations

import argparse
import copy
import functools
import os
import sys
import time
from pathlib import Path

import nbformat

from helpers import conflicts, paths

__all__ = ["notebook_paths", "execute_notebook", "clean_notebook", "export_html", "run_report", "refresh", "sync"]

KERNEL = "python3"
# these environment settings make every automated run quiet and reproducible
RUN_ENV = {"HELPERS_PROGRESS": "0", "PYTHONHASHSEED": "0", "MPLBACKEND": "module://matplotlib_inline.backend_inline",
           "TQDM_DISABLE": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def notebook_paths(only: list[str] | None = None) -> list[Path]:
    """The numbered notebooks in run order, optionally only those whose number is in ``only``."""
    books = sorted(p for p in paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    if only:
        books = [p for p in books if p.name[:2] in set(only)]
    return books


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop volatile metadata: execution timings, papermill's record, widget state, kernel-specific paths."""
    nb = copy.deepcopy(nb)
    meta = nb.metadata
    meta.pop("widgets", None)
    meta.pop("papermill", None)
    meta.pop("jupytext", None)
    meta.pop("execution", None)
    if "language_info" in meta:
        meta["language_info"].pop("version", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("ExecuteTime", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if not cell.metadata.get("tags", True):
            cell.metadata.pop("tags")
        if cell.cell_type == "code":
            outputs = []
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                data.pop("application/vnd.jupyter.widget-view+json", None)
                if out.get("output_type") in ("display_data", "execute_result") and not data:
                    continue
                out.get("metadata", {}).pop("execution", None)
                outputs.append(out)
            cell["outputs"] = outputs
        cell.pop("id", None)
    nb.nbformat, nb.nbformat_minor = 4, 4
    return nb


def execute_notebook(source: Path, target: Path, parameters: dict | None = None, timeout: int = 1800) -> float:
    """Execute ``source`` with papermill into ``target`` (cwd: the notebooks folder), clean it, return seconds."""
    import papermill as pm

    start = time.perf_counter()
    saved = {key: os.environ.get(key) for key in RUN_ENV}
    os.environ.update(RUN_ENV)  # the kernel inherits these; restored below so the caller's environment is kept
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(
            str(source), str(target), parameters=parameters or {}, kernel_name=KERNEL, cwd=str(paths.NOTEBOOKS),
            progress_bar=False, log_output=False, request_save_on_cell_execute=False, execution_timeout=timeout,
        )
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    nb = nbformat.read(target, as_version=4)
    nbformat.write(clean_notebook(nb), target)
    return time.perf_counter() - start


def export_html(notebook: Path, target: Path, hide_code: bool = False) -> None:
    """Export an executed notebook as a script-free HTML page (no CDN); see ``helpers.report``."""
    from helpers.report import export_notebook_html

    export_notebook_html(notebook, target, hide_code=hide_code)


def run_report(corpus: str = "data/raw", out: str | None = None, only: list[str] | None = None,
               html: bool = True, hide_code: bool = True, conflict: str | None = None) -> Path:
    """Execute every notebook on ``corpus`` into ``out`` (default ``reports/``) with the conflict profile
    ``conflict`` (default russia-ukraine); return the output folder."""
    default = out in (None, "", "reports")
    out_root = paths.REPORTS if default else paths.resolve(out)
    corpus_path = paths.resolve(corpus)
    if not corpus_path.exists():
        raise SystemExit(f"make report: corpus not found: {corpus} (paths are taken from the project root)")
    parameters = {"corpus": str(corpus) if not Path(corpus).is_absolute() else str(corpus_path),
                  "output_dir": None if default else str(out_root)}
    if conflict:
        try:
            profile = conflicts.profile(conflict if conflict in conflicts.available() else paths.resolve(conflict))
        except conflicts.ConflictError as error:
            raise SystemExit(f"make report: {error}") from None
        parameters["conflict"] = profile.name if not profile.folder else str(conflict)
    books = notebook_paths(only)
    if not books:
        raise SystemExit("make report: no notebooks found in notebooks/")
    shown = functools.partial(paths.display_path, outside="full")  # console lines name what the user gave
    print(f"report: {len(books)} notebook(s) on {shown(corpus_path)} -> {shown(out_root)}")
    for book in books:
        target = out_root / "notebooks" / book.name
        seconds = execute_notebook(book, target, parameters)
        print(f"  executed {book.name:<32} {seconds:6.1f} s -> {shown(target)}")
    if html:
        from helpers.report import build_site

        # exports every executed notebook to OUT/html/ (script-free, anchored cells) and writes OUT/index.html
        site = build_site(out_root, corpus=paths.display_path(corpus_path), hide_code=hide_code)
        print(f"  exported {len(books)} HTML page(s) -> {shown(out_root / 'html')}")
        print(f"report site: {shown(site)}")
    return out_root


def sync(check: bool = False) -> int:
    """Sync each notebook with its py:percent twin (newest wins); with ``check``, report pairs out of sync."""
    import jupytext

    problems = 0
    for script in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.py")):
        book = script.with_suffix(".ipynb")
        if not book.exists():
            if check:
                print(f"{script.name}: no paired notebook")
                problems += 1
            continue
        if check:
            text_nb = jupytext.read(script)
            ipynb = jupytext.read(book)
            if _sources(text_nb) != _sources(ipynb):
                print(f"{book.name} and {script.name} differ: run `make sync`, then `make notebooks`")
                problems += 1
    if not check:
        import subprocess

        pairs = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
        if pairs:
            subprocess.run([sys.executable, "-m", "jupytext", "--sync", *map(str, pairs)], check=True)
    return problems


def _sources(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source.strip()) for c in nb.cells]


def refresh(targets: list[str] | None = None) -> None:
    """Sync and re-execute committed notebooks in place (all when ``targets`` is empty)."""
    import jupytext

    books: list[Path] = []
    for target in targets or []:
        p = paths.resolve(target)
        books.append(p.with_suffix(".ipynb"))
    if not books:
        books = [p.with_suffix(".ipynb") for p in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.py"))]
    for book in books:
        script = book.with_suffix(".py")
        if script.exists() and (not book.exists() or script.stat().st_mtime > book.stat().st_mtime):
            nb = jupytext.read(script)
            nb.metadata.setdefault("kernelspec", {"display_name": "Python 3 (ipykernel)", "language": "python",
                                                  "name": KERNEL})
            nbformat.write(nb, book)
        seconds = execute_notebook(book, book, {})
        # papermill's "injected-parameters" cell must not be committed
        nb = nbformat.read(book, as_version=4)
        nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
        nbformat.write(clean_notebook(nb), book)
        _write_twin(book)
        print(f"refreshed {paths.display_path(book)} in {seconds:.1f} s")


def _write_twin(book: Path) -> None:
    import jupytext

    nb = nbformat.read(book, as_version=4)
    nb.metadata["jupytext"] = {"notebook_metadata_filter": "-all", "cell_metadata_filter": "tags,-all"}
    jupytext.write(nb, book.with_suffix(".py"), fmt="py:percent")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.pipeline", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="execute every notebook on a corpus into an output folder")
    rep.add_argument("--corpus", default="data/raw")
    rep.add_argument("--out", default="reports")
    rep.add_argument("--conflict", default="", help="conflict profile: a shipped name (russia-ukraine, "
                     "israel-gaza, sudan) or a profile folder; default russia-ukraine")
    rep.add_argument("--only", default="", help="comma-separated notebook numbers, e.g. 01,04")
    rep.add_argument("--no-html", action="store_true")
    rep.add_argument("--show-code", action="store_true", help="keep code cells in the HTML export")
    ref = sub.add_parser("refresh", help="re-execute committed notebooks in place")
    ref.add_argument("targets", nargs="*")
    syn = sub.add_parser("sync", help="sync notebooks with their py:percent twins")
    syn.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "report":
        only = [x.strip().zfill(2) for x in args.only.split(",") if x.strip()]
        run_report(args.corpus, args.out, only or None, html=not args.no_html, hide_code=not args.show_code,
                   conflict=args.conflict or None)
    elif args.command == "refresh":
        refresh(args.targets)
    elif args.command == "sync":
        return 1 if sync(check=args.check) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
