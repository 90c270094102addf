"""Load a news corpus from text files, CSV or JSONL, saved web pages or exports, and account for every input.

``load_corpus(path, **options) -> (articles, report)``

``path`` may be a folder of ``.txt`` files (the seed format: an optional header ``date YYYY-MM-DD`` before the
text), one ``.txt`` file, a ``.csv`` / ``.csv.gz`` / ``.tsv`` file, a ``.jsonl`` / ``.jsonl.gz`` file, or saved web
pages (``.html`` / ``.htm``: main text, title and date by trafilatura). A folder may mix them and hold an optional
metadata sidecar ``metadata.csv`` (keyed by file name: ``file, title, outlet, url, date``) that annotates articles
without editing raw files. Media Cloud story lists and GDELT article lists / GKG tables are recognised by their
columns (:data:`helpers.formats.EXPORT_FORMATS`); they hold headlines only, and every such row says so.

Reading (rules in :mod:`helpers.formats`): the encoding is detected (byte-order marks, UTF-8, UTF-16 without a mark,
else charset-normalizer) and written in the report; a CSV's delimiter is sniffed among ``, ; TAB |``; numeric
dates are read in one day/month order per column. A file that fails is reported as what it is (a JSONL that is not
JSON is a JSONL problem, never re-read as CSV).

``articles`` has one row per loaded article: ``article_id`` (stable: the file stem, or ``<file stem>:<row>``, or
the file's id column; where two files of a folder give the same id, each becomes ``<file stem>:<id>``),
``source`` (file, or file and row), ``date``, ``date_source`` (``metadata``, ``column``, ``header``,
``filename``, ``inferred`` or ``unknown``), ``title``, ``outlet``, ``url``, ``raw_text``, ``text`` (cleaned),
``n_words``, ``duplicate_of`` (the id of the earlier article it repeats, exactly or nearly; else empty),
``duplicate_kind`` (``exact`` / ``near``), ``n_removals`` (cleaning removals; see ``removals``) and ``language``
(ISO 639-1 code of the text by :func:`helpers.language.detect_languages`: py3langid on the first 1,000 characters,
``und`` under 20 letters; an unsure guess in a language the corpus is nowhere sure of is re-read among the
languages it is sure of). ``date_source``
is ``page`` for a date from a saved page's metadata; a page with under 20 words of main text is skipped.

``report`` has one row per input (file or row): ``input``, ``article_id``, ``status`` (``loaded``,
``loaded_with_warnings`` or ``skipped``), a human-readable ``reason``, the ``format`` it was read as (with the
delimiter for a CSV), the ``encoding`` used and the article's ``language``. Every input appears; nothing is dropped
silently. :func:`files_summary` gives one row per file (format, encoding, loaded/skipped, language counts). The
cleaning audit (every removal with its offsets and rule) is :func:`removals`.

Options (all keyword): ``text_col``, ``date_col``, ``title_col``, ``outlet_col``, ``url_col``, ``id_col`` for
tabular inputs; ``sep`` (a CSV's delimiter, instead of sniffing it); ``encoding`` (instead of detecting it);
``dayfirst`` (``True``: 03/04/2023 is 3 April; ``False``: 4 March; default: the order the column proves, else day
first with a warning); ``metadata`` (a sidecar path, or ``False`` to ignore one); ``infer_dates`` (default ``True``:
undated articles get a date inferred from the text when ``helpers.dates`` finds one); ``dedupe`` (default
``True``: flag duplicates); ``near_duplicate_threshold`` (default 0.8, word-trigram Jaccard); ``today`` (the
date after which a date is "in the future"; default: the day the code runs).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import re
import warnings as pywarnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.cleaning import REMOVAL_COLUMNS, clean_text
from helpers.dates import apply_inferred_dates
from helpers.formats import (DELIMITERS, HTML_SUFFIXES, decode_bytes, parse_date_column, prepare_export,
                             read_html_page, recognise_export, sniff_delimiter)
from helpers.language import guess as guess_language
from helpers.language import resolve as resolve_languages
from helpers.near_duplicates import find_duplicates
from helpers.progress import progress
from helpers.text import count_words

__all__ = [
    "load_corpus", "CorpusError", "removals", "filter_by_query", "ARTICLE_COLUMNS", "REPORT_COLUMNS",
    "COLUMN_ALIASES", "find_duplicates", "DEFAULT_QUERY", "files_summary",
]

ARTICLE_COLUMNS = [
    "article_id", "source", "date", "date_source", "title", "outlet", "url", "raw_text", "text", "n_words",
    "duplicate_of", "duplicate_kind", "n_removals", "language",
]
REPORT_COLUMNS = ["input", "article_id", "status", "reason", "format", "encoding", "language"]
DEFAULT_QUERY = r"Bakhmut|Artemivsk|Artyomovsk|Artemovsk|Soledar"

#: recognised column names for tabular inputs, in order of preference (case-insensitive)
COLUMN_ALIASES = {
    "text": ["text", "body", "article", "articles", "content", "full_text", "article_text", "maintext"],
    "date": ["date", "published", "publish_date", "published_at", "pub_date", "seendate", "first_seen_utc",
             "datetime", "timestamp"],
    "title": ["title", "headline", "headlines"],
    "outlet": ["outlet", "source", "publisher", "domain", "site", "media"],
    "url": ["url", "link", "permalink"],
    "id": ["article_id", "id", "doc_id", "uid"],
}
# a headline-only corpus (e.g. live-blog headlines) uses the title column as text when no text column exists
_TEXT_FALLBACK = ["title", "headline", "headlines"]

TEXT_SUFFIXES = {".txt"}
TABLE_SUFFIXES = {".csv", ".csv.gz", ".tsv", ".tsv.gz", ".jsonl", ".jsonl.gz", ".ndjson"}
METADATA_NAMES = {"metadata.csv"}
EARLIEST_PLAUSIBLE = pd.Timestamp("2014-01-01")
LARGE_FILE_BYTES = 10 * 1024 * 1024
MIN_PAGE_WORDS = 20  # a saved page with less main text than this is not an article (menus, walls)

_HEADER = re.compile(r"\A[ \t\ufeff]*date\s*[:=]?\s+(\S+)[ \t]*(?:\r?\n)?", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FILENAME_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T\d{4,6}Z?)?(?=[_\-. ]|$)")


class CorpusError(ValueError):
    """A corpus that cannot be read as given; the message says what to do."""


@dataclass
class _Record:
    """One input on its way to becoming an article."""

    input: str
    source: str
    article_id: str
    raw_text: str
    body_start: int = 0
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date: pd.Timestamp | None = None
    date_source: str = "unknown"
    warnings: list[str] = field(default_factory=list)
    format: str = "text"
    encoding: str | None = None
    file: str = ""  # the file it came from (for ids namespaced by file)


# ----------------------------------------------------------------------------------------------------------------
# public entry point


def load_corpus(path, **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load ``path`` (folder, ``.txt``, CSV/CSV.GZ or JSONL) into ``(articles, report)``. See the module doc."""
    if path is None or str(path).strip() == "":
        raise CorpusError("load_corpus: no path given. Pass a folder of .txt files, a .txt, a .csv(.gz), a .jsonl "
                          "or saved .html pages.")
    given = os.fspath(path)  # error messages name the path as the user typed it
    path = paths.resolve(path)
    if not path.exists():
        relative = "" if Path(given).expanduser().is_absolute() else " (relative paths are taken from the project root)"
        raise FileNotFoundError(
            f"Corpus path not found: {given}{relative}. Check the spelling, or give a path relative to the "
            "project root, e.g. data/raw."
        )
    unknown = set(options) - _OPTIONS
    if unknown:
        raise TypeError(f"load_corpus: unknown option(s) {sorted(unknown)}; known options: {sorted(_OPTIONS)}")
    today = pd.Timestamp(options.get("today") or dt.date.today())
    _check_reading_options(options)

    records: list[_Record] = []
    skipped: list[dict] = []
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        inputs = [p for p in files if p.name.lower() not in METADATA_NAMES]
        if not inputs:
            raise CorpusError(
                f"The folder {given} holds no files to load. Put the articles there as .txt "
                "files (one article each) or saved .html pages, or point to a .csv/.jsonl file."
            )
        for file in progress(inputs, desc="reading files"):
            kind = _kind(file)
            if kind == "other":
                skipped.append(_skip(file.name, f"unsupported file type '{''.join(file.suffixes) or file.name}': "
                                     "rename to .txt if it is article text, or use .csv/.jsonl/.html"))
                continue
            rec, skip = _READERS[kind](file, options, os.path.join(given, file.name))
            records.extend(rec)
            skipped.extend(skip)
        metadata_path = options.get("metadata")
        if metadata_path is None:
            candidates = [p for p in files if p.name.lower() in METADATA_NAMES]
            metadata_path = os.path.join(given, candidates[0].name) if candidates else None
    else:
        kind = _kind(path)
        if kind == "other":
            raise CorpusError(
                f"Cannot read {given}: unsupported file type. Use a folder of .txt files, "
                "a .txt, a .csv/.csv.gz/.tsv, a .jsonl file or saved .html pages."
            )
        records, skipped = _READERS[kind](path, options, given)
        metadata_path = options.get("metadata")
    if metadata_path:
        skipped.extend(_apply_metadata(records, metadata_path))
    _namespace_ids(records)

    for rec in records:
        if rec.date is None or pd.isna(rec.date):
            rec.date, rec.date_source = _date_from_filename(Path(rec.source.split(":")[0]).name)
        _check_date_range(rec, today)

    articles = _build_articles(records)
    if options.get("infer_dates", True):
        articles = _infer_missing_dates(articles)
    if options.get("dedupe", True) and len(articles):
        dup_of, kind = find_duplicates(articles["text"], articles["article_id"],
                                       threshold=options.get("near_duplicate_threshold", 0.8))
        articles["duplicate_of"] = dup_of
        articles["duplicate_kind"] = kind
    report = _build_report(records, skipped, articles)
    articles.attrs["corpus"] = paths.display_path(path)
    return articles, report


