"""The report site: ``index.html`` over the executed notebooks, their HTML pages and the figure gallery.

``make report`` (``helpers.pipeline report``) executes the notebooks into ``OUT/notebooks/`` and then calls
:func:`build_site`, which writes

- ``OUT/html/NN-name.html`` — each executed notebook as a page (code hidden unless ``hide_code=False``), exported
  with nbconvert's ``lab`` template but with every script left out (no MathJax, require.js, mermaid or widget
  loaders, so nothing is fetched from a CDN and the page works from the file system), a link back to the index,
  and an anchor ``#cell-N`` on every cell (``N`` = the cell's position in the executed notebook);
- ``OUT/index.html`` — the corpus summary (from ``processed/articles.csv`` and ``load_report.csv`` written by
  notebook 01), the findings (each headline-number cell, marked ``# NBVAL_CHECK_OUTPUT`` with the question as its
  first comment line, with its printed answer and a link to that cell), the list of notebook pages, and the
  figure gallery (caption and source from the figures manifest, links to the PNG, SVG, PDF and CSV).

Every link is relative and every piece of text is HTML-escaped: article text, captions, questions and outputs can
contain ``<script>`` and show it literally. Notebook outputs are embedded as the notebooks produced them; the
suite's own HTML outputs (``helpers.reading``, pandas tables) escape their text.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import nbformat
import pandas as pd

from helpers import paths
from helpers.figures import read_manifest

__all__ = ["build_site", "export_notebook_html", "find_findings", "Finding", "external_references",
           "processed_folder", "CHECK_MARKER"]

CHECK_MARKER = "NBVAL_CHECK_OUTPUT"
MAX_OUTPUT_LINES = 30
FIGURE_KINDS = ("png", "svg", "pdf", "csv")

# nbconvert's lab template with every script block emptied: no CDN, nothing executable in a page
_TEMPLATE = r"""{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block footer_js -%}{%- endblock footer_js -%}
{% block extra_css %}
<style type="text/css">
.report-nav { font-family: system-ui, sans-serif; font-size: 14px; padding: 8px 16px; margin-bottom: 8px;
  border-bottom: 1px solid #ddd; background: #f7f7f7; }
.report-nav a { color: #0062a3; }
.jp-Cell:target { outline: 3px solid #E69F00; outline-offset: 2px; }
.finding-question { font-family: system-ui, sans-serif; font-weight: 600; margin: 4px 0 2px 0;
  color: #333; }
</style>
{% endblock extra_css %}
"""

_EXTERNAL_ATTR = re.compile(r"""\b(?:src|href|srcset|data|action|poster)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
_EXTERNAL_CSS = re.compile(r"""(?:@import\s+|url\(\s*["']?)(?:https?:)?//""", re.I)
_EXTERNAL_IMPORT = re.compile(r"""\bimport\s*\(\s*["'](?:https?:)?//""", re.I)
_CSS_COMMENT_WITH_URL = re.compile(r"/\*(?:(?!\*/).)*?https?://(?:(?!\*/).)*\*/", re.S)


@dataclass(frozen=True)
class Finding:
    """One headline number: the question, the printed answer, and where it was produced."""

    notebook: str  # stem, e.g. "01-load-and-clean"
    cell: int  # index in the executed notebook
    question: str
    output: str

    @property
    def anchor(self) -> str:
        return f"cell-{self.cell}"


# ----------------------------------------------------------------------------------------------- extraction

def _question(source: str) -> str:
    """The first comment line of a headline cell that is not the nbval marker."""
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            continue
        text = stripped.lstrip("#").replace(CHECK_MARKER, "").strip()
        if text and not text.lower().startswith(("noqa", "type:", "pragma")):
            return text
    return "(no question written in the cell)"


def _output_text(cell) -> str:
    parts: list[str] = []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream" and out.get("name") == "stdout":
            parts.append(out.get("text", ""))
        elif kind in ("execute_result", "display_data"):
            text = out.get("data", {}).get("text/plain")
            if text:
                parts.append(text if isinstance(text, str) else "".join(text))
        elif kind == "error":
            parts.append(f"{out.get('ename', 'Error')}: {out.get('evalue', '')}")
    text = "".join(parts).rstrip("\n")
    lines = text.splitlines()
    if len(lines) > MAX_OUTPUT_LINES:
        lines = lines[:MAX_OUTPUT_LINES] + [f"… ({len(lines) - MAX_OUTPUT_LINES} more lines in the notebook)"]
    return "\n".join(lines)


def find_findings(notebook: str | os.PathLike | nbformat.NotebookNode, stem: str | None = None) -> list[Finding]:
    """The headline-number cells of an executed notebook (cells containing ``# NBVAL_CHECK_OUTPUT``)."""
    if isinstance(notebook, (str, os.PathLike)):
        stem = stem or Path(notebook).stem
        notebook = nbformat.read(notebook, as_version=4)
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if not any(line.strip().startswith("#") and CHECK_MARKER in line for line in cell.source.splitlines()):
            continue
        found.append(Finding(stem or "", index, _question(cell.source), _output_text(cell)))
    return found


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
            break
    return fallback


# ----------------------------------------------------------------------------------------------- notebook pages

def _exporter(hide_code: bool):
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"report-lab.html.j2": _TEMPLATE})])
    exporter.template_file = "report-lab.html.j2"
    exporter.exclude_input = hide_code
    exporter.exclude_input_prompt = hide_code
    exporter.mathjax_url = ""
    exporter.require_js_url = ""
    return exporter


