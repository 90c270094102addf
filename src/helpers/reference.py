"""Public reference files in ``data/external/``: shipped with the project, refreshed and checked on demand.

The three files (the General Staff's claimed Russian personnel losses, The Economist's casualty estimates, the
NYT editorial snippets rated by humans for VADER) are listed in the package data table ``SOURCES_CSV``
(``reference_sources.csv``, read by ``helpers.package_data``) with their public URL, licence, citation and the
SHA-256 of the copy we validated. Their licences (MIT, CC BY 4.0) allow
redistribution, so the verified copies are committed in ``data/external/`` with their licences and attribution
(``data/external/README.md``): a fresh clone without network has them. ``make reference`` runs
``python -m helpers.reference``, which calls :func:`fetch_reference` to verify them, or to download any that
were deleted.

Checksum policy (nothing is ever replaced silently):

* a file already in ``data/external/`` with the recorded checksum is kept and not downloaded again;
* a file deleted from ``data/external/`` is downloaded again (delete one to refresh it from upstream);
* a download (``pooch.retrieve``) is written to a temporary file and moved into place only when its SHA-256
  matches;
* a download whose checksum differs (upstream has changed since our copy, or the transfer is corrupt) is
  **refused**: nothing is written, and the message says how to accept it: ``make reference ACCEPT_NEW=1``
  (``--accept-new``), which keeps the new file and records its checksum in
  ``data/external/reference_checksums.local.csv`` (untracked, like everything in ``data/external/``);
* a file already present with another checksum (e.g. copied by hand) is left untouched and reported as
  unverified; ``--accept-new`` records its checksum.

Notebooks call :func:`reference_path` (the file in ``data/external/``, or a path the user passes) and print
:func:`how_to_get` when it returns ``None``. Nothing here reads the developers' data folder beside the project.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import sys
import urllib.parse
from pathlib import Path

import pandas as pd
import pooch
import requests

from helpers import paths
from helpers.package_data import read_table

__all__ = ["SOURCES_CSV", "LOCAL_CHECKSUMS", "sources", "fetch_reference", "reference_path", "how_to_get", "main"]

#: the package data table of reference files (read with ``helpers.package_data.read_table``)
SOURCES_CSV = "reference_sources.csv"
#: checksums accepted on this machine with ``--accept-new``; lives in the (untracked) destination folder
LOCAL_CHECKSUMS = "reference_checksums.local.csv"
SUMMARY_COLUMNS = ["name", "status", "available", "path", "url", "sha256", "message"]
#: statuses after which the file is in the destination folder
AVAILABLE = {"present", "present-unverified", "downloaded", "accepted"}
USER_AGENT = "helpers-reference (research notebooks)"


def sources() -> pd.DataFrame:
    """The reference files: ``name, url, sha256, licence, citation, note`` (one row per file)."""
    return read_table(SOURCES_CSV)


def _source(name: str) -> dict:
    table = sources()
    row = table[table["name"] == name]
    if row.empty:
        raise ValueError(f"unknown reference file {name!r}; known: {', '.join(table['name'])}")
    return row.iloc[0].to_dict()


def _read_accepted(dest: Path) -> dict[str, str]:
    file = dest / LOCAL_CHECKSUMS
    if not file.exists():
        return {}
    with open(file, newline="", encoding="utf-8") as handle:
        return {row["name"]: row["sha256"] for row in csv.DictReader(handle)}


def _record_accepted(dest: Path, name: str, sha256: str, url: str) -> None:
    """Write (atomically) the locally accepted checksum of ``name``, replacing an earlier one."""
    rows = {}
    file = dest / LOCAL_CHECKSUMS
    if file.exists():
        with open(file, newline="", encoding="utf-8") as handle:
            rows = {row["name"]: row for row in csv.DictReader(handle)}
    rows[name] = {"name": name, "sha256": sha256, "url": url}
    tmp = file.with_name(file.name + ".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["name", "sha256", "url"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows[key] for key in sorted(rows))
    os.replace(tmp, file)


def _url_for(url: str, base_url: str | None) -> str:
    """``url`` itself, or its path on ``base_url`` (a mirror or a test server): same layout, other host."""
    if not base_url:
        return url
    return base_url.rstrip("/") + urllib.parse.urlsplit(url).path


class _Downloader:
    """pooch's HTTP downloader that also keeps the SHA-256 of what it wrote (pooch checks it against the known
    hash and deletes a mismatch; the summary still says which checksum the refused download had)."""

    def __init__(self, timeout: float):
        self.http = pooch.HTTPDownloader(progressbar=False, timeout=timeout, headers={"User-Agent": USER_AGENT})
        self.sha256 = ""

    def __call__(self, url, output_file, pooch_instance):
        self.http(url, output_file, pooch_instance)
        self.sha256 = pooch.file_hash(output_file)  # pooch passes the temporary file's path


def _download(url: str, dest: Path, name: str, known_sha256: str | None, timeout: float) -> str:
    """``pooch.retrieve`` of ``url`` into ``dest/name``, checked against ``known_sha256`` (None: not checked);
    returns the SHA-256 of the download. pooch streams into a temporary file in ``dest`` and moves it into place
    only when the hash matches (``ValueError`` otherwise, with the temporary file deleted)."""
    downloader = _Downloader(timeout)
    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel(logging.WARNING)  # our summary says what happened; pooch would also log each download
    try:
        pooch.retrieve(url, known_hash=f"sha256:{known_sha256}" if known_sha256 else None, fname=name, path=dest,
                       downloader=downloader)
    except ValueError as error:
        error.sha256 = downloader.sha256
        raise
    finally:
        logger.setLevel(level)
    return downloader.sha256


def _fetch_one(src: dict, dest: Path, base_url: str | None, timeout: float, accept_new: bool,
               accepted: dict[str, str], shown_dest: str) -> dict:
    """One file's row of the summary; ``shown_dest`` is the destination as the user gave it (for messages)."""
    name, recorded = src["name"], src["sha256"]
    url = _url_for(src["url"], base_url)
    target = dest / name
    shown = f"{shown_dest}/{name}"
    local = f"{shown_dest}/{LOCAL_CHECKSUMS}"
    valid = {recorded} | ({accepted[name]} if name in accepted else set())
    result = {"name": name, "path": shown, "url": url}

    if target.exists():  # never handed to pooch, which would download again over a file with another checksum
        sha = pooch.file_hash(str(target))
        if sha in valid:
            return {**result, "status": "present", "sha256": sha,
                    "message": f"{shown}: present, checksum verified (not downloaded again)"}
        if accept_new:
            _record_accepted(dest, name, sha, url)
            return {**result, "status": "accepted", "sha256": sha,
                    "message": f"{shown}: present with a new checksum {sha[:12]}… (recorded {recorded[:12]}…); "
                               f"accepted and recorded in {local}"}
        return {**result, "status": "present-unverified", "sha256": sha,
                "message": f"{shown}: present but its SHA-256 {sha[:12]}… differs from the recorded "
                           f"{recorded[:12]}…; left untouched. Delete it to download it again, or accept it "
                           f"with `make reference ACCEPT_NEW=1`"}

    # the checksum a download must have: the one accepted on this machine if any, else the recorded one;
    # with --accept-new any download is kept and its checksum recorded when it is new
    expected = None if accept_new else accepted.get(name, recorded)
    try:
        sha = _download(url, dest, name, expected, timeout)
    except ValueError as error:  # pooch: the hash does not match; nothing was written
        sha = getattr(error, "sha256", "")
        return {**result, "status": "refused", "sha256": sha,
                "message": f"{name}: REFUSED, the SHA-256 of the download from {url} is {sha[:12]}…, not the "
                           f"recorded {expected[:12]}… (upstream has changed since our verified copy, or the "
                           f"transfer is corrupt); nothing was written. To use this version: "
                           f"`make reference ACCEPT_NEW=1` (python -m helpers.reference --accept-new)"}
    except requests.exceptions.HTTPError as error:
        response = error.response
        return {**result, "status": "failed", "sha256": "",
                "message": f"{name}: {url} answered HTTP {response.status_code} {response.reason}. Copy the file "
                           f"by hand into {shown} (see the citation in {SOURCES_CSV})"}
    except (requests.exceptions.RequestException, OSError) as error:  # no network, DNS, refused, timeout
        return {**result, "status": "offline", "sha256": "",
                "message": f"{name}: could not reach {url} ({type(error).__name__}). Offline? Rerun `make "
                           f"reference` when online, or copy the file by hand into {shown}"}

    if sha in valid:
        return {**result, "status": "downloaded", "sha256": sha,
                "message": f"{shown}: downloaded, checksum verified"}
    _record_accepted(dest, name, sha, url)  # only reached with accept_new
    return {**result, "status": "accepted", "sha256": sha,
            "message": f"{shown}: downloaded a NEW version (SHA-256 {sha[:12]}…, recorded {recorded[:12]}…); "
                       f"accepted and recorded in {local}"}


