"""Exports researchers bring, read on small real examples (tests/fixtures/loader, sources in SOURCES.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.corpus import files_summary, load_corpus
from helpers.formats import recognise_export

FIXTURES = Path(__file__).parent / "fixtures" / "loader"
MEDIACLOUD = FIXTURES / "mediacloud" / "story-list-2020-10-15_kentucky.csv"
GDELTDOC = FIXTURES / "gdelt" / "gdeltdoc-artlist-femicide.csv"
PAGE = FIXTURES / "html" / "hermitian-matrix.html"


def test_media_cloud_story_list_loads_as_title_only_articles():
    with pytest.warns(UserWarning, match="Media Cloud story list holds no article text"):
        articles, report = load_corpus(MEDIACLOUD, dedupe=False, infer_dates=False)
    assert len(articles) == 8 and len(report) == 8
    first = articles.iloc[0]
    assert first["article_id"] == "1732196477"  # stories_id
    assert first["title"] == first["text"] == "The New Reconstruction"
    assert first["outlet"] == "Atlantic"  # media_name
    assert first["url"].startswith("https://www.theatlantic.com/magazine/archive/2020/10/")
    assert articles["date"].eq(pd.Timestamp("2020-10-15")).all()
    assert set(articles["date_source"]) == {"column"}
    assert report["status"].eq("loaded_with_warnings").all()
    assert report["reason"].str.contains("title only: a Media Cloud story list holds no article text").all()
    assert report["format"].str.startswith("Media Cloud story list, csv").all()
    assert set(articles["language"]) == {"en"}


def test_media_cloud_text_column_is_read_when_present(tmp_path):
    frame = pd.read_csv(MEDIACLOUD, dtype=str, keep_default_na=False).head(2)
    frame["text"] = ["The first story's full text, added by the researcher after fetching the page.",
                     "The second story's full text, also fetched, long enough to be an article body."]
    frame.to_csv(tmp_path / "with_text.csv", index=False)
    articles, report = load_corpus(tmp_path / "with_text.csv", dedupe=False)
    assert articles["text"].str.startswith("The first story").tolist() == [True, False]
    assert articles.loc[0, "title"] == "The New Reconstruction"
    assert not report["reason"].str.contains("title only").any()


def test_gdelt_doc_article_list_loads_headlines_with_seendate_and_domain():
    with pytest.warns(UserWarning, match="GDELT DOC API article list holds no article text"):
        articles, report = load_corpus(GDELTDOC, dedupe=False, infer_dates=False)
    assert len(articles) == 5
    assert articles.loc[0, "title"] == "Fiscalía de Edomex detiene al presunto feminic..."
    assert articles.loc[0, "outlet"] == "elsiglodetorreon.com.mx"  # domain
    assert articles["date"].tolist() == [pd.Timestamp("2023-09-18")] * 5  # seendate 20230918T031500Z
    assert articles["article_id"].tolist() == [f"gdeltdoc-artlist-femicide:{i:06d}" for i in range(5)]
    assert set(articles["language"]) == {"es"}
    assert report["reason"].str.contains("fetch the pages from the url column").all()
    summary = files_summary(report)
    assert summary.loc[0, "file"] == "gdeltdoc-artlist-femicide.csv" and summary.loc[0, "languages"] == "es 5"


def test_gdelt_api_csv_layout_with_bom_is_recognised(tmp_path):
    """The DOC API's own format=csv layout (URL,MobileURL,Date,Title, UTF-8 BOM, per GDELT's documentation),
    rows built from the real gdeltdoc sample above."""
    real = pd.read_csv(GDELTDOC, dtype=str, keep_default_na=False)
    lines = ["URL,MobileURL,Date,Title"] + [
        f'{r.url},{r.url_mobile},{r.seendate[:4]}-{r.seendate[4:6]}-{r.seendate[6:8]} 03:15:00,"{r.title}"'
        for r in real.itertuples()]
    (tmp_path / "artlist.csv").write_bytes(("\n".join(lines) + "\n").encode("utf-8-sig"))
    with pytest.warns(UserWarning, match="GDELT DOC API article list"):
        articles, report = load_corpus(tmp_path / "artlist.csv", dedupe=False)
    assert articles["title"].tolist() == real["title"].tolist()
    assert articles["date"].eq(pd.Timestamp("2023-09-18")).all()
    assert set(report["encoding"]) == {"utf-8 (BOM)"}


def test_gdelt_gkg_title_comes_from_extras_xml(tmp_path):
    """GKG 2.1 column names from GDELT's codebook; one row built in that layout (no real GKG file is kept)."""
    header = ("GKGRECORDID,DATE,SourceCollectionIdentifier,SourceCommonName,DocumentIdentifier,V2Themes,V2Tone,"
              "V2ExtrasXML")
    row = ('20230305120000-17,20230305120000,1,kyivindependent.com,https://kyivindependent.com/a,,,'
           '"<PAGE_TITLE>Ukraine war latest: Fighting continues in Bakhmut</PAGE_TITLE>"')
    (tmp_path / "gkg.csv").write_text(header + "\n" + row + "\n", encoding="utf-8")
    assert recognise_export(header.split(",")).name == "gdelt_gkg"
    with pytest.warns(UserWarning, match="GDELT GKG table"):
        articles, _ = load_corpus(tmp_path / "gkg.csv", dedupe=False)
    assert articles.loc[0, "title"] == articles.loc[0, "text"] == "Ukraine war latest: Fighting continues in Bakhmut"
    assert articles.loc[0, "date"] == pd.Timestamp("2023-03-05")
    assert articles.loc[0, "outlet"] == "kyivindependent.com"
    assert articles.loc[0, "article_id"] == "20230305120000-17"


def test_generic_headline_table_is_not_an_export():
    assert recognise_export(["first_seen_utc", "headline"]) is None
    assert recognise_export(["date", "outlet", "domain", "url", "title", "text", "origin_file"]) is None


def test_folder_of_saved_html_pages(tmp_path):
    shutil.copy(PAGE, tmp_path / PAGE.name)
    (tmp_path / "login-wall.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                              encoding="utf-8")
    articles, report = load_corpus(tmp_path, dedupe=False)
    assert articles["article_id"].tolist() == ["hermitian-matrix"]
    page = articles.iloc[0]
    assert page["title"] == "Hermitian matrix"
    assert page["text"].startswith("In mathematics, a Hermitian matrix (or self-adjoint matrix) is a complex square")
    assert "Hermitian matrix\n" not in page["text"][:20]  # trafilatura's repeated title line is dropped
    assert page["date"] == pd.Timestamp("2003-02-28") and page["date_source"] == "page"
    assert page["url"] == "https://en.wikipedia.org/wiki/Hermitian_matrix"
    assert page["language"] == "en" and page["n_words"] > 800
    by_input = report.set_index("input")
    assert by_input.loc["hermitian-matrix.html", "format"] == "html"
    assert by_input.loc["hermitian-matrix.html", "encoding"] == "utf-8"
    assert by_input.loc["login-wall.html", "status"] == "skipped"
    assert "no main text" in by_input.loc["login-wall.html", "reason"]