def export_notebook_html(notebook: str | os.PathLike, target: str | os.PathLike, hide_code: bool = True,
                         index_href: str | None = "../index.html") -> list[Finding]:
    """Export an executed notebook as a script-free HTML page with ``#cell-N`` anchors; return its findings.

    In the page, each headline cell also shows its question above its output (the code, where the question is
    written, is hidden by default).
    """
    notebook, target = Path(notebook), Path(target)
    nb = nbformat.read(notebook, as_version=4)
    findings = find_findings(nb, notebook.stem)
    nb.nbformat_minor = max(nb.nbformat_minor, 5)
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index}"
    body, _ = _exporter(hide_code).from_notebook_node(nb)
    body = body.replace('id="cell-id=cell-', 'id="cell-')
    for finding in findings:
        tag = re.search(rf'<div\b[^>]*\bid="{finding.anchor}"[^>]*>', body)
        if not tag:
            continue
        end = tag.end()
        question = f'<div class="finding-question">{html.escape(finding.question)}</div>'
        body = body[:end] + question + body[end:]
    if index_href:
        nav = (f'<nav class="report-nav"><a href="{html.escape(index_href, quote=True)}">← Report index</a> · '
               f"{html.escape(notebook.stem)}</nav>")
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav, body, count=1)
    body = _strip_external(body)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return findings