_OPTIONS = {
    "text_col", "date_col", "title_col", "outlet_col", "url_col", "id_col", "metadata", "infer_dates", "dedupe",
    "near_duplicate_threshold", "today", "encoding", "sep", "dayfirst",
}


def _check_reading_options(options: dict) -> None:
    sep = options.get("sep")
    if sep is not None and (not isinstance(sep, str) or len(sep) != 1):
        raise CorpusError(f"load_corpus: sep={sep!r} must be one character, e.g. sep=';' (semicolon), sep='\\t' "
                          f"(tab); leave it out to let the loader find it among {DELIMITERS}")
    dayfirst = options.get("dayfirst")
    if dayfirst is not None and not isinstance(dayfirst, bool):
        raise CorpusError(f"load_corpus: dayfirst={dayfirst!r} must be True (03/04/2023 is 3 April), False (4 March, "
                          "US style) or left out")


def files_summary(report: pd.DataFrame) -> pd.DataFrame:
    """One row per input file: ``file, format, encoding, inputs, loaded, skipped, languages`` (e.g. ``en 118, und 2``).

    A table's rows are reported as ``name:row N`` and count under ``name``.
    """
    file = report["input"].astype(str).str.replace(r":(?:row|line) \d+$", "", regex=True)
    rows = []
    for name, part in report.groupby(file, sort=False):
        loaded = part["status"] != "skipped"
        counts = part.loc[loaded, "language"].dropna().value_counts()
        rows.append({
            "file": name, "format": part["format"].dropna().iloc[0] if part["format"].notna().any() else None,
            "encoding": part["encoding"].dropna().iloc[0] if part["encoding"].notna().any() else None,
            "inputs": len(part), "loaded": int(loaded.sum()), "skipped": int((~loaded).sum()),
            "languages": ", ".join(f"{code} {n:,}" for code, n in counts.items()),
        })
    return pd.DataFrame(rows, columns=["file", "format", "encoding", "inputs", "loaded", "skipped", "languages"])


