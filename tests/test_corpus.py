"""load_corpus: every format, every bad input, nothing dropped silently."""

from __future__ import annotations

import gzip
import json
import re

import pandas as pd
import pytest

from helpers import paths
from helpers.corpus import ARTICLE_COLUMNS, REPORT_COLUMNS, CorpusError, filter_by_query, load_corpus, removals

ARTICLE = (
    "Ukrainian forces repelled several assaults near Bakhmut on Monday, the general staff said.\n\n"
    "Local officials said the town's water supply had been cut for a third week as shelling continued.\n\n"
    "Residents who stayed behind queue for bread at a volunteer centre in the city centre.\n"
)


def write(folder, name, content, mode="w", encoding="utf-8"):
    path = folder / name
    if mode == "wb":
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding)
    return path


def status_of(report, name):
    row = report.loc[report["input"] == name]
    assert len(row) == 1, f"{name} should appear exactly once in the report"
    return row.iloc[0]["status"], row.iloc[0]["reason"]


# ------------------------------------------------------------------------------------------------------------
# the seeds


def test_seeds_load_with_header_dates(seeds):
    articles, report = seeds
    assert list(articles.columns[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS
    assert set(articles["language"]) == {"en"} and set(report["encoding"]) == {"utf-8"}
    assert len(articles) == 5 and len(report) == 5
    assert set(report["status"]) <= {"loaded", "loaded_with_warnings"}
    by_id = articles.set_index("article_id")
    assert by_id.loc["000_7ec4858636b07153", "date"] == pd.Timestamp("2023-01-05")
    assert by_id.loc["000_7ec4858636b07153", "date_source"] == "header"
    assert by_id.loc["004_8c3a93bae0d5a75c", "date"] == pd.Timestamp("2022-10-29")
    # the header is not part of the text
    assert not by_id.loc["000_7ec4858636b07153", "text"].startswith("date")
    assert by_id.loc["000_7ec4858636b07153", "text"].startswith("Ukrainian and Russian troops clashed")
    assert articles["n_words"].gt(300).all()


def test_ids_are_stable(seeds):
    again, _ = load_corpus(paths.DATA_RAW)
    assert again["article_id"].tolist() == seeds[0]["article_id"].tolist()
    pd.testing.assert_frame_equal(again, seeds[0])


def test_raw_folder_is_never_written(seeds):
    names = sorted(p.name for p in paths.DATA_RAW.iterdir())
    assert names == sorted(f"{n}.txt" for n in seeds[0]["article_id"])


def test_cleaning_audit_offsets_point_into_raw_text(seeds):
    articles, _ = seeds
    audit = removals(articles)
    raw = articles.set_index("article_id")["raw_text"]
    assert len(audit) > 0
    for row in audit.itertuples():
        assert raw[row.article_id][row.start:row.end] == row.removed


# ------------------------------------------------------------------------------------------------------------
# formats


def test_single_txt_file(tmp_path):
    path = write(tmp_path, "one.txt", " date 2023-02-01 " + ARTICLE)
    articles, report = load_corpus(path)
    assert len(articles) == 1 and articles.loc[0, "date"] == pd.Timestamp("2023-02-01")
    assert articles.loc[0, "article_id"] == "one"


def test_header_on_its_own_line(tmp_path):
    write(tmp_path, "a.txt", "date: 2023-02-01\n" + ARTICLE)
    articles, _ = load_corpus(tmp_path)
    assert articles.loc[0, "date"] == pd.Timestamp("2023-02-01")
    assert articles.loc[0, "text"].startswith("Ukrainian forces")


def test_csv_with_common_columns(tmp_path):
    frame = pd.DataFrame({
        "headline": ["A", "B"], "body": [ARTICLE, ARTICLE.replace("Monday", "Tuesday") + " More."],
        "published": ["2023-01-02T10:00:00Z", "2023-01-03"], "publisher": ["Reuters", "AP"],
        "link": ["https://example.org/a", "https://example.org/b"],
    })
    frame.to_csv(tmp_path / "news.csv", index=False)
    articles, report = load_corpus(tmp_path / "news.csv")
    assert report["encoding"].eq("utf-8").all() and report["format"].str.startswith("csv (sep ','").all()
    assert articles["title"].tolist() == ["A", "B"]
    assert articles["outlet"].tolist() == ["Reuters", "AP"]
    assert articles["url"].tolist() == ["https://example.org/a", "https://example.org/b"]
    assert articles["date"].tolist() == [pd.Timestamp("2023-01-02"), pd.Timestamp("2023-01-03")]
    assert set(articles["date_source"]) == {"column"}
    assert report["input"].tolist() == ["news.csv:row 0", "news.csv:row 1"]


def test_csv_gz_and_explicit_columns(tmp_path):
    frame = pd.DataFrame({"story": [ARTICLE], "when": ["05/01/2023"], "paper": ["Kyiv Independent"]})
    with gzip.open(tmp_path / "x.csv.gz", "wt", encoding="utf-8") as handle:
        frame.to_csv(handle, index=False)
    with pytest.warns(UserWarning, match="read as day first"):  # ambiguous: day first, said so
        articles, _ = load_corpus(tmp_path / "x.csv.gz", text_col="story", date_col="when", outlet_col="paper")
    assert articles.loc[0, "date"] == pd.Timestamp("2023-01-05")  # day first
    assert articles.loc[0, "outlet"] == "Kyiv Independent"
    assert articles.loc[0, "article_id"] == "x:000000"


def test_jsonl_with_a_bad_line(tmp_path):
    lines = [json.dumps({"content": ARTICLE, "seendate": "20230105T101500Z", "title": "t1"}), "{not json",
             json.dumps({"content": "", "title": "empty"}), json.dumps({"content": ARTICLE + " Again.", "title": "t2"})]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    articles, report = load_corpus(tmp_path / "feed.jsonl")
    assert articles["title"].tolist() == ["t1", "t2"]
    assert articles.loc[0, "date"] == pd.Timestamp("2023-01-05")
    skipped = report[report["status"] == "skipped"]
    assert len(skipped) == 2
    assert any("not valid JSON" in r for r in skipped["reason"])
    assert any("empty text" in r for r in skipped["reason"])


def test_headline_only_table_uses_headline_as_text(tmp_path):
    pd.DataFrame({"first_seen_utc": ["2023-03-01T09:00:00+00:00"], "headline": ["At least 7 killed in Bakhmut"]}).to_csv(
        tmp_path / "h.csv", index=False)
    articles, _ = load_corpus(tmp_path / "h.csv")
    assert articles.loc[0, "text"] == "At least 7 killed in Bakhmut"
    assert articles.loc[0, "date"] == pd.Timestamp("2023-03-01")


def test_metadata_sidecar_overrides(tmp_path):
    write(tmp_path, "a.txt", " date 2023-01-01 " + ARTICLE)
    write(tmp_path, "b.txt", ARTICLE + " Extra sentence here.")
    pd.DataFrame({"file": ["a.txt", "b.txt", "ghost.txt"], "title": ["Title A", "Title B", "x"],
                  "outlet": ["Reuters", "", ""], "url": ["", "", ""], "date": ["2023-02-02", "", ""]}).to_csv(
        tmp_path / "metadata.csv", index=False)
    articles, report = load_corpus(tmp_path)
    by_id = articles.set_index("article_id")
    assert by_id.loc["a", "date"] == pd.Timestamp("2023-02-02") and by_id.loc["a", "date_source"] == "metadata"
    assert by_id.loc["a", "title"] == "Title A" and by_id.loc["a", "outlet"] == "Reuters"
    assert by_id.loc["b", "title"] == "Title B"
    assert "metadata.csv" not in set(articles["source"])
    assert status_of(report, "metadata.csv:ghost.txt")[0] == "skipped"


def test_date_from_file_name(tmp_path):
    write(tmp_path, "20230223T144500Z_reuters.txt", ARTICLE)
    write(tmp_path, "2023-02-24_ap.txt", ARTICLE + " Different.")
    articles, _ = load_corpus(tmp_path, infer_dates=False)
    by_id = articles.set_index("article_id")
    assert by_id.loc["20230223T144500Z_reuters", "date"] == pd.Timestamp("2023-02-23")
    assert by_id.loc["2023-02-24_ap", "date"] == pd.Timestamp("2023-02-24")
    assert set(by_id["date_source"]) == {"filename"}


def test_header_beats_file_name(tmp_path):
    write(tmp_path, "2023-02-24_ap.txt", " date 2023-03-01 " + ARTICLE)
    articles, _ = load_corpus(tmp_path)
    assert articles.loc[0, "date"] == pd.Timestamp("2023-03-01") and articles.loc[0, "date_source"] == "header"


# ------------------------------------------------------------------------------------------------------------
# bad inputs: one test each


def test_empty_file_is_skipped_with_reason(tmp_path):
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "good.txt", ARTICLE)
    articles, report = load_corpus(tmp_path)
    assert articles["article_id"].tolist() == ["good"]
    status, reason = status_of(report, "empty.txt")
    assert status == "skipped" and "empty" in reason


def test_binary_file_is_skipped_with_reason(tmp_path):
    write(tmp_path, "photo.txt", bytes(range(256)) * 40, mode="wb")
    write(tmp_path, "good.txt", ARTICLE)
    articles, report = load_corpus(tmp_path)
    assert len(articles) == 1
    status, reason = status_of(report, "photo.txt")
    assert status == "skipped" and "binary" in reason


def test_non_utf8_text_is_decoded_with_warning(tmp_path):
    text = "Kyiv’s mayor said the café near Bakhmut was shelled — résidents fled.\n\n" + ARTICLE
    write(tmp_path, "cp.txt", text.encode("cp1252"), mode="wb")
    write(tmp_path, "latin.txt", ("Señor Ramírez said ü and ß.\n\n" + ARTICLE).encode("latin-1"), mode="wb")
    articles, report = load_corpus(tmp_path)
    by_id = articles.set_index("article_id")
    assert "Kyiv’s mayor" in by_id.loc["cp", "text"] and "café" in by_id.loc["cp", "text"]
    assert "Señor Ramírez" in by_id.loc["latin", "text"]
    for name in ("cp.txt", "latin.txt"):
        status, reason = status_of(report, name)
        assert status == "loaded_with_warnings" and "UTF-8" in reason
    assert report.set_index("input").loc[["cp.txt", "latin.txt"], "encoding"].tolist() == ["cp1252", "cp1252"]


def test_malformed_header_date_loads_with_unknown_date(tmp_path):
    write(tmp_path, "bad.txt", " date 2023-13-45 " + ARTICLE)
    articles, report = load_corpus(tmp_path, infer_dates=False)
    assert len(articles) == 1
    assert pd.isna(articles.loc[0, "date"]) and articles.loc[0, "date_source"] == "unknown"
    assert articles.loc[0, "text"].startswith("Ukrainian forces")
    status, reason = status_of(report, "bad.txt")
    assert status == "loaded_with_warnings" and "2023-13-45" in reason


@pytest.mark.parametrize("date, words", [("2009-05-01", "before 2014"), ("2031-01-01", "future")])
def test_implausible_dates_warn(tmp_path, date, words):
    write(tmp_path, "x.txt", f" date {date} " + ARTICLE)
    articles, report = load_corpus(tmp_path, today="2026-11-22")
    assert articles.loc[0, "date"] == pd.Timestamp(date)
    status, reason = status_of(report, "x.txt")
    assert status == "loaded_with_warnings" and words in reason


def test_absurd_date_is_left_unknown(tmp_path):
    write(tmp_path, "x.txt", " date 2999-01-01 " + ARTICLE)
    articles, report = load_corpus(tmp_path, infer_dates=False)
    assert pd.isna(articles.loc[0, "date"])
    assert "outside the plausible range" in status_of(report, "x.txt")[1]


def test_exact_and_near_duplicates_are_kept_and_flagged(tmp_path):
    base = ARTICLE * 2
    write(tmp_path, "a.txt", base)
    write(tmp_path, "b.txt", base)  # exact copy
    write(tmp_path, "c.txt", base.replace("third week", "fourth week"))  # syndicated, lightly edited
    write(tmp_path, "d.txt", "A completely different report about grain exports from Odesa and shipping insurance.")
    articles, report = load_corpus(tmp_path)
    by_id = articles.set_index("article_id")
    assert len(articles) == 4
    assert by_id.loc["b", "duplicate_of"] == "a" and by_id.loc["b", "duplicate_kind"] == "exact"
    assert by_id.loc["c", "duplicate_of"] == "a" and by_id.loc["c", "duplicate_kind"] == "near"
    assert by_id.loc["a", "duplicate_of"] is None and by_id.loc["d", "duplicate_of"] is None
    assert "duplicate of a" in status_of(report, "c.txt")[1]


def test_csv_without_text_column_names_columns_and_option(tmp_path):
    pd.DataFrame({"when": ["2023-01-01"], "paper": ["x"], "story_body": ["text"]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path / "t.csv")
    message = str(info.value)
    assert "when, paper, story_body" in message and "text_col" in message


def test_unknown_explicit_column_is_an_error(tmp_path):
    pd.DataFrame({"text": ["x y z"]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(CorpusError, match="not in the file"):
        load_corpus(tmp_path / "t.csv", date_col="published_on")


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no files"):
        load_corpus(tmp_path)


def test_missing_path_names_the_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="no_such_corpus"):
        load_corpus(tmp_path / "no_such_corpus")


# Messages name the path exactly as the user typed it, wherever it points (the display helper used for notebook
# outputs shortens a path outside the project to its last part, which would hide which path was wrong).

def test_missing_absolute_path_is_named_in_full():
    with pytest.raises(FileNotFoundError) as info:
        load_corpus("/nonexistent/corpus/path")
    assert str(info.value).startswith("Corpus path not found: /nonexistent/corpus/path.")


def test_missing_relative_path_is_named_as_typed_and_said_to_be_from_the_root():
    with pytest.raises(FileNotFoundError) as info:
        load_corpus("data/rwa")
    assert "Corpus path not found: data/rwa (relative paths are taken from the project root)" in str(info.value)


def test_errors_inside_a_corpus_outside_the_project_name_the_full_path(tmp_path):
    empty = tmp_path / "empty_corpus"
    empty.mkdir()
    with pytest.raises(CorpusError, match=f"The folder {re.escape(str(empty))} holds no files"):
        load_corpus(str(empty))
    table = tmp_path / "export" / "stories.csv"
    table.parent.mkdir()
    pd.DataFrame({"when": ["2023-01-01"], "story_body": ["text"]}).to_csv(table, index=False)
    with pytest.raises(CorpusError, match=f"^{re.escape(str(table))}: no text column"):
        load_corpus(str(table))
    with pytest.raises(CorpusError, match=f"^{re.escape(str(table.parent / 'stories.csv'))}: no text column"):
        load_corpus(str(table.parent))  # a table inside a folder: folder as given, then the file
    other = tmp_path / "notes.docx"
    other.write_bytes(b"PK")
    with pytest.raises(CorpusError, match=f"Cannot read {re.escape(str(other))}: unsupported"):
        load_corpus(str(other))
    (tmp_path / "texts").mkdir()
    write(tmp_path / "texts", "a.txt", ARTICLE)
    with pytest.raises(FileNotFoundError, match="Metadata sidecar not found: /nonexistent/metadata.csv"):
        load_corpus(tmp_path / "texts", metadata="/nonexistent/metadata.csv")


def test_unknown_option_is_an_error(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    with pytest.raises(TypeError, match="txt_col"):
        load_corpus(tmp_path, txt_col="x")


@pytest.mark.slow
def test_twenty_megabyte_file_loads(tmp_path):
    paragraph = ("Fighting continued around Bakhmut as both sides shelled positions along the front line. "
                 "Officials said the situation remained difficult but under control.\n\n")
    n = 20 * 1024 * 1024 // len(paragraph) + 1
    big = "".join(f"Update {i}. {paragraph}" for i in range(n))
    write(tmp_path, "big.txt", big)
    articles, report = load_corpus(tmp_path, dedupe=False)
    assert len(articles) == 1 and articles.loc[0, "n_words"] > 2_000_000
    status, reason = status_of(report, "big.txt")
    assert status == "loaded_with_warnings" and "MB" in reason


def test_mixed_folder_loads_every_good_file_and_reports_every_input(tmp_path):
    write(tmp_path, "01_good.txt", " date 2023-01-02 " + ARTICLE)
    write(tmp_path, "02_good.txt", "Another good article about Soledar and the salt mines nearby, said officials.")
    write(tmp_path, "03_empty.txt", "")
    write(tmp_path, "04_binary.txt", b"\x00\x01\x02binary\x00" * 100, mode="wb")
    write(tmp_path, "05_cp1252.txt", "Zelenskiy’s visit — café".encode("cp1252") * 20, mode="wb")
    write(tmp_path, "06_baddate.txt", " date 2023-02-30 " + ARTICLE + " Unique tail sentence.")
    write(tmp_path, "07_notes.docx", b"PK\x03\x04", mode="wb")
    pd.DataFrame({"text": ["Row article one about Bakhmut.", ""]}).to_csv(tmp_path / "08_table.csv", index=False)
    write(tmp_path, "09_whitespace.txt", "   \n\n  ")
    articles, report = load_corpus(tmp_path)
    assert list(report.columns) == REPORT_COLUMNS
    expected_inputs = {"01_good.txt", "02_good.txt", "03_empty.txt", "04_binary.txt", "05_cp1252.txt",
                       "06_baddate.txt", "07_notes.docx", "08_table.csv:row 0", "08_table.csv:row 1",
                       "09_whitespace.txt"}
    assert set(report["input"]) == expected_inputs
    assert set(articles["article_id"]) == {"01_good", "02_good", "05_cp1252", "06_baddate", "08_table:000000"}
    assert report.set_index("input").loc[["03_empty.txt", "04_binary.txt", "07_notes.docx", "08_table.csv:row 1",
                                          "09_whitespace.txt"], "status"].eq("skipped").all()
    assert report["reason"].str.len().gt(0).all()


def test_hidden_files_are_not_inputs(tmp_path):
    write(tmp_path, ".DS_Store", b"\x00\x00", mode="wb")
    write(tmp_path, "a.txt", ARTICLE)
    articles, report = load_corpus(tmp_path)
    assert report["input"].tolist() == ["a.txt"]


# ------------------------------------------------------------------------------------------------------------
# helpers


def test_filter_by_query_counts():
    frame = pd.DataFrame({"article_id": ["a", "b", "c"], "title": ["Bakhmut falls", "", None],
                          "text": ["x", "Fighting in ARTEMIVSK", "grain deal"]})
    out, counts = filter_by_query(frame, r"Bakhmut|Artemivsk")
    assert out["article_id"].tolist() == ["a", "b"]
    assert counts == {"query": "Bakhmut|Artemivsk", "before": 3, "after": 2}
    same, counts = filter_by_query(frame, None)
    assert len(same) == 3 and counts["after"] == 3
    with pytest.raises(ValueError, match="regular expression"):
        filter_by_query(frame, "(")


@pytest.mark.slow
@pytest.mark.shared
def test_real_corpus_loads_every_article_with_date_and_outlet(media_corpus):
    articles, report = load_corpus(media_corpus)
    assert len(articles) == 12_293 and len(report) == 12_293
    assert articles["date"].notna().all() and articles["outlet"].notna().all()
    assert set(report["status"]) <= {"loaded", "loaded_with_warnings"}
    assert articles["outlet"].nunique() == 15
    assert articles["text"].str.len().gt(0).all()
    assert articles["language"].eq("en").all()  # 15 English-language outlets


@pytest.mark.shared
def test_headline_corpus_loads(headlines_corpus):
    articles, report = load_corpus(headlines_corpus)
    assert len(articles) + report["status"].eq("skipped").sum() == 12_018
    assert articles["date"].min() >= pd.Timestamp("2022-02-24")


# ------------------------------------------------------------------------------------------------------------
# property: header dates either parse exactly or leave the date unknown with a warning

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=__import__("datetime").date(2014, 1, 1), max_value=__import__("datetime").date(2026, 1, 1)))
def test_any_valid_header_date_round_trips(tmp_path_factory, day):
    folder = tmp_path_factory.mktemp("dates")
    write(folder, "a.txt", f" date {day.isoformat()} " + ARTICLE)
    articles, report = load_corpus(folder, dedupe=False, infer_dates=False)
    assert articles.loc[0, "date"] == pd.Timestamp(day) and report.loc[0, "status"] == "loaded"


@settings(max_examples=40, deadline=None)
@given(st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"))
def test_any_date_shaped_header_parses_or_warns(tmp_path_factory, token):
    folder = tmp_path_factory.mktemp("tokens")
    write(folder, "a.txt", f" date {token} " + ARTICLE)
    articles, report = load_corpus(folder, dedupe=False, infer_dates=False, today="2026-11-22")
    assert len(articles) == 1
    if pd.isna(articles.loc[0, "date"]):
        assert report.loc[0, "status"] == "loaded_with_warnings"
    else:
        assert articles.loc[0, "date"].strftime("%Y-%m-%d") == token