def _strip_external(page: str) -> str:
    """Remove what would reach the network: empty or remote scripts, remote stylesheets, URL comments in CSS."""
    page = re.sub(r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:(?:https?:)?//[^\"'>]*)?[\"']?[^>]*>\s*</script>", "",
                  page, flags=re.I)
    page = re.sub(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", "", page, flags=re.I)
    page = re.sub(r'<script type="text/x-mathjax-config">.*?</script>', "", page, flags=re.S)
    return _CSS_COMMENT_WITH_URL.sub("/* (link removed) */", page)


def external_references(page: str) -> list[str]:
    """Places in an HTML page that would fetch from the network (used by the tests; empty for our pages)."""
    hits = []
    for pattern in (_EXTERNAL_ATTR, _EXTERNAL_CSS, _EXTERNAL_IMPORT):
        hits += [page[max(0, m.start() - 40):m.end() + 60] for m in pattern.finditer(page)]
    return hits


# ----------------------------------------------------------------------------------------------- index page

def processed_folder(out_root: str | os.PathLike) -> Path:
    """Where notebook 01 wrote ``articles.csv`` for a run into ``out_root`` (``helpers.paths.outputs`` rules)."""
    root = Path(out_root)
    if root.resolve() == paths.REPORTS.resolve():
        return paths.DATA_PROCESSED
    return root / "processed"


def _href(target: Path, base: Path) -> str:
    """A relative, URL-quoted, attribute-escaped link from the folder ``base`` to ``target``."""
    rel = Path(os.path.relpath(target, base)).as_posix()
    return html.escape(quote(rel, safe="/#-._~"), quote=True)


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _summary(out_root: Path, corpus: str) -> str:
    folder = processed_folder(out_root)
    articles_csv, report_csv = folder / "articles.csv", folder / "load_report.csv"
    rows = [("Corpus", _e(corpus))]
    if articles_csv.exists():
        articles = pd.read_csv(articles_csv, dtype={"article_id": str}, keep_default_na=True)
        dates = pd.to_datetime(articles.get("date"), errors="coerce") if "date" in articles else pd.Series([], dtype="datetime64[ns]")
        n = len(articles)
        words = int(pd.to_numeric(articles.get("n_words", pd.Series(dtype=float)), errors="coerce").fillna(0).sum())
        rows.append(("Articles", f"{n:,}"))
        rows.append(("Words (cleaned text)", f"{words:,}"))
        if len(dates) and dates.notna().any():
            inferred = int(articles.get("date_source", pd.Series(dtype=str)).eq("inferred").sum())
            rows.append(("Dated articles", f"{int(dates.notna().sum()):,} of {n:,} ({inferred:,} inferred)"))
            rows.append(("Date range", f"{dates.min():%Y-%m-%d} – {dates.max():%Y-%m-%d}"))
        if "outlet" in articles and articles["outlet"].notna().any():
            top = articles["outlet"].dropna().astype(str).value_counts().head(5)
            rows.append(("Outlets", f"{articles['outlet'].nunique():,} (most articles: "
                         + ", ".join(f"{_e(k)} {v:,}" for k, v in top.items()) + ")"))
        if "duplicate_of" in articles:
            rows.append(("Duplicates flagged", f"{int(articles['duplicate_of'].notna().sum()):,}"))
    else:
        rows.append(("Articles", "not available: notebook 01 did not run into this folder "
                     f"({_e(paths.display_path(articles_csv))} is missing)"))
    if report_csv.exists():
        report = pd.read_csv(report_csv, dtype=str, keep_default_na=False)
        if "status" in report:
            counts = report["status"].value_counts()
            rows.append(("Inputs", f"{len(report):,}: " + ", ".join(f"{_e(k)} {v:,}" for k, v in sorted(counts.items()))))
    table = "\n".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    links = [(name, folder / name) for name in ("articles.csv", "load_report.csv", "sentences.csv",
                                                 "paragraphs.csv", "cleaning_audit.csv")]
    listed = " · ".join(f'<a href="{_href(p, out_root)}">{_e(name)}</a>' for name, p in links if p.exists())
    extra = f"<p>Processed tables: {listed}</p>" if listed else ""
    return f'<table class="summary">{table}</table>\n{extra}'


def _findings_section(pages: list[dict]) -> str:
    blocks = []
    for page in pages:
        if not page["findings"]:
            continue
        items = []
        for f in page["findings"]:
            link = f'{page["href"]}#{f.anchor}' if page["href"] else ""
            answer = f"<pre>{_e(f.output) if f.output else '(no output)'}</pre>"
            anchor = f' <a class="cell-link" href="{link}">cell {f.cell} ›</a>' if link else ""
            items.append(f'<li><div class="question">{_e(f.question)}{anchor}</div>{answer}</li>')
        blocks.append(f'<h3>{_e(page["title"])}</h3>\n<ul class="findings">{"".join(items)}</ul>')
    return "\n".join(blocks) or "<p>No headline cells were found in the executed notebooks.</p>"


def _gallery(out_root: Path, pages_by_stem: dict[str, dict]) -> str:
    folder = out_root / "figures"
    if not (folder / "manifest.csv").exists():
        return "<p>No figures were saved (no <code>figures/manifest.csv</code>).</p>"
    rows = read_manifest(folder)
    cards = []
    for row in rows.to_dict("records"):
        name = row.get("name", "")
        files = {Path(f).suffix.lstrip("."): folder / f for f in str(row.get("files", "")).split(";") if f}
        for kind in FIGURE_KINDS:
            files.setdefault(kind, folder / f"{name}.{kind}")
        files = {k: p for k, p in files.items() if p.exists()}
        if not files:
            continue
        preview = files.get("png") or files.get("svg")
        img = (f'<a href="{_href(preview, out_root)}"><img src="{_href(preview, out_root)}" alt="{_e(name)}">'
               f'</a>') if preview else ""
        links = " · ".join(f'<a href="{_href(files[k], out_root)}">{k.upper()}</a>' for k in FIGURE_KINDS if k in files)
        notebook = row.get("notebook", "")
        page = pages_by_stem.get(notebook)
        from_nb = (f' · from <a href="{page["href"]}">{_e(notebook)}</a>' if page and page["href"]
                   else (f" · from {_e(notebook)}" if notebook else ""))
        source = f'<div class="source">Source: {_e(row.get("source", ""))}</div>' if row.get("source") else ""
        cards.append(f'<figure id="fig-{_e(name)}">{img}<figcaption><strong>{_e(name)}</strong> — '
                     f'{_e(row.get("caption", ""))}{source}<div class="files">{links}{from_nb}</div>'
                     f"</figcaption></figure>")
    return f'<div class="gallery">{"".join(cards)}</div>' if cards else "<p>No figure files were found.</p>"


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 70em; margin: 0 auto;
  padding: 1em 2em 4em; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: 0.2em; margin-top: 1.6em; }