def removals(articles: pd.DataFrame) -> pd.DataFrame:
    """The cleaning audit: one row per removal (``article_id, start, end, removed, rule``; offsets into raw_text).

    Cleaning is deterministic, so the audit is recomputed from ``raw_text`` rather than carried along.
    """
    rows = []
    for article_id, raw in zip(articles["article_id"], articles["raw_text"]):
        for r in _clean(raw)[1]:
            rows.append((article_id, r["start"], r["end"], r["removed"], r["rule"]))
    table = pd.DataFrame(rows, columns=["article_id", *REMOVAL_COLUMNS])
    return table.astype({"start": "int64", "end": "int64"})


def _clean(raw: str) -> tuple[str, list[dict]]:
    """Clean one raw article: a seed-style date header is removed (and recorded), then the furniture."""
    header = _HEADER.match(raw)
    start = header.end() if header else 0
    text, removed = clean_text(raw, start)
    if start:
        removed.insert(0, {"start": 0, "end": start, "removed": raw[:start], "rule": "date_header"})
    return text, removed


def filter_by_query(articles: pd.DataFrame, pattern: str | None, columns=("title", "text")) -> tuple[pd.DataFrame, dict]:
    """Articles whose title or text matches the regular expression ``pattern`` (case-insensitive).

    Returns ``(filtered, counts)`` with ``counts = {"query", "before", "after"}``. ``pattern=None`` keeps all.
    """
    before = len(articles)
    if not pattern:
        return articles, {"query": None, "before": before, "after": before}
    try:
        regex = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"query {pattern!r} is not a valid regular expression: {exc}") from exc
    mask = np.zeros(before, dtype=bool)
    for column in columns:
        if column in articles:
            mask |= articles[column].fillna("").astype(str).str.contains(regex, regex=True).to_numpy()
    out = articles.loc[mask].reset_index(drop=True)
    out.attrs = dict(articles.attrs)
    return out, {"query": pattern, "before": before, "after": len(out)}


