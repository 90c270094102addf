"""Hostile article text shows literally and runs nothing: in reading views, notebook pages and the report index.

The hostile corpus is the five seed articles (so every notebook runs on it as on the default corpus) with a
paragraph of markup added to each — inside a casualty claim, next to framing terms, with quotes and ``&`` — one
more article whose *file name* is an ``<img onerror>`` tag, a metadata sidecar whose titles, outlets and URLs are
hostile, and a corpus folder whose name is hostile (it is printed in outputs and figure captions).
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths, pipeline
from helpers.reading import reading_html, reading_view
from helpers.report import build_site, export_notebook_html, external_references

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ATTR = "\" onmouseover=\"alert(1)\" x='"
HOSTILE_PARAGRAPH = (
    f"A Ukrainian commander said 500 Russian soldiers were killed near Bakhmut {SCRIPT} in a single day, "
    f"calling the fight a \"meat grinder\" & 'human waves' {IMG} of attackers, officials said.\n\n"
    f"Russian officials claimed that 200 Ukrainian troops died {SCRIPT} in the fortress city, a claim "
    "that could not be verified & was denied.\n\n"
)
# a folder name carrying markup: it is shown as the corpus name in outputs, captions and the index
CORPUS_DIR_NAME = 'hostile "corpus" & <img src=x onerror=alert(1)>'


# ------------------------------------------------------------------------------------------------ helpers

class _Page(HTMLParser):
    """Elements, attributes and text of an HTML page, as a browser's tokenizer would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._raw_text = 0  # inside <script>/<style>: their content is not page text

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: (v or "") for k, v in attrs}))
        if tag in ("script", "style"):
            self._raw_text += 1

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {k: (v or "") for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._raw_text:
            self._raw_text -= 1

    def handle_data(self, data):
        if not self._raw_text:
            self.text.append(data)


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def assert_inert(page: str, where: str) -> _Page:
    """No script element, no event-handler attribute, no hostile image or javascript: link, nothing external."""
    parsed = parse(page)
    scripts = [attrs for tag, attrs in parsed.elements if tag == "script"]
    assert not scripts, f"{where}: {len(scripts)} <script> element(s) in the page"
    handlers = [(tag, name, value) for tag, attrs in parsed.elements for name, value in attrs.items()
                if name.lower().startswith("on")]
    assert not handlers, f"{where}: event-handler attributes {handlers[:5]}"
    images = [attrs for tag, attrs in parsed.elements if tag == "img" and attrs.get("src", "").strip() == "x"]
    assert not images, f"{where}: the hostile <img> became an element"
    links = [(tag, attrs) for tag, attrs in parsed.elements
             if any(v.strip().lower().startswith(("javascript:", "vbscript:")) for v in attrs.values())]
    assert not links, f"{where}: javascript: URL in an attribute {links[:3]}"
    assert not external_references(page), f"{where}: external references {external_references(page)[:3]}"
    return parsed


def page_text(parsed: _Page) -> str:
    return "".join(parsed.text)


def make_hostile_corpus(folder: Path) -> Path:
    corpus = folder / CORPUS_DIR_NAME
    corpus.mkdir(parents=True)
    names = []
    for source in sorted(paths.DATA_RAW.glob("*.txt")):
        raw = source.read_text(encoding="utf-8")
        first_break = raw.find("\n\n")
        cut = first_break + 2 if first_break > 0 else len(raw)
        (corpus / source.name).write_text(raw[:cut] + HOSTILE_PARAGRAPH + raw[cut:], encoding="utf-8")
        names.append(source.name)
    hostile_file = f"005_{IMG}.txt"
    (corpus / hostile_file).write_text(
        f" date 2023-02-14 {HOSTILE_PARAGRAPH}Wagner fighters pressed on Bakhmut {SCRIPT} as shelling continued "
        "& the city's defenders held the \"fortress\".\n", encoding="utf-8")
    names.append(hostile_file)
    meta = pd.DataFrame({
        "file": names,
        "title": [f"Battle for Bakhmut {SCRIPT} {i}" for i in range(len(names))],
        "outlet": [f"Outlet & {IMG}" if i % 2 else f"The \"Daily\" {SCRIPT}" for i in range(len(names))],
        "url": ["javascript:alert(1)"] * len(names),
    })
    meta.to_csv(corpus / "metadata.csv", index=False)
    return corpus


# ------------------------------------------------------------------------------------------------ (a) reading views

def test_reading_html_escapes_text_labels_tooltips_and_title():
    text = f"Before {SCRIPT} middle \"quoted\" & 'single' {IMG} after."
    s0 = text.index(SCRIPT)
    s1 = text.index(IMG)
    spans = pd.DataFrame([
        {"start": s0, "end": s0 + len(SCRIPT), "label": f"claim {SCRIPT}", "tooltip": ATTR},
        {"start": s1 - 8, "end": s1 + len(IMG), "label": "<b onmouseover=alert(1)>frame</b>", "tooltip": IMG},
        {"start": s0 + 2, "end": s1, "label": "overlapping & hidden", "tooltip": None},
    ])
    out = reading_html(text, spans, title=f"Title {SCRIPT} & {IMG}")
    parsed = assert_inert(out, "reading_html")
    shown = page_text(parsed)
    assert SCRIPT in shown and IMG in shown, "the hostile text must be visible literally"
    assert "\"quoted\" & 'single'" in shown
    assert f"Title {SCRIPT} & {IMG}" in shown
    marks = [attrs for tag, attrs in parsed.elements if tag == "mark"]
    assert len(marks) == 2, "both non-overlapping spans are highlighted"
    assert {m["title"] for m in marks} == {ATTR, IMG}, "tooltips stay inside their attribute"
    assert [tag for tag, _ in parsed.elements if tag not in {"div", "h4", "span", "mark", "sup", "br"}] == []
    assert reading_view(text, spans, title="t").data == reading_html(text, spans, title="t")


def test_reading_html_without_spans_and_with_odd_input():
    parsed = assert_inert(reading_html(f"{SCRIPT}\n{IMG}"), "reading_html (no spans)")
    assert SCRIPT in page_text(parsed) and IMG in page_text(parsed)
    assert_inert(reading_html(None), "reading_html(None)")  # type: ignore[arg-type]
    bad = pd.DataFrame([{"start": 5, "end": 500, "label": SCRIPT}, {"start": 3, "end": 2, "label": IMG}])
    parsed = assert_inert(reading_html(SCRIPT, bad), "reading_html (spans out of range)")
    assert SCRIPT in page_text(parsed)


# ------------------------------------------------------------------------------------------------ (b) the report

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    corpus = make_hostile_corpus(base)
    out = base / "report"
    pipeline.run_report(corpus=str(corpus), out=str(out), only=["01"])
    index = build_site(out, corpus=paths.display_path(corpus), hide_code=True)
    return {"corpus": corpus, "out": out, "index": index}


@pytest.mark.notebook
def test_hostile_corpus_loads_with_markup_in_text(hostile):
    articles = pd.read_csv(hostile["out"] / "processed" / "articles.csv", dtype=str, keep_default_na=False)
    assert len(articles) == 6
    assert articles["text"].str.contains(SCRIPT, regex=False).all(), "cleaning must keep the hostile text"
    assert articles["article_id"].str.contains(IMG, regex=False).any()


@pytest.mark.notebook
def test_every_written_page_is_inert(hostile):
    pages = [hostile["index"], *sorted((hostile["out"] / "html").glob("*.html"))]
    assert len(pages) >= 2
    for page in pages:
        assert_inert(page.read_text(encoding="utf-8"), page.name)


@pytest.mark.notebook
def test_notebook_page_shows_hostile_text_literally(hostile):
    page = hostile["out"] / "html" / "01-load-and-clean.html"
    shown = page_text(parse(page.read_text(encoding="utf-8")))
    assert SCRIPT in shown, "the sentence table shows the <script> text as text"
    assert IMG in shown, "the load report shows the hostile file name as text"
    assert f"Battle for Bakhmut {SCRIPT}" in shown, "titles from the metadata sidecar show as text"


@pytest.mark.notebook
def test_index_shows_hostile_names_literally(hostile):
    text = hostile["index"].read_text(encoding="utf-8")
    parsed = assert_inert(text, "index.html")
    shown = page_text(parsed)
    assert CORPUS_DIR_NAME in shown, "the corpus name (in the summary and the figure captions) shows literally"
    assert IMG in shown and SCRIPT in shown, "outlets show literally in the summary"
    figures = [attrs for tag, attrs in parsed.elements if tag == "figure"]
    assert figures, "the gallery lists the figures"
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", text, flags=re.S)
    assert any(html.escape(CORPUS_DIR_NAME) in c for c in captions), "captions are escaped, not dropped"


OTHER_BOOKS = [b for b in pipeline.notebook_paths() if not b.name.startswith("01-")]


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("book", OTHER_BOOKS, ids=[b.stem for b in OTHER_BOOKS])
def test_other_notebooks_reading_views_are_inert(hostile, book):
    out = hostile["out"]
    target = out / "notebooks" / book.name
    parameters = {"corpus": str(hostile["corpus"]), "output_dir": str(out)}
    pipeline.execute_notebook(book, target, parameters)
    page = out / "html" / f"{book.stem}.html"
    export_notebook_html(target, page)
    text = page.read_text(encoding="utf-8")
    parsed = assert_inert(text, page.name)
    if "alert(1)" in text:
        assert SCRIPT in page_text(parsed) or IMG in page_text(parsed), (
            f"{page.name}: the hostile markup appears but not as text")
    views = text.count('class="reading-view"')
    if views:
        assert "alert(1)" in page_text(parsed), f"{page.name}: {views} reading view(s), none shows the hostile text"


# ------------------------------------------------------------------------------------------------ in a real browser

@pytest.mark.notebook
@pytest.mark.browser
def test_hostile_report_runs_nothing_in_chromium(hostile):
    from _browser import launch
    from playwright.sync_api import sync_playwright

    pages = [hostile["index"], *sorted((hostile["out"] / "html").glob("*.html"))]
    dialogs: list[str] = []
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("request", lambda r: requests.append(r.url))
            for path in pages:
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                page.mouse.move(200, 200)
                page.wait_for_timeout(300)
                assert page.evaluate("document.querySelectorAll('script').length") == 0, path.name
                assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0, path.name
                body = page.inner_text("body")
                if path.name.startswith("01-"):
                    assert SCRIPT in body and IMG in body, "the browser shows the hostile text literally"
                if path.name == "index.html":
                    assert CORPUS_DIR_NAME in body
        finally:
            browser.close()
    assert dialogs == [], f"a dialog fired: {dialogs}"
    remote = [u for u in requests if not u.startswith(("file:", "data:", "about:"))]
    assert remote == [], f"the report fetched from the network: {remote[:5]}"