.lede { color: #555; margin-top: 0; }
table.summary { border-collapse: collapse; } table.summary th { text-align: left; padding: 3px 16px 3px 0;
  vertical-align: top; color: #444; } table.summary td { padding: 3px 0; }
ul.findings { list-style: none; padding-left: 0; } ul.findings li { margin: 0 0 0.9em 0; }
.question { font-weight: 600; } .cell-link { font-weight: normal; font-size: 90%; margin-left: 0.5em; }
pre { background: #f5f5f5; border-left: 3px solid #E69F00; padding: 6px 10px; margin: 4px 0; overflow-x: auto;
  white-space: pre-wrap; word-break: break-word; font-size: 90%; }
ol.notebooks li { margin-bottom: 0.3em; }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(30em, 1fr)); gap: 1.2em; }
figure { margin: 0; border: 1px solid #ddd; border-radius: 4px; padding: 8px; background: #fff; }
figure img { width: 100%; height: auto; display: block; }
figcaption { font-size: 92%; margin-top: 6px; } .source { color: #666; font-size: 90%; }
.files { margin-top: 4px; } a { color: #0062a3; }
footer { margin-top: 3em; color: #777; font-size: 85%; }
"""


def build_site(out_root: str | os.PathLike = paths.REPORTS, corpus: str = "data/raw", hide_code: bool = True) -> Path:
    """Write the notebook pages into ``out_root/html/`` and ``out_root/index.html``; return the index path."""
    out_root = paths.resolve(out_root)
    out_root.mkdir(parents=True, exist_ok=True)
    pages = []
    for book in sorted((out_root / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        target = out_root / "html" / f"{book.stem}.html"
        try:
            findings = export_notebook_html(book, target, hide_code=hide_code)
            href = _href(target, out_root)
        except Exception as exc:  # a broken notebook must not hide the others
            print(f"report: could not export {book.name}: {type(exc).__name__}: {exc}")
            findings, href = find_findings(book), ""
        nb = nbformat.read(book, as_version=4)
        pages.append({"stem": book.stem, "title": _title(nb, book.stem), "href": href, "findings": findings,
                      "ipynb": _href(book, out_root)})
    by_stem = {p["stem"]: p for p in pages}
    items = []
    for p in pages:
        title = f'<a href="{p["href"]}">{_e(p["title"])}</a>' if p["href"] else _e(p["title"])
        items.append(f'<li>{title} — <a href="{p["ipynb"]}">executed notebook (.ipynb)</a></li>')
    notebook_list = "\n".join(items) or "<li>No executed notebooks in this folder.</li>"
    code_note = "code hidden" if hide_code else "code shown"
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bakhmut coverage — report on {_e(corpus)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>News coverage of the Battle of Bakhmut</h1>
<p class="lede">Report on <strong>{_e(corpus)}</strong>: {len(pages)} notebook(s) executed, {code_note}.
Every number below was printed by a notebook cell; follow the link to read it in context.</p>
<nav>Contents: <a href="#corpus">Corpus</a> · <a href="#findings">Findings</a> ·
<a href="#notebooks">Notebooks</a> · <a href="#figures">Figures</a></nav>
<h2 id="corpus">Corpus</h2>
{_summary(out_root, corpus)}
<h2 id="findings">Findings</h2>
{_findings_section(pages)}
<h2 id="notebooks">Notebooks</h2>
<ol class="notebooks">{notebook_list}</ol>
<h2 id="figures">Figures</h2>
{_gallery(out_root, by_stem)}
<footer>Written by <code>make report</code> (helpers.report). Open this file directly; it needs no server and no
network.</footer>
</body>
</html>
"""
    index = out_root / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