# ----------------------------------------------------------------------------------------------------------------
# reading inputs


def _kind(path: Path) -> str:
    name = path.name.lower()
    if any(name.endswith(s) for s in TABLE_SUFFIXES):
        return "table"
    if any(name.endswith(s) for s in TEXT_SUFFIXES):
        return "text"
    if any(name.endswith(s) for s in HTML_SUFFIXES):
        return "html"
    return "other"


def _skip(input_name: str, reason: str, format: str | None = None, encoding: str | None = None) -> dict:
    return {"input": input_name, "article_id": None, "status": "skipped", "reason": reason, "format": format,
            "encoding": encoding, "language": None}


def _read_text_file(path: Path, options: dict | None = None, where: str | None = None
                    ) -> tuple[list[_Record], list[dict]]:
    name = path.name
    size = path.stat().st_size
    if size == 0:
        return [], [_skip(name, "empty file (0 bytes): nothing to load", "text")]
    data = path.read_bytes()
    text, encoding, warnings, error = decode_bytes(data, (options or {}).get("encoding"))
    if error:
        return [], [_skip(name, error, "text", encoding)]
    if not text.strip():
        return [], [_skip(name, "file holds only white space: nothing to load", "text", encoding)]
    if size > LARGE_FILE_BYTES:
        warnings.append(f"very large for one article ({size / 1e6:.1f} MB): is it several articles in one file?")
    rec = _Record(input=name, source=name, article_id=_stem(path), raw_text=text, warnings=warnings,
                  encoding=encoding, file=name)
    header = _HEADER.match(text)
    if header:
        rec.body_start = header.end()
        token = header.group(1)
        parsed = _parse_date(token)
        if parsed is None:
            rec.warnings.append(f"header date '{token}' is not a valid YYYY-MM-DD date: date left unknown")
        else:
            rec.date, rec.date_source = parsed, "header"
    if not text[rec.body_start:].strip():
        return [], [_skip(name, "no article text after the date header", "text", encoding)]
    return [rec], []


