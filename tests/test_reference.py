"""`make reference` against a local HTTP server on 127.0.0.1 serving the copies shipped in data/external/.

The server's folder is laid out like the upstream URL paths (``/<owner>/<repo>/<branch>/<path>``), so
``fetch_reference(base_url=...)`` only swaps the host. A second tree under ``/corrupt`` serves damaged files.
"""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
import socket
import threading
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from helpers import paths, reference

SHIPPED = paths.DATA_EXTERNAL
NAMES = reference.sources()["name"].tolist()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(base URL, list of requested paths) of a server on 127.0.0.1; stopped at the end of the module."""
    root = tmp_path_factory.mktemp("mirror")
    for src in reference.sources().itertuples():
        upstream_path = urllib.parse.unquote(urllib.parse.urlsplit(src.url).path).lstrip("/")
        for tree, damage in ((root, False), (root / "corrupt", True)):
            target = tree / upstream_path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(SHIPPED / src.name, target)
            if damage:
                data = target.read_bytes()
                target.write_bytes(data[: len(data) // 2] + b"X" + data[len(data) // 2 + 1:])

    requested: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet; record instead
            requested.append(self.path)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requested
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_sources_table_is_complete():
    table = reference.sources()
    assert list(table.columns) == ["name", "url", "sha256", "licence", "citation", "note"]
    assert sorted(NAMES) == sorted(["general_staff_russia_losses_personnel.json",
                                    "economist_casualty_estimates.csv", "vader_nyt_editorial_snippets.tsv"])
    assert table["url"].str.startswith("https://raw.githubusercontent.com/").all()
    assert table["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert (table[["licence", "citation", "note"]] != "").all().all()


def test_recorded_checksums_are_those_of_the_shipped_copies():
    for src in reference.sources().itertuples():
        assert _sha256(SHIPPED / src.name) == src.sha256, src.name


def test_shipped_copies_carry_their_licence_and_attribution():
    readme = (SHIPPED / "README.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert f"`{name}`" in readme, f"{name} has no row in data/external/README.md"
    assert "Credit: The Economist" in readme and "CC BY 4.0" in readme
    for licence, holder in [("LICENSE-general-staff.txt", "Petro Ivaniuk"), ("LICENSE-vader.txt", "C.J. Hutto")]:
        text = (SHIPPED / licence).read_text(encoding="utf-8")
        assert text.lstrip().startswith(("MIT License", "The MIT License")) and holder in text
        assert licence in readme


@pytest.mark.shared
def test_shipped_copies_are_the_shared_reference_files(shared):
    """The development copies in ../shared/reference are the ones that ship (same bytes)."""
    for name in NAMES:
        assert (SHIPPED / name).read_bytes() == (shared / "reference" / name).read_bytes(), name


def test_fetch_downloads_verifies_and_does_not_download_again(server, tmp_path):
    base_url, requested = server
    dest = tmp_path / "external"
    first = reference.fetch_reference(dest, base_url=base_url, timeout=10)
    assert first["status"].tolist() == ["downloaded"] * 3, first["message"].tolist()
    assert first["available"].all()
    for src in reference.sources().itertuples():
        assert _sha256(dest / src.name) == src.sha256
    assert sorted(p.name for p in dest.iterdir()) == sorted(NAMES)  # no temporary files left

    before = len(requested)
    second = reference.fetch_reference(dest, base_url=base_url, timeout=10)
    assert second["status"].tolist() == ["present"] * 3
    assert len(requested) == before, "a verified file was downloaded again"


def test_checksum_mismatch_is_refused_and_leaves_no_file(server, tmp_path):
    base_url, _ = server
    dest = tmp_path / "external"
    summary = reference.fetch_reference(dest, base_url=base_url + "/corrupt", timeout=10)
    assert summary["status"].tolist() == ["refused"] * 3
    assert not summary["available"].any()
    for message in summary["message"]:
        assert "REFUSED" in message and "SHA-256" in message and "make reference ACCEPT_NEW=1" in message
    assert list(dest.iterdir()) == []  # neither the file nor a partial download
    for row, src in zip(summary.itertuples(), reference.sources().itertuples()):
        assert re.fullmatch(r"[0-9a-f]{64}", row.sha256) and row.sha256 != src.sha256  # the refused download's
        assert row.sha256[:12] in row.message
    assert reference.main(["--dest", str(dest), "--base-url", base_url + "/corrupt"]) == 1


def test_missing_upstream_file_is_a_failed_row_with_the_http_status(server, tmp_path):
    base_url, _ = server
    dest = tmp_path / "external"
    summary = reference.fetch_reference(dest, base_url=base_url + "/moved", timeout=10)
    assert summary["status"].tolist() == ["failed"] * 3 and not summary["available"].any()
    for message in summary["message"]:
        assert "answered HTTP 404" in message and "Copy the file by hand" in message
    assert list(dest.iterdir()) == []


def test_accept_new_keeps_the_download_and_records_its_checksum(server, tmp_path):
    base_url, _ = server
    dest = tmp_path / "external"
    accepted = reference.fetch_reference(dest, base_url=base_url + "/corrupt", timeout=10, accept_new=True)
    assert accepted["status"].tolist() == ["accepted"] * 3
    local = (dest / reference.LOCAL_CHECKSUMS).read_text(encoding="utf-8")
    for row in accepted.itertuples():
        assert _sha256(dest / row.name) == row.sha256 and row.sha256 in local
    # from now on the accepted version counts as verified
    assert reference.fetch_reference(dest, base_url=base_url, timeout=10)["status"].tolist() == ["present"] * 3
    # the command line: a fresh folder, --accept-new keeps a download that matches the recorded checksum as is
    fresh = tmp_path / "fresh"
    assert reference.main(["--dest", str(fresh), "--base-url", base_url, "--accept-new"]) == 0
    assert not (fresh / reference.LOCAL_CHECKSUMS).exists()
    assert sorted(p.name for p in fresh.iterdir()) == sorted(NAMES)


def test_file_present_with_another_checksum_is_left_untouched(server, tmp_path):
    base_url, _ = server
    dest = tmp_path / "external"
    dest.mkdir()
    name = NAMES[0]
    (dest / name).write_bytes(b"[]\n")
    summary = reference.fetch_reference(dest, base_url=base_url, timeout=10).set_index("name")
    assert summary.loc[name, "status"] == "present-unverified"
    assert "ACCEPT_NEW=1" in summary.loc[name, "message"]
    assert (dest / name).read_bytes() == b"[]\n"


def test_offline_gives_a_clear_message_and_no_crash(tmp_path, capsys):
    base_url = f"http://127.0.0.1:{_free_port()}"  # nothing listens there
    dest = tmp_path / "external"
    summary = reference.fetch_reference(dest, base_url=base_url, timeout=5)
    assert summary["status"].tolist() == ["offline"] * 3
    for row in summary.itertuples():
        assert row.url.startswith(base_url) and row.url in row.message
        assert "make reference" in row.message and "copy the file by hand" in row.message
    assert list(dest.iterdir()) == []
    assert reference.main(["--dest", str(dest), "--base-url", base_url, "--timeout", "5"]) == 1
    out = capsys.readouterr()
    assert sum(line.startswith("offline ") for line in out.out.splitlines()) == 3
    assert "3 reference file(s) missing" in out.err
    assert f"copy the file by hand into {dest}/{NAMES[0]}" in out.out, "messages name the folder the user gave"


def test_reference_path_reads_the_shipped_copy_or_the_path_given(tmp_path):
    for name in NAMES:
        assert reference.reference_path(name) == SHIPPED / name
        sentence = reference.how_to_get(name)
        assert "make reference" in sentence and "data/external" in sentence and "https://" in sentence
    mine = tmp_path / "my_series.json"
    mine.write_text("[]", encoding="utf-8")
    assert reference.reference_path(NAMES[0], mine) == mine
    with pytest.raises(FileNotFoundError, match="no file at /nonexistent/series.json"):
        reference.reference_path(NAMES[0], "/nonexistent/series.json")
    with pytest.raises(ValueError, match="unknown reference file"):
        reference.reference_path("no_such_file.csv")


def test_nothing_reads_the_developers_shared_folder_by_default():
    """A user's clone has no ../shared: package code and notebooks neither read it nor send the user there."""
    mention = re.compile(r"\bSHARED\b|\.\./shared")
    files = [p for p in sorted((paths.ROOT / "src" / "helpers").rglob("*.py")) if p.name != "paths.py"]
    files += sorted(paths.NOTEBOOKS.glob("*.py"))
    offenders = [paths.display_path(p) for p in files if mention.search(p.read_text(encoding="utf-8"))]
    assert offenders == [], f"these name ../shared: {offenders}"