def fetch_reference(dest: str | os.PathLike = paths.DATA_EXTERNAL, base_url: str | None = None,
                    timeout: float = 30.0, accept_new: bool = False) -> pd.DataFrame:
    """Download the missing reference files into ``dest`` and verify their SHA-256 checksums.

    ``base_url`` replaces ``https://raw.githubusercontent.com`` (a mirror, or a test server laid out like it).
    Downloads and checksums by ``pooch``; never raises for network trouble: each file gets a row with
    ``name, status, available, path, url, sha256, message`` where ``status`` is one of ``present``,
    ``present-unverified``, ``downloaded``, ``accepted`` (``available`` is True), ``refused``, ``offline``,
    ``failed`` (the file is not there; ``message`` says what to do).
    """
    resolved = paths.resolve(dest)
    # messages name the folder as the user gave it; the default is shown relative to the project root
    shown_dest = paths.display_path(resolved) if resolved == paths.DATA_EXTERNAL else os.fspath(dest).rstrip("/")
    resolved.mkdir(parents=True, exist_ok=True)
    accepted = _read_accepted(resolved)
    rows = [_fetch_one(src, resolved, base_url, timeout, accept_new, accepted, shown_dest)
            for src in sources().to_dict("records")]
    summary = pd.DataFrame(rows)
    summary["available"] = summary["status"].isin(AVAILABLE)
    return summary[SUMMARY_COLUMNS]


