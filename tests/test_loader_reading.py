"""load_corpus reads what researchers have: delimiters, encodings, day/month order, ids across files, language."""

from __future__ import annotations

import gzip
import json
import warnings

import pandas as pd
import pytest

from helpers.corpus import CorpusError, files_summary, load_corpus
from helpers.formats import decode_bytes, sniff_delimiter

ARTICLE = (
    "Ukrainian forces repelled several assaults near Bakhmut on Monday, the general staff said. "
    "Local officials said the town's water supply had been cut for a third week as shelling continued."
)
UKRAINIAN = ("Українські військові відбили кілька атак поблизу Бахмута в понеділок, повідомив Генеральний штаб. "
             "Місцева влада заявила, що водопостачання міста перервано вже третій тиждень.")
RUSSIAN = ("Украинские военные отразили несколько атак под Бахмутом в понедельник, сообщил генеральный штаб. "
           "Местные власти заявили, что водоснабжение города прервано уже третью неделю.")


def rows(n=3):
    return [f"{ARTICLE} Report number {i} adds its own closing sentence about day {i}." for i in range(n)]


def by_input(report):
    return report.set_index("input")


# ------------------------------------------------------------------------------------------------------------
# delimiters


def test_semicolon_csv_is_sniffed(tmp_path):
    """The European export that failed with "no text column" listing 'date;outlet;text' as one column."""
    lines = ["date;outlet;text"] + [f'2023-03-0{i + 1};Ukrainska Pravda;"{t}"' for i, t in enumerate(rows())]
    (tmp_path / "export.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, report = load_corpus(tmp_path / "export.csv", dedupe=False)
    assert len(articles) == 3 and articles["outlet"].eq("Ukrainska Pravda").all()
    assert articles["date"].tolist() == [pd.Timestamp(f"2023-03-0{i}") for i in (1, 2, 3)]
    assert report["format"].str.contains("sep ';'").all()


@pytest.mark.parametrize("sep", ["\t", "|", ";"])
def test_other_delimiters_with_commas_in_the_text(tmp_path, sep):
    frame = pd.DataFrame({"title": ["A, B and C", "D, E"], "text": rows(2), "date": ["2023-01-02", "2023-01-03"]})
    frame.to_csv(tmp_path / "t.csv", sep=sep, index=False)
    articles, report = load_corpus(tmp_path / "t.csv", dedupe=False)
    assert articles["title"].tolist() == ["A, B and C", "D, E"]
    assert articles["text"].tolist() == rows(2)
    assert report["format"].str.contains(f"sep {sep!r}", regex=False).all()


def test_explicit_sep_wins_and_a_wrong_one_names_the_right_one(tmp_path):
    (tmp_path / "t.csv").write_text("date;text\n2023-01-02;" + ARTICLE + "\n", encoding="utf-8")
    articles, report = load_corpus(tmp_path / "t.csv", sep=";")
    assert articles.loc[0, "text"] == ARTICLE and "given as sep=" in report.loc[0, "format"]
    with pytest.raises(CorpusError, match=r"read as one column 'date;text'.*pass sep=';'"):
        load_corpus(tmp_path / "t.csv", sep=",")
    with pytest.raises(CorpusError, match="must be one character"):
        load_corpus(tmp_path / "t.csv", sep=";;")


def test_sniffer_settles_a_header_with_two_candidates():
    sample = 'id;title, short;text\n1;"a, b";"x, y, z"\n2;"c, d";"u, v"\n'
    assert sniff_delimiter(sample)[0] == ";"
    assert sniff_delimiter("text\nhello\n")[0] == ","


# ------------------------------------------------------------------------------------------------------------
# encodings


@pytest.mark.parametrize("codec, bom, label", [
    ("utf-16-le", b"\xff\xfe", "utf-16-le (BOM)"), ("utf-16-be", b"\xfe\xff", "utf-16-be (BOM)"),
    ("utf-16-le", b"", "utf-16-le"), ("utf-16-be", b"", "utf-16-be"), ("utf-8", b"\xef\xbb\xbf", "utf-8 (BOM)"),
])
def test_unicode_text_files_in_any_byte_order(tmp_path, codec, bom, label):
    """A UTF-16 text file (what Windows tools save) was skipped as binary; now it loads, Cyrillic included."""
    (tmp_path / "uk.txt").write_bytes(bom + (" date 2023-03-01 " + UKRAINIAN).encode(codec))
    articles, report = load_corpus(tmp_path, dedupe=False)
    assert articles.loc[0, "text"] == UKRAINIAN
    assert articles.loc[0, "date"] == pd.Timestamp("2023-03-01")
    assert report.loc[0, "encoding"] == label and report.loc[0, "status"] == "loaded"
    assert articles.loc[0, "language"] == "uk"


def test_utf16_csv_with_bom(tmp_path):
    frame = pd.DataFrame({"date": ["2023-03-01", "2023-03-02"], "text": [UKRAINIAN, RUSSIAN]})
    (tmp_path / "excel.csv").write_bytes(frame.to_csv(index=False, sep="\t").encode("utf-16"))  # Excel "Unicode text"
    articles, report = load_corpus(tmp_path / "excel.csv", dedupe=False)
    assert articles["text"].tolist() == [UKRAINIAN, RUSSIAN]
    assert articles["language"].tolist() == ["uk", "ru"]
    assert set(report["encoding"]) == {"utf-16-le (BOM)"} and report["format"].str.contains("sep '\\\\t'").all()


def test_legacy_cyrillic_is_detected_not_read_as_latin(tmp_path):
    (tmp_path / "ru.txt").write_bytes(RUSSIAN.encode("cp1251"))
    articles, report = load_corpus(tmp_path, dedupe=False)
    assert articles.loc[0, "text"] == RUSSIAN
    assert report.loc[0, "encoding"] == "cp1251" and "not valid UTF-8" in report.loc[0, "reason"]


def test_short_western_text_prefers_cp1252_over_other_latin_pages():
    """charset-normalizer alone calls 'Señor' cp1250 (ń); Latin pages cannot be told apart on a short text."""
    text, encoding, warns, error = decode_bytes("Señor Ramírez said ü and ß near the café.".encode("latin-1"))
    assert (text, encoding, error) == ("Señor Ramírez said ü and ß near the café.", "cp1252", None)
    assert warns and "cp1252" in warns[0]


def test_non_utf8_jsonl_stays_a_jsonl(tmp_path):
    """A non-UTF-8 JSONL was re-read as a CSV (one column of JSON); now it is decoded and parsed as JSONL."""
    lines = [json.dumps({"text": f"{ARTICLE} Café number {i}.", "date": "2023-01-0" + str(i + 1)}, ensure_ascii=False)
             for i in range(2)]
    (tmp_path / "feed.jsonl").write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    articles, report = load_corpus(tmp_path / "feed.jsonl", dedupe=False)
    assert articles["text"].str.contains("Café number").all()
    assert set(report["format"]) == {"jsonl"} and set(report["encoding"]) == {"cp1252"}


def test_a_jsonl_that_is_not_json_is_reported_as_a_jsonl_problem(tmp_path):
    (tmp_path / "wrong.jsonl").write_text("date,text\n2023-01-01," + ARTICLE + "\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    articles, report = load_corpus(tmp_path)
    assert articles["article_id"].tolist() == ["good"]
    row = by_input(report).loc["wrong.jsonl"]
    assert row["status"] == "skipped" and row["format"] == "jsonl"
    assert "no line is a JSON object" in row["reason"] and "rename it to .csv" in row["reason"]


def test_truncated_gzip_says_so(tmp_path):
    data = gzip.compress(("text\n" + ARTICLE + "\n").encode())
    (tmp_path / "cut.csv.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    _, report = load_corpus(tmp_path)
    assert "not a complete gzip file" in by_input(report).loc["cut.csv.gz", "reason"]


def test_forced_encoding_that_does_not_fit_says_what_to_do(tmp_path):
    (tmp_path / "a.txt").write_bytes(UKRAINIAN.encode("utf-8"))
    _, report = load_corpus(tmp_path, encoding="ascii")
    assert report.loc[0, "status"] == "skipped" and "Leave encoding= out" in report.loc[0, "reason"]


# ------------------------------------------------------------------------------------------------------------
# day/month order


def table(tmp_path, dates):
    frame = pd.DataFrame({"date": dates, "text": rows(len(dates))})
    frame.to_csv(tmp_path / "d.csv", index=False)
    return tmp_path / "d.csv"


def test_us_column_is_read_month_first_on_every_row(tmp_path):
    """Before: 03/14/2023 month first (no 14th month) but 03/04/2023 day first, in the same column."""
    path = table(tmp_path, ["03/04/2023", "03/14/2023", "12/01/2022"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the column proves its order: no warning
        articles, report = load_corpus(path, dedupe=False, infer_dates=False)
    assert articles["date"].tolist() == [pd.Timestamp("2023-03-04"), pd.Timestamp("2023-03-14"),
                                         pd.Timestamp("2022-12-01")]
    assert report["status"].eq("loaded").all()


def test_day_first_column_is_read_day_first(tmp_path):
    articles, _ = load_corpus(table(tmp_path, ["03/04/2023", "25/12/2022", "1.2.2023"]), dedupe=False)
    assert articles["date"].tolist() == [pd.Timestamp("2023-04-03"), pd.Timestamp("2022-12-25"),
                                         pd.Timestamp("2023-02-01")]


def test_ambiguous_column_warns_what_was_assumed_and_how_to_choose(tmp_path):
    path = table(tmp_path, ["03/04/2023", "05/06/2023", "07/07/2023"])
    with pytest.warns(UserWarning, match=r"no value has a day above 12.*read as day first.*dayfirst=False"):
        articles, report = load_corpus(path, dedupe=False)
    assert articles["date"].tolist()[:2] == [pd.Timestamp("2023-04-03"), pd.Timestamp("2023-06-05")]
    reasons = report["reason"].tolist()
    assert "read day first (DD/MM/YYYY)" in reasons[0] and "dayfirst=False" in reasons[0]
    assert "dayfirst" not in reasons[2]  # 07/07 reads the same either way
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        us, us_report = load_corpus(path, dayfirst=False, dedupe=False)
    assert us["date"].tolist()[:2] == [pd.Timestamp("2023-03-04"), pd.Timestamp("2023-05-06")]
    assert not us_report["reason"].str.contains("dayfirst").any()


def test_explicit_dayfirst_leaves_impossible_dates_unknown_with_a_reason(tmp_path):
    articles, report = load_corpus(table(tmp_path, ["03/14/2023", "03/04/2023"]), dayfirst=True, dedupe=False,
                                   infer_dates=False)
    assert pd.isna(articles.loc[0, "date"]) and articles.loc[1, "date"] == pd.Timestamp("2023-04-03")
    assert "could not be parsed" in report.loc[0, "reason"] and "dayfirst=" in report.loc[0, "reason"]
    with pytest.raises(CorpusError, match="dayfirst='yes' must be True"):
        load_corpus(table(tmp_path, ["03/04/2023"]), dayfirst="yes")


def test_month_names_and_iso_dates_are_unchanged(tmp_path):
    articles, _ = load_corpus(table(tmp_path, ["2023-02-24T10:00:00Z", "5 January 2023", "Jan 6, 2023"]),
                              dedupe=False)
    assert articles["date"].tolist() == [pd.Timestamp("2023-02-24"), pd.Timestamp("2023-01-05"),
                                         pd.Timestamp("2023-01-06")]


# ------------------------------------------------------------------------------------------------------------
# ids across files, language


def test_overlapping_ids_in_two_files_are_namespaced_by_file(tmp_path):
    """Two CSVs with ids 1, 2 in one folder aborted the whole load; now only the shared ids take the file stem."""
    pd.DataFrame({"id": ["1", "2"], "text": rows(2)}).to_csv(tmp_path / "kyiv.csv", index=False)
    pd.DataFrame({"id": ["2", "3"], "text": [UKRAINIAN, RUSSIAN]}).to_csv(tmp_path / "moscow.csv", index=False)
    articles, report = load_corpus(tmp_path, dedupe=False)
    assert articles["article_id"].tolist() == ["1", "kyiv:2", "moscow:2", "3"]
    assert report["article_id"].tolist() == ["1", "kyiv:2", "moscow:2", "3"]


def test_language_column_and_per_file_counts(tmp_path):
    (tmp_path / "en.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "uk.txt").write_text(UKRAINIAN, encoding="utf-8")
    (tmp_path / "short.txt").write_text("Bakhmut, 12:00", encoding="utf-8")
    pd.DataFrame({"text": [RUSSIAN, RUSSIAN.replace("понедельник", "вторник"), ARTICLE + " Extra."]}).to_csv(
        tmp_path / "mixed.csv", index=False)
    articles, report = load_corpus(tmp_path, dedupe=False)
    assert dict(zip(articles["article_id"], articles["language"])) == {
        "en": "en", "mixed:000000": "ru", "mixed:000001": "ru", "mixed:000002": "en", "short": "und", "uk": "uk"}
    summary = files_summary(report).set_index("file")
    assert summary.loc["mixed.csv", "languages"] == "ru 2, en 1"
    assert summary.loc["mixed.csv", "inputs"] == 3 and summary.loc["short.txt", "languages"] == "und 1"
    assert summary.loc["uk.txt", "encoding"] == "utf-8"