def _read_html_file(path: Path, options: dict, where: str | None = None) -> tuple[list[_Record], list[dict]]:
    """One saved web page: main text by trafilatura, title/date/url/site from its metadata."""
    name = path.name
    if path.stat().st_size == 0:
        return [], [_skip(name, "empty file (0 bytes): nothing to load", "html")]
    html, encoding, warnings, error = decode_bytes(path.read_bytes(), options.get("encoding"))
    if error:
        return [], [_skip(name, error, "html", encoding)]
    try:
        page = read_html_page(html)
    except Exception as exc:  # trafilatura/lxml raise several types on broken markup
        return [], [_skip(name, f"not a readable HTML page ({type(exc).__name__}: {exc}): save the page again "
                                "(File > Save Page As > HTML only)", "html", encoding)]
    n_words = count_words(page["text"])
    if n_words < MIN_PAGE_WORDS:
        return [], [_skip(name, f"trafilatura found no main text in this page ({n_words} words: a login wall, a list "
                                "of links, or a page built by JavaScript?): save the article page itself, or copy "
                                "its text into a .txt file", "html", encoding)]
    rec = _Record(input=name, source=name, article_id=_stem(path), raw_text=page["text"], title=page["title"],
                  outlet=page["outlet"], url=page["url"], warnings=warnings, format="html", encoding=encoding,
                  file=name)
    if page["date"] is not None:
        rec.date, rec.date_source = page["date"], "page"
    return [rec], []