def reference_path(name: str, path: str | os.PathLike | None = None) -> Path | None:
    """Where to read reference file ``name``: ``path`` if given (relative to the project root; an error naming
    it when there is no such file), else the copy shipped in ``data/external/``, or None when that copy was
    deleted (print :func:`how_to_get`)."""
    _source(name)  # unknown names are a typo: fail loudly
    if path in (None, ""):
        candidate = paths.DATA_EXTERNAL / name
        return candidate if candidate.is_file() else None
    candidate = paths.resolve(path)
    if not candidate.is_file():
        raise FileNotFoundError(
            f"{name}: no file at {os.fspath(path)} (relative paths are taken from the project root). Check the "
            f"path, or pass None to use the copy shipped in {paths.display_path(paths.DATA_EXTERNAL)}/{name}."
        )
    return candidate


def how_to_get(name: str) -> str:
    """The sentence a notebook prints when ``reference_path(name)`` is None."""
    src = _source(name)
    return (f"{name} is not in {paths.display_path(paths.DATA_EXTERNAL)}/ (it ships with the project: was it "
            f"deleted?): run `make reference` (downloads it from {src['url']} and checks its SHA-256), or copy it "
            f"there by hand from that URL (licence: {src['licence']}).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.reference", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dest", default=str(paths.DATA_EXTERNAL),
                        help="destination folder (default: data/external; relative paths from the project root)")
    parser.add_argument("--base-url", default=None,
                        help="host replacing https://raw.githubusercontent.com (a mirror or a test server)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per connection (default 30)")
    parser.add_argument("--accept-new", action="store_true",
                        help="keep files whose checksum differs from the recorded one and record the new checksum")
    args = parser.parse_args(argv)
    summary = fetch_reference(args.dest, base_url=args.base_url, timeout=args.timeout, accept_new=args.accept_new)
    for row in summary.itertuples():
        print(f"{row.status:<18} {row.message}")
    missing = summary.loc[~summary["available"], "name"].tolist()
    if missing:
        print(f"{len(missing)} reference file(s) missing: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
