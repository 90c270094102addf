"""What the loader needs to read the files researchers bring: bytes to text, delimiters, dates, exports, HTML.

``helpers.corpus.load_corpus`` owns the loading; this module owns the rules for reading one input:

- :func:`decode_bytes` — a byte-order mark first (UTF-8, UTF-16 LE/BE, UTF-32), then UTF-16 without a mark (NUL
  bytes on one side of every byte pair), then binary (other NUL or control bytes: skipped), then strict UTF-8,
  then charset-normalizer's guess. Latin
  code pages (cp1252, cp1250, latin-1 …) cannot be told apart reliably on a short text, so when the guess is one of
  them and the bytes also read as cp1252 with only Latin letters, cp1252 (the commonest legacy export encoding)
  wins. Every label returned is written into the load report.
- :func:`sniff_delimiter` — the header's delimiter among ``, ; TAB |``: the only one in the header, else the one
  :class:`csv.Sniffer` finds on a sample, else the most frequent in the header.
- :func:`parse_date_column` — ISO 8601 first; numeric ``dd/mm/yyyy`` or ``mm/dd/yyyy`` values read in ONE order for
  the whole column (the order a value above 12 proves, or ``dayfirst=``; day first, with a warning, when nothing
  tells); other text dates by pandas.
- :data:`EXPORT_FORMATS` / :func:`recognise_export` — Media Cloud story lists and GDELT exports, recognised by
  their columns; they carry headlines, not article text, and say so.
- :func:`read_html_page` — a saved web page: main text by ``trafilatura.extract``, title/date/site from
  ``trafilatura.extract_metadata``.

The language of each article is :func:`helpers.language.detect` (the package's one detector).
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = [
    "decode_bytes", "sniff_delimiter", "DELIMITERS", "parse_date_column", "ExportFormat", "EXPORT_FORMATS",
    "recognise_export", "prepare_export", "read_html_page", "HTML_SUFFIXES",
]

# ----------------------------------------------------------------------------------------------------------------
# bytes to text

_BOMS = [  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be (BOM)"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be (BOM)"),
]
_SAMPLE = 65536
_LATIN_FALLBACK = "cp1252"


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str | None, str, list[str], str | None]:
    """``(text, encoding label, warnings, error)`` for the bytes of one file; ``text`` is None when ``error``.

    ``encoding`` forces one codec (the loader's ``encoding=`` option).
    """
    if encoding:
        try:
            return data.decode(encoding), encoding, [], None
        except (UnicodeDecodeError, LookupError) as exc:
            return None, encoding, [], (f"cannot be decoded as {encoding} (the encoding= option): {exc}. Leave "
                                        "encoding= out to let the loader detect it, or give the right one")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), label, [], None
            except UnicodeDecodeError as exc:
                return None, label, [], (f"starts with a {label} mark but is not valid {codec} ({exc.reason} at byte "
                                         f"{exc.start}): re-save it as UTF-8")
    sample = data[:_SAMPLE]
    utf16 = _utf16_without_bom(sample)
    if utf16:
        try:
            return data.decode(utf16), utf16, [], None
        except UnicodeDecodeError:
            pass
    if b"\x00" in sample or _control_share(sample) > 0.1:
        return None, "binary", [], "binary file (contains NUL or control bytes), not text: convert it to UTF-8 text first"
    try:
        return data.decode("utf-8"), "utf-8", [], None
    except UnicodeDecodeError as exc:
        bad_byte = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, "unknown", [], ("not UTF-8 and no text encoding fits (charset-normalizer found none): save it as "
                                     "UTF-8, or pass encoding='...'")
    name, text = best.encoding, str(best)
    if name != _LATIN_FALLBACK and _latin_only(text):
        try:
            western = data.decode(_LATIN_FALLBACK)
        except UnicodeDecodeError:
            western = None
        if western is not None and _latin_only(western):
            name, text = _LATIN_FALLBACK, western
    warning = (f"not valid UTF-8 (byte {bad_byte}); decoded as {name} (detected by charset-normalizer): check accented "
               "characters, or save the file as UTF-8 (or pass encoding='...')")
    return text, name, [warning], None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when NUL bytes sit on one side of the byte pairs only (text without a BOM)."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    share_even, share_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if share_odd >= 0.1 and share_even < 0.01:
        return "utf-16-le"
    if share_even >= 0.1 and share_odd < 0.01:
        return "utf-16-be"
    return None


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    return sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13)) / len(sample)


def _latin_only(text: str) -> bool:
    """True when every non-ASCII letter in ``text`` is a Latin letter (no Cyrillic, Greek, Thai …)."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in set(text) if ord(ch) > 127 and ch.isalpha())


# ----------------------------------------------------------------------------------------------------------------
# delimiters

DELIMITERS = [",", ";", "\t", "|"]
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def sniff_delimiter(sample: str) -> tuple[str, str]:
    """``(delimiter, how it was chosen)`` for a CSV whose text starts with ``sample`` (header first)."""
    header = _first_record(sample)
    counts = {d: _count_outside_quotes(header, d) for d in DELIMITERS}
    present = [d for d in DELIMITERS if counts[d]]
    if not present:
        return ",", "one column (no , ; tab or | in the header)"
    if len(present) == 1:
        return present[0], f"{_NAMES[present[0]]} (the only delimiter in the header)"
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in present:
        return sniffed, f"{_NAMES[sniffed]} (csv.Sniffer on the first lines)"
    best = max(present, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return best, f"{_NAMES[best]} (the commonest delimiter in the header)"


def _first_record(sample: str) -> str:
    """The first line of ``sample``, continued over newlines inside quotes."""
    in_quotes = False
    for i, ch in enumerate(sample):
        if ch == '"':
            in_quotes = not in_quotes
        elif ch in "\r\n" and not in_quotes:
            return sample[:i]
    return sample


def _count_outside_quotes(line: str, char: str) -> int:
    count, in_quotes = 0, False
    for ch in line:
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == char and not in_quotes:
            count += 1
    return count


# ----------------------------------------------------------------------------------------------------------------
# date columns

_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?:[ T,].*)?$")


def parse_date_column(series: pd.Series, name: str, dayfirst: bool | None = None, date_format: str | None = None
                      ) -> tuple[np.ndarray, dict[int, str], str | None]:
    """``(dates, row warnings, column note)`` for one date column (day precision, time-zone-free; NaT where unread).

    ISO 8601 first (``date_format`` first when an export names its own). Numeric day/month dates are read in one
    order for the whole column: ``dayfirst`` when given; else the order proven by a value above 12; else day first,
    and every ambiguous row says so (the column note is the message for ``warnings.warn``).
    """
    text = series.astype(str).str.strip()
    parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns, UTC]")
    todo = text != ""
    if date_format:
        parsed[todo] = pd.to_datetime(text[todo], errors="coerce", utc=True, format=date_format)
        todo &= parsed.isna()
    parsed[todo] = pd.to_datetime(text[todo], errors="coerce", utc=True, format="ISO8601")
    todo &= parsed.isna()
    row_warnings: dict[int, str] = {}
    note = None
    if todo.any():
        parts = text[todo].str.extract(_NUMERIC_DATE)
        numeric = parts[0].notna()
        if numeric.any():
            first, second = parts.loc[numeric, 0].astype(int), parts.loc[numeric, 1].astype(int)
            year = parts.loc[numeric, 2].astype(int)
            year = year.where(year >= 100, year + 2000)
            order, note = _day_order(first, second, name, dayfirst)
            day, month = (first, second) if order else (second, first)
            built = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": day}), errors="coerce")
            parsed[built.index] = built.dt.tz_localize("UTC")
            if note:
                ambiguous = (first <= 12) & (second <= 12) & (first != second)
                order_words = "day first (DD/MM/YYYY)" if order else "month first (MM/DD/YYYY)"
                for row in ambiguous[ambiguous].index:
                    row_warnings[text.index.get_loc(row)] = (
                        f"date '{text[row]}' read {order_words}: the column '{name}' does not say which; pass "
                        f"dayfirst={not order} if that is wrong, dayfirst={order} to confirm")
            todo &= parsed.isna()
        rest = todo & ~text.str.match(_NUMERIC_DATE)
        if rest.any():  # month names and other free text; day first when nothing else tells (the old default)
            parsed[rest] = pd.to_datetime(text[rest], errors="coerce", utc=True, format="mixed",
                                          dayfirst=True if dayfirst is None else dayfirst)
    return parsed.dt.tz_convert(None).dt.normalize().to_numpy(), row_warnings, note