def _stem(path: Path) -> str:
    name = path.name
    for suffix in sorted(TABLE_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _read_table(path: Path, options: dict, where: str | None = None) -> tuple[list[_Record], list[dict]]:
    """Rows of one CSV/TSV/JSONL file. ``where`` names the file in errors as the user gave it (default: its name)."""
    name = path.name
    lower = name.lower()
    is_jsonl = ".jsonl" in lower or lower.endswith(".ndjson")
    kind = "jsonl" if is_jsonl else "csv"
    if path.stat().st_size == 0:
        return [], [_skip(name, "empty file (0 bytes): nothing to load", kind)]
    try:
        data = gzip.decompress(path.read_bytes()) if lower.endswith(".gz") else path.read_bytes()
    except (OSError, EOFError) as exc:
        return [], [_skip(name, f"not a complete gzip file ({exc}): download or compress it again", kind)]
    content, encoding, file_warning, error = decode_bytes(data, options.get("encoding"))
    if error:
        return [], [_skip(name, error, kind, encoding)]
    if is_jsonl:
        frame, bad_lines = _read_jsonl(content)
        if frame.empty and bad_lines:
            return [], [_skip(name, f"no line is a JSON object ({bad_lines[0][1]}); a JSONL file holds one JSON "
                                    "object per line: if this is a CSV, rename it to .csv", kind, encoding)]
        fmt_label = "jsonl"
    else:
        sep = options.get("sep") or ("\t" if ".tsv" in lower else None)
        how = "given as sep=" if options.get("sep") else "tab (.tsv)"
        if sep is None:
            sep, how = sniff_delimiter(content[:_SNIFF_CHARS])
        fmt_label = f"csv (sep {sep!r}: {how})"
        try:
            frame = pd.read_csv(io.StringIO(content), sep=sep, dtype=str, keep_default_na=False, on_bad_lines="error")
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            return [], [_skip(name, f"could not parse as a table with delimiter {sep!r} ({type(exc).__name__}: {exc}); "
                                    "check the quoting, or pass sep=',' / sep=';' / sep='\\t'", fmt_label, encoding)]
        bad_lines = []
    export = recognise_export(frame.columns)
    frame = prepare_export(frame, export)
    if export is not None:
        fmt_label = f"{export.label}, {fmt_label}"
    columns = _map_columns(frame.columns, options, where or name, export, sep=None if is_jsonl else sep)
    title_only = None
    if export is not None and columns["text"] == columns.get("title_as_text"):
        title_only = (f"title only: a {export.label} holds no article text, so every measure reads the headline "
                      f"alone ({export.advice})")
        pywarnings.warn(f"{where or name}: {title_only}", UserWarning, stacklevel=3)
    stem = _stem(path)
    records: list[_Record] = []
    skipped: list[dict] = []
    for line_no, reason in bad_lines:
        skipped.append(_skip(f"{name}:line {line_no}", reason, fmt_label, encoding))
    text_values = frame[columns["text"]].astype(str).to_numpy()
    ids = frame[columns["id"]].astype(str).to_numpy() if columns.get("id") else None
    dates, date_warnings = None, {}
    if columns.get("date"):
        dates, date_warnings, note = parse_date_column(
            frame[columns["date"]], columns["date"], options.get("dayfirst"),
            export.date_format if export is not None else None)
        if note:
            pywarnings.warn(f"{where or name}: {note}", UserWarning, stacklevel=3)
    raw_dates = frame[columns["date"]].astype(str).to_numpy() if columns.get("date") else None
    get = {key: (frame[col].astype(str).to_numpy() if col else None) for key, col in columns.items()
           if key != "title_as_text"}
    width = max(6, len(str(len(frame))))
    seen_ids: set[str] = set()
    for row in range(len(frame)):
        input_name = f"{name}:row {row}"
        text = text_values[row]
        if not text.strip():
            skipped.append(_skip(input_name, f"empty text in column '{columns['text']}'", fmt_label, encoding))
            continue
        article_id = f"{stem}:{row:0{width}d}"
        if ids is not None and ids[row].strip():
            article_id = ids[row].strip()
            if article_id in seen_ids:
                article_id = f"{article_id}#{row}"
        seen_ids.add(article_id)
        rec = _Record(input=input_name, source=input_name, article_id=article_id, raw_text=text,
                      warnings=list(file_warning), format=fmt_label, encoding=encoding, file=name)
        if title_only:
            rec.warnings.append(title_only)
        for key in ("title", "outlet", "url"):
            values = get.get(key)
            if values is not None and values[row].strip():
                setattr(rec, key, values[row].strip())
        if dates is not None:
            if pd.notna(dates[row]):
                rec.date, rec.date_source = pd.Timestamp(dates[row]), "column"
                if row in date_warnings:
                    rec.warnings.append(date_warnings[row])
            elif raw_dates[row].strip():
                rec.warnings.append(f"date '{raw_dates[row].strip()}' could not be parsed: date left unknown"
                                    + (" (pass dayfirst= to choose the day/month order)" if row in date_warnings
                                       or _looks_numeric_date(raw_dates[row]) else ""))
        records.append(rec)
    return records, skipped


_SNIFF_CHARS = 65536
_READERS = {"text": _read_text_file, "table": _read_table, "html": _read_html_file}


def _looks_numeric_date(value: str) -> bool:
    return bool(re.match(r"^\s*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}", value))


def _read_jsonl(content: str) -> tuple[pd.DataFrame, list[tuple]]:
    rows, bad = [], []
    for line_no, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append((line_no, f"not valid JSON ({exc.msg} at column {exc.colno}): line skipped"))
            continue
        if not isinstance(obj, dict):
            bad.append((line_no, "a JSON value that is not an object: line skipped"))
            continue
        rows.append({k: ("" if v is None else str(v)) for k, v in obj.items()})
    frame = pd.DataFrame(rows).fillna("")
    return frame, bad


def _map_columns(columns, options: dict, name: str, export=None, sep: str | None = None) -> dict[str, str | None]:
    lower = {str(c).strip().lower(): c for c in columns}
    mapping: dict[str, str | None] = {}
    for key, aliases in COLUMN_ALIASES.items():
        explicit = options.get(f"{key}_col")
        if explicit:
            if explicit not in columns:
                raise CorpusError(
                    f"{name}: column {explicit!r} (given as {key}_col) is not in the file. "
                    f"Columns found: {', '.join(map(str, columns))}."
                )
            mapping[key] = explicit
            continue
        preferred = list(export.columns.get(key, ())) if export is not None else []
        mapping[key] = next((lower[a] for a in preferred + aliases if a in lower), None)
    # "source" is a common outlet column, but never when it already serves as another role
    if mapping.get("text") is None:
        fallback = next((lower[a] for a in _TEXT_FALLBACK if a in lower), None)
        if export is not None and fallback is None and mapping.get("title"):
            fallback = mapping["title"]
        if fallback is None:
            hint = ""
            if len(columns) == 1 and any(d in str(columns[0]) for d in DELIMITERS if d != sep):
                found = [d for d in DELIMITERS if d != sep and d in str(columns[0])]
                hint = (f" The file was read as one column {str(columns[0])!r}: its delimiter is probably "
                        f"{found[0]!r}; pass sep={found[0]!r}.")
            raise CorpusError(
                f"{name}: no text column found. Columns found: {', '.join(map(str, columns)) or '(none)'}.{hint} "
                f"Recognised text columns: {', '.join(COLUMN_ALIASES['text'])}. Tell the loader which column "
                "holds the article text with text_col=..., e.g. load_corpus(path, text_col='story'), or "
                "make report CORPUS=... with a renamed column."
            )
        mapping["text"] = fallback
        mapping["title_as_text"] = fallback
        if mapping.get("title") == fallback and export is None:
            mapping["title"] = None
    return mapping


def _parse_date(token: str) -> pd.Timestamp | None:
    token = token.strip()
    if not _ISO_DATE.match(token):
        return None
    try:
        return pd.Timestamp(dt.date.fromisoformat(token))
    except ValueError:
        return None


def _date_from_filename(name: str) -> tuple[pd.Timestamp | None, str]:
    match = _FILENAME_DATE.match(name)
    if not match:
        return None, "unknown"
    try:
        return pd.Timestamp(dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))), "filename"
    except ValueError:
        return None, "unknown"


