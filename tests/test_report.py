"""The report site: findings link to the cells that printed them, every link is relative and resolves, no CDN."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

from helpers import paths
from helpers.report import build_site, external_references, find_findings, processed_folder


def _executed_notebook(target: Path) -> None:
    v4 = nbformat.v4
    nb = v4.new_notebook()
    nb.cells = [
        v4.new_markdown_cell("# 07 · A test notebook\n\nIntro."),
        v4.new_code_cell("corpus = 'data/raw'", metadata={"tags": ["parameters"]}, execution_count=1),
        v4.new_code_cell("# NBVAL_CHECK_OUTPUT\n# How many articles mention Bakhmut?\nprint('5 of 5 & <all>')",
                         execution_count=2, outputs=[v4.new_output("stream", name="stdout", text="5 of 5 & <all>\n")]),
        v4.new_code_cell("secret_code_marker = 1", execution_count=3),
        v4.new_code_cell("# How long are they?\n# NBVAL_CHECK_OUTPUT\nlen('x')",
                         execution_count=4, outputs=[v4.new_output("execute_result", data={"text/plain": "1"},
                                                                   execution_count=4)]),
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)


@pytest.fixture()
def site(tmp_path):
    out = tmp_path / "out"
    _executed_notebook(out / "notebooks" / "07-test.ipynb")
    figures = out / "figures"
    figures.mkdir(parents=True)
    for ext in ("png", "svg", "pdf", "csv"):
        (figures / f"07-thing.{ext}").write_bytes(b"\x89PNG\r\n" if ext == "png" else b"x")
    (figures / "manifest.csv").write_text(
        "name,caption,source,notebook,files\n"
        '07-thing,"Counts of things, per <week> & day",seeds,07-test,07-thing.png;07-thing.svg;07-thing.pdf;07-thing.csv\n',
        encoding="utf-8")
    (out / "processed").mkdir()
    (out / "processed" / "articles.csv").write_text(
        "article_id,date,date_source,outlet,n_words,duplicate_of\n"
        "a,2023-01-01,header,Kyiv Independent,100,\nb,,unknown,Reuters,50,a\n", encoding="utf-8")
    (out / "processed" / "load_report.csv").write_text(
        "input,article_id,status,reason\na.txt,a,loaded,ok\nb.txt,b,loaded_with_warnings,no date\n", encoding="utf-8")
    return out


def _links(page: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', page)


def test_findings_are_extracted_with_their_question_and_output(site):
    found = find_findings(site / "notebooks" / "07-test.ipynb")
    assert [(f.cell, f.question, f.output) for f in found] == [
        (2, "How many articles mention Bakhmut?", "5 of 5 & <all>"),
        (4, "How long are they?", "1"),
    ]


def test_index_links_every_finding_to_an_anchor_that_exists(site):
    index = build_site(site, corpus="seeds & <co>")
    page = index.read_text(encoding="utf-8")
    assert "How many articles mention Bakhmut?" in page and "5 of 5 &amp; &lt;all&gt;" in page
    assert "seeds &amp; &lt;co&gt;" in page
    notebook_page = (site / "html" / "07-test.html").read_text(encoding="utf-8")
    for link in [l for l in _links(page) if "#cell-" in l]:
        target, anchor = link.split("#")
        assert target == "html/07-test.html"
        assert re.search(rf'<div\b[^>]*\bid="{anchor}"', notebook_page), f"no anchor {anchor} in the page"
    assert 'class="finding-question">How many articles mention Bakhmut?<' in notebook_page
    assert "../index.html" in notebook_page


def test_every_relative_link_resolves_and_nothing_is_external(site):
    index = build_site(site, corpus="seeds")
    for page_path in [index, *(site / "html").glob("*.html")]:
        page = page_path.read_text(encoding="utf-8")
        assert not external_references(page), page_path.name
        assert "<script" not in page, f"{page_path.name} contains a script"
        for link in _links(page):
            if link.startswith(("#", "data:")):
                continue
            assert not re.match(r"^[a-z]+:", link), f"{page_path.name}: non-relative link {link}"
            target = (page_path.parent / unquote(link.split("#")[0])).resolve()
            assert target.exists(), f"{page_path.name}: broken link {link}"


def test_gallery_and_summary(site):
    page = build_site(site, corpus="seeds").read_text(encoding="utf-8")
    for ext in ("png", "svg", "pdf", "csv"):
        assert f'href="figures/07-thing.{ext}"' in page
    assert "Counts of things, per &lt;week&gt; &amp; day" in page
    assert "<td>2</td>" in page and "loaded 1, loaded_with_warnings 1" in page
    assert "Kyiv Independent" in page


def test_hide_code_chooses_whether_code_is_shown(site):
    build_site(site, corpus="seeds", hide_code=True)
    assert "secret_code_marker" not in (site / "html" / "07-test.html").read_text(encoding="utf-8")
    build_site(site, corpus="seeds", hide_code=False)
    assert "secret_code_marker" in (site / "html" / "07-test.html").read_text(encoding="utf-8")


def test_processed_folder_follows_outputs_rules(tmp_path):
    assert processed_folder(paths.REPORTS) == paths.DATA_PROCESSED
    assert processed_folder(tmp_path) == tmp_path / "processed"


def test_site_without_notebooks_or_figures(tmp_path):
    page = build_site(tmp_path / "empty", corpus="none").read_text(encoding="utf-8")
    assert "No executed notebooks" in page and "notebook 01 did not run" in page