def _day_order(first: pd.Series, second: pd.Series, name: str, dayfirst: bool | None) -> tuple[bool, str | None]:
    """True for day first. The note (None when the order is known) says what was assumed and how to choose."""
    if dayfirst is not None:
        return bool(dayfirst), None
    day_proof, month_proof = int((first > 12).sum()), int((second > 12).sum())
    if day_proof and not month_proof:
        return True, None
    if month_proof and not day_proof:
        return False, None
    if day_proof and month_proof:
        order = day_proof >= month_proof
        return order, (f"date column '{name}' mixes day-first ({day_proof} values) and month-first ({month_proof}) "
                       f"dates; read {'day' if order else 'month'} first, the others are left unknown. Pass "
                       "dayfirst=True or dayfirst=False to choose.")
    return True, (f"date column '{name}': no value has a day above 12, so 03/04/2023 could be 3 April or 4 March; read "
                  "as day first (DD/MM/YYYY). Pass dayfirst=False for month-first (US) dates, dayfirst=True to "
                  "confirm and silence this warning.")


# ----------------------------------------------------------------------------------------------------------------
# exports researchers bring


@dataclass(frozen=True)
class ExportFormat:
    """A known export: recognised when every group of ``signature`` has one of its columns (lower case)."""

    name: str
    label: str
    signature: tuple[frozenset, ...]
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> column names, in preference order
    date_format: str | None = None
    advice: str = ""