def _check_date_range(rec: _Record, today: pd.Timestamp) -> None:
    if rec.date is None or pd.isna(rec.date):
        rec.date = None
        return
    if rec.date.year > 2200 or rec.date.year < 1800:
        rec.warnings.append(f"date {rec.date.date()} is far outside the plausible range: date left unknown")
        rec.date, rec.date_source = None, "unknown"
    elif rec.date < EARLIEST_PLAUSIBLE:
        rec.warnings.append(f"date {rec.date.date()} is before 2014: check it (kept as given)")
    elif rec.date > today:
        rec.warnings.append(f"date {rec.date.date()} is in the future: check it (kept as given)")


def _apply_metadata(records: list[_Record], given) -> list[dict]:
    """Annotate records from a sidecar keyed by file name; report rows that name no loaded file."""
    path = paths.resolve(given)
    if not path.exists():
        raise FileNotFoundError(f"Metadata sidecar not found: {os.fspath(given)} (relative paths are taken from "
                                "the project root)")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    key = next((c for c in table.columns if c.strip().lower() in {"file", "file_name", "filename", "source"}), None)
    if key is None:
        raise CorpusError(
            f"{os.fspath(given)}: the metadata sidecar needs a 'file' column naming each article's file; columns found: "
            f"{', '.join(table.columns)}"
        )
    by_file = {r.source: r for r in records}
    by_stem = {r.article_id: r for r in records}
    problems = []
    for _, row in table.iterrows():
        target = row[key].strip()
        rec = by_file.get(target) or by_stem.get(target)
        if rec is None:
            problems.append(_skip(f"{path.name}:{target}", "metadata row names no loaded file: ignored"))
            continue
        for field_name in ("title", "outlet", "url"):
            value = row.get(field_name, "")
            if isinstance(value, str) and value.strip():
                setattr(rec, field_name, value.strip())
        value = str(row.get("date", "")).strip()
        if value:
            parsed = _parse_date(value[:10])
            if parsed is None:
                rec.warnings.append(f"metadata date '{value}' is not YYYY-MM-DD: ignored")
            else:
                rec.date, rec.date_source = parsed, "metadata"
    return problems


# ----------------------------------------------------------------------------------------------------------------
# building the tables


