"""Public reference files in ``data/external/``: shipped with the project, refreshed and checked on demand.

The three files (the General Staff's claimed Russian personnel losses, The Economist's casualty estimates, the
NYT editorial snippets rated by humans for VADER) are listed in ``helpers/data/reference_sources.csv`` with their
public URL, licence, citation and the SHA-256 of the copy we validated. Their licences (MIT, CC BY 4.0) allow
redistribution, so the verified copies are committed in ``data/external/`` with their licences and attribution
(``data/external/README.md``): a fresh clone without network has them. ``make reference`` runs
``python -m helpers.reference``, which calls :func:`fetch_reference` to verify them, or to download any that
were deleted.

Checksum policy (nothing is ever replaced silently):

* a file already in ``data/external/`` with the recorded checksum is kept and not downloaded again;
* a file deleted from ``data/external/`` is downloaded again (delete one to refresh it from upstream);
* a download is written to a temporary file and renamed into place only when its checksum matches;
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
import hashlib
import http.client
import os
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pandas as pd

from helpers import paths

__all__ = ["SOURCES_CSV", "LOCAL_CHECKSUMS", "sources", "fetch_reference", "reference_path", "how_to_get", "main"]

SOURCES_CSV = paths.PACKAGE_DATA / "reference_sources.csv"
#: checksums accepted on this machine with ``--accept-new``; lives in the (untracked) destination folder
LOCAL_CHECKSUMS = "reference_checksums.local.csv"
SUMMARY_COLUMNS = ["name", "status", "available", "path", "url", "sha256", "message"]
#: statuses after which the file is in the destination folder
AVAILABLE = {"present", "present-unverified", "downloaded", "accepted"}
_CHUNK = 1 << 16


def sources() -> pd.DataFrame:
    """The reference files: ``name, url, sha256, licence, citation, note`` (one row per file)."""
    return pd.read_csv(SOURCES_CSV, dtype=str, keep_default_na=False)


def _source(name: str) -> dict:
    table = sources()
    row = table[table["name"] == name]
    if row.empty:
        raise ValueError(f"unknown reference file {name!r}; known: {', '.join(table['name'])}")
    return row.iloc[0].to_dict()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


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


def _download(url: str, dest: Path, name: str, timeout: float) -> tuple[Path, str]:
    """Stream ``url`` into a temporary file next to ``dest/name``; return (temporary path, SHA-256).

    The temporary file is removed if anything goes wrong, so no partial file is ever left behind.
    """
    request = urllib.request.Request(url, headers={"User-Agent": "helpers-reference (research notebooks)"})
    handle, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=dest)
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    try:
        with os.fdopen(handle, "wb") as out, urllib.request.urlopen(request, timeout=timeout) as response:
            for chunk in iter(lambda: response.read(_CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp, digest.hexdigest()


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

    if target.exists():
        sha = _sha256(target)
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

    try:
        tmp, sha = _download(url, dest, name, timeout)
    except urllib.error.HTTPError as error:
        return {**result, "status": "failed", "sha256": "",
                "message": f"{name}: {url} answered HTTP {error.code} {error.reason}. Copy the file by hand "
                           f"into {shown} (see the citation in reference_sources.csv)"}
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:  # no network, DNS, refused, timeout
        reason = getattr(error, "reason", error)
        return {**result, "status": "offline", "sha256": "",
                "message": f"{name}: could not reach {url} ({reason}). Offline? Rerun `make reference` when "
                           f"online, or copy the file by hand into {shown}"}

    if sha in valid:
        os.replace(tmp, target)
        return {**result, "status": "downloaded", "sha256": sha,
                "message": f"{shown}: downloaded, checksum verified"}
    if accept_new:
        os.replace(tmp, target)
        _record_accepted(dest, name, sha, url)
        return {**result, "status": "accepted", "sha256": sha,
                "message": f"{shown}: downloaded a NEW version (SHA-256 {sha[:12]}…, recorded {recorded[:12]}…); "
                           f"accepted and recorded in {local}"}
    tmp.unlink(missing_ok=True)
    return {**result, "status": "refused", "sha256": sha,
            "message": f"{name}: REFUSED, the SHA-256 of the download from {url} is {sha[:12]}…, not the "
                       f"recorded {recorded[:12]}… (upstream has changed since our verified copy, or the "
                       f"transfer is corrupt); nothing was written. To use this version: "
                       f"`make reference ACCEPT_NEW=1` (python -m helpers.reference --accept-new)"}


def fetch_reference(dest: str | os.PathLike = paths.DATA_EXTERNAL, base_url: str | None = None,
                    timeout: float = 30.0, accept_new: bool = False) -> pd.DataFrame:
    """Download the missing reference files into ``dest`` and verify their SHA-256 checksums.

    ``base_url`` replaces ``https://raw.githubusercontent.com`` (a mirror, or a test server laid out like it).
    Uses only the standard library; never raises for network trouble: each file gets a row with
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