EXPORT_FORMATS = [
    ExportFormat(
        "mediacloud", "Media Cloud story list",
        (frozenset({"stories_id", "id"}), frozenset({"media_name", "media_url"}), frozenset({"publish_date"}),
         frozenset({"title"}), frozenset({"url"})),
        {"id": ("stories_id", "id"), "date": ("publish_date",), "outlet": ("media_name", "media_url"),
         "title": ("title",), "url": ("url",), "text": ("text", "story_text", "full_text")},
        advice="fetch the full texts from the url column (e.g. trafilatura) and load them as a folder of pages or "
               "add a text column"),
    ExportFormat(
        "gdelt_doc", "GDELT DOC API article list",
        (frozenset({"url"}), frozenset({"title"}), frozenset({"mobileurl", "url_mobile", "seendate"})),
        {"date": ("seendate", "date"), "outlet": ("domain",), "title": ("title",), "url": ("url",)},
        advice="GDELT lists links, not texts: fetch the pages from the url column and load them as a folder of pages"),
    ExportFormat(
        "gdelt_gkg", "GDELT GKG table",
        (frozenset({"gkgrecordid"}), frozenset({"documentidentifier"}), frozenset({"sourcecommonname"})),
        {"id": ("gkgrecordid",), "date": ("date",), "outlet": ("sourcecommonname",), "title": ("page_title",),
         "url": ("documentidentifier",)},
        date_format="%Y%m%d%H%M%S",
        advice="the GKG holds each page's title (V2ExtrasXML PAGE_TITLE) but no text: fetch the pages from "
               "DocumentIdentifier and load them as a folder of pages"),
]

_PAGE_TITLE = re.compile(r"<PAGE_TITLE>(.*?)</PAGE_TITLE>", re.DOTALL)


def recognise_export(columns) -> ExportFormat | None:
    """The first :data:`EXPORT_FORMATS` entry whose signature the columns match, else None."""
    lower = {str(c).strip().lower() for c in columns}
    for fmt in EXPORT_FORMATS:
        if all(group & lower for group in fmt.signature):
            return fmt
    return None


def prepare_export(frame: pd.DataFrame, fmt: ExportFormat | None) -> pd.DataFrame:
    """Columns an export keeps inside others: a GKG row's title from its ``V2ExtrasXML`` (as ``page_title``)."""
    if fmt is None or fmt.name != "gdelt_gkg":
        return frame
    extras = next((c for c in frame.columns if str(c).strip().lower() in {"v2extrasxml", "extras"}), None)
    if extras is None or "page_title" in {str(c).lower() for c in frame.columns}:
        return frame
    out = frame.copy()
    out["page_title"] = out[extras].astype(str).str.extract(_PAGE_TITLE, expand=False).fillna("").str.strip()
    return out


# ----------------------------------------------------------------------------------------------------------------
# saved web pages

HTML_SUFFIXES = {".html", ".htm"}


def read_html_page(html: str) -> dict:
    """``{text, title, date, url, outlet}`` of one saved page (``text`` empty when trafilatura finds no main text)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, deduplicate=False) or ""
    meta = trafilatura.extract_metadata(html)
    title = (meta.title or "").strip() if meta else ""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:  # trafilatura repeats the page title as the first line
        text = rest.lstrip("\n")
    date = pd.Timestamp(meta.date) if meta and meta.date else None
    return {"text": text, "title": title or None, "date": date, "url": (meta.url if meta else None) or None,
            "outlet": (meta.sitename if meta else None) or None}