def _namespace_ids(records: list[_Record]) -> None:
    """Ids that two files of a folder share become ``<file stem>:<id>`` (each of them); unique ids stay as they are."""
    files_of: dict[str, set[str]] = {}
    for rec in records:
        files_of.setdefault(rec.article_id, set()).add(rec.file)
    for rec in records:
        if len(files_of[rec.article_id]) > 1:
            rec.article_id = f"{_stem(Path(rec.file))}:{rec.article_id}"


def _clean_many(items: list[tuple[str, int]], desc: str | None = None) -> list[tuple[str, int, int, tuple]]:
    """``(text, n_removals, n_words, language guess)`` for each ``(raw_text, body_start)``; a date header is a
    removal. The guesses are settled as a corpus by ``_build_articles``."""
    out = []
    for raw, body_start in (progress(items, desc=desc) if desc else items):
        text, removed = clean_text(raw, body_start)
        out.append((text, len(removed) + (1 if body_start else 0), count_words(text), guess_language(text)))
    return out


def _build_articles(records: list[_Record]) -> pd.DataFrame:
    from helpers.parallel import MIN_ITEMS, default_jobs, map_articles

    items = [(rec.raw_text, rec.body_start) for rec in records]
    if len(items) < MIN_ITEMS or default_jobs() == 1:
        cleaned = _clean_many(items, desc="cleaning")
    else:  # all cores; no progress bar (a few seconds, and workers would draw over each other)
        cleaned = map_articles(_clean_many, items)
    languages = resolve_languages([item[0] for item in cleaned], [item[3] for item in cleaned])
    rows = []
    for rec, (text, n_removals, n_words, _), language in zip(records, cleaned, languages):
        if not text.strip():
            rec.warnings.append("cleaning removed all text (only captions/credits?): kept with empty text")
        rows.append((rec.article_id, rec.source, rec.date, rec.date_source, rec.title, rec.outlet, rec.url,
                     rec.raw_text, text, n_words, None, None, n_removals, language))
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    articles["date"] = pd.to_datetime(articles["date"])
    articles["n_words"] = articles["n_words"].astype("int64")
    articles["n_removals"] = articles["n_removals"].astype("int64")
    for column in ("title", "outlet", "url", "duplicate_of", "duplicate_kind"):
        articles[column] = articles[column].astype(object)
    if articles["article_id"].duplicated().any():
        dups = articles.loc[articles["article_id"].duplicated(), "article_id"].tolist()[:5]
        raise CorpusError(f"article ids are not unique (e.g. {dups}): two files with the same name stem (a.csv and "
                          "a.jsonl?) give the same ids; rename one of them, or load them one at a time")
    return articles


def _infer_missing_dates(articles: pd.DataFrame) -> pd.DataFrame:
    """Fill unknown dates from cues in the text (``helpers.dates``)."""
    return apply_inferred_dates(articles)


def _build_report(records: list[_Record], skipped: list[dict], articles: pd.DataFrame) -> pd.DataFrame:
    dup = dict(zip(articles["article_id"], zip(articles["duplicate_of"], articles["duplicate_kind"])))
    inferred = set(articles.loc[articles["date_source"] == "inferred", "article_id"])
    language = dict(zip(articles["article_id"], articles["language"]))
    undated = set(articles.loc[articles["date"].isna(), "article_id"])
    rows = []
    for rec in records:
        notes = list(rec.warnings)
        of, kind = dup.get(rec.article_id, (None, None))
        if of:
            notes.append(f"{kind} duplicate of {of} (kept, flagged)")
        status = "loaded_with_warnings" if notes else "loaded"
        if rec.article_id in inferred:
            notes.append("date inferred from the text")
        elif rec.article_id in undated:
            notes.append("no date found")
        rows.append({"input": rec.input, "article_id": rec.article_id, "status": status,
                     "reason": "; ".join(notes) if notes else "ok", "format": rec.format, "encoding": rec.encoding,
                     "language": language.get(rec.article_id)})
    report = pd.DataFrame(rows + skipped, columns=REPORT_COLUMNS)
    return report.reset_index(drop=True)
