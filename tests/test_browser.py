"""JupyterLab in a real browser: every notebook runs top to bottom in JupyterLab driven by headless Chromium.

The test starts JupyterLab on 127.0.0.1 (a free port, a random token, settings/runtime/config folders in a
temporary directory, autosave off), opens each ``notebooks/NN-*.ipynb`` with ``?reset``, clears the stored
outputs and runs all cells from the Run menu, waits for the kernel to be idle, checks that every code cell ran
and no cell shows an error, saves a full-page screenshot to ``reports/screenshots/NN-name.png``, closes the
notebook discarding changes, and finally stops the server by its PID. The committed notebooks must be unchanged.
It also screenshots ``reports/index.html`` (when ``make report`` wrote it) opened from the file system.

Chromium is Debian's package (``/usr/bin/chromium``); Playwright never downloads a browser. Locally the test
skips when Chromium is absent; in CI it fails instead (``.ci/run`` installs it).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from _browser import chromium_path, launch
from helpers import paths

pytestmark = pytest.mark.browser

BOOKS = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
SCREENSHOTS = paths.REPORTS / "screenshots"
RUN_TIMEOUT_S = float(os.environ.get("HELPERS_BROWSER_TIMEOUT", "240"))  # per notebook
MAX_SHOT_HEIGHT = 16000  # Chromium's largest screenshot texture

# user settings for the test's JupyterLab (a temporary settings folder; the user's own are never touched)
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none", "kernelShutdown": True,
                                                                   "autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True},
}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _digests() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths.NOTEBOOKS.glob("*.ipynb"))}


def _git_clean(folder: str) -> bool | None:
    try:
        result = subprocess.run(["git", "diff", "--quiet", "--", folder], cwd=paths.ROOT, capture_output=True)
    except FileNotFoundError:
        return None
    return {0: True, 1: False}.get(result.returncode)


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server (and its kernels) by PID: SIGTERM, then SIGKILL."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
        return
    except subprocess.TimeoutExpired:
        pass
    proc.kill()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    chromium_path()  # skip (or fail in CI) before starting anything
    if not BOOKS:
        pytest.skip("no notebooks")
    home = tmp_path_factory.mktemp("jupyter")
    settings = home / "lab-settings"
    for name, values in LAB_SETTINGS.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")
    # server config in the temporary config folder: checkpoints outside the repository (JupyterLab creates one
    # when it opens a notebook), and every save refused, so the committed notebooks cannot change
    config = home / "config"
    config.mkdir()
    (config / "jupyter_server_config.py").write_text(
        "from tornado.web import HTTPError\n"
        f"c.FileCheckpoints.checkpoint_dir = {str(home / 'checkpoints')!r}\n"
        "def _refuse_save(model=None, path=None, contents_manager=None, **kwargs):\n"
        "    raise HTTPError(403, f'the browser test never saves ({path})')\n"
        "c.ContentsManager.pre_save_hook = _refuse_save\n", encoding="utf-8")
    env = dict(os.environ)
    env.update({
        "HELPERS_PROGRESS": "0", "PYTHONHASHSEED": "0", "TQDM_DISABLE": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_DATA_DIR": str(home / "data"), "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"), "IPYTHONDIR": str(home / "ipython"),
        "JUPYTER_PLATFORM_DIRS": "1",
    })
    env.pop("MPLBACKEND", None)  # papermill runs in this process set a backend; JupyterLab uses the inline one
    port, token = _free_port(), secrets.token_hex(16)
    log = open(home / "server.log", "w+b")
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("jupyter")), "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
         f"--port={port}", "--port-retries=0", f"--ServerApp.token={token}", f"--ServerApp.root_dir={paths.ROOT}",
         "--ServerApp.terminals_enabled=False", f"--LabServerApp.user_settings_dir={settings}",
         f"--LabServerApp.workspaces_dir={home / 'workspaces'}",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=paths.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"JupyterLab exited ({proc.returncode}):\n{log.read().decode(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("JupyterLab did not answer within 90 s")
            time.sleep(0.3)
        yield {"base": base, "token": token, "proc": proc, "log": home / "server.log", "home": home}
    finally:
        _stop(proc)
        log.close()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = launch(pw)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def untouched():
    """Digests of the notebooks (and whether git saw them clean) before any browser run."""
    return {"digests": _digests(), "git_clean": _git_clean("notebooks/"),
            "had_checkpoints": (paths.NOTEBOOKS / ".ipynb_checkpoints").exists()}


_PROMPTS_JS = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')).map(e => e.textContent.trim())"""
_STATUS_JS = """() => {
    const el = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');
    return el ? el.getAttribute('data-status') : null; }"""


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{menu}$")).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$")).first.click()


def _kernel_state(lab, book: Path, wait: float = 30) -> str | None:
    """The execution state the server reports for the notebook's kernel (waits for it to settle)."""
    deadline, state = time.monotonic() + wait, None
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{lab['base']}/api/sessions?token={lab['token']}", timeout=5) as response:
            sessions = json.load(response)
        states = [s["kernel"]["execution_state"] for s in sessions
                  if s.get("path", "").endswith(f"notebooks/{book.name}") and s.get("kernel")]
        state = states[0] if states else None
        if state == "idle":
            return state
        time.sleep(0.5)
    return state


def _accept_kernel_dialog(page) -> None:
    """If JupyterLab asks which kernel to start, take the notebook's own (the default button)."""
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    if dialog.count():
        dialog.locator("button.jp-mod-accept").first.click()


def _wait_idle(page, seconds: float, started: bool = True) -> tuple[list[str], str | None]:
    deadline = time.monotonic() + seconds
    while True:
        prompts, status = page.evaluate(_PROMPTS_JS), page.evaluate(_STATUS_JS)
        busy = any("*" in p for p in prompts)
        if status == "idle" and not busy and started:
            return prompts, status
        if any("*" in p or re.search(r"\d", p) for p in prompts):
            started = True
        if time.monotonic() > deadline:
            return prompts, status
        page.wait_for_timeout(250)


@pytest.mark.parametrize("book", BOOKS, ids=[b.stem for b in BOOKS])
def test_notebook_runs_in_jupyterlab(lab, browser, untouched, book):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    started = time.monotonic()
    try:
        page.goto(f"{lab['base']}/lab/tree/notebooks/{book.name}?reset&token={lab['token']}")
        n_cells = len(nbformat.read(book, as_version=4).cells)
        page.wait_for_function(f"""() => document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell').length >= {n_cells}""", timeout=60_000)
        _accept_kernel_dialog(page)
        prompts, status = _wait_idle(page, 60)  # the kernel starts
        assert status == "idle", f"{book.name}: kernel not idle after opening (status {status!r})"
        assert _kernel_state(lab, book) == "idle", f"{book.name}: no idle kernel session on the server"
        # clear the stored outputs so that what the screenshot shows was produced in this browser session
        _menu(page, "Edit", "Clear Outputs of All Cells")
        page.wait_for_function("""() => document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output').length === 0""", timeout=10_000)
        _menu(page, "Run", "Run All Cells")
        _accept_kernel_dialog(page)
        prompts, status = _wait_idle(page, RUN_TIMEOUT_S, started=False)
        # full-page screenshot, taken before the checks so that a failure can be looked at: grow the viewport to
        # the notebook's height (JupyterLab scrolls inside a panel, so full_page alone shows one screen)
        height = page.evaluate("""() => {
            const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')
                || document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
            return nb ? nb.scrollHeight : 1000; }""")
        page.set_viewport_size({"width": 1400, "height": int(min(MAX_SHOT_HEIGHT, height + 220))})
        page.wait_for_timeout(300)
        page.evaluate("""() => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')
            .forEach(e => { e.scrollTop = 0; })""")  # Run All leaves the last cell in view
        page.wait_for_timeout(500)
        page.screenshot(path=str(SCREENSHOTS / f"{book.stem}.png"), full_page=True)
        page.set_viewport_size({"width": 1400, "height": 1000})
        assert status == "idle" and not any("*" in p for p in prompts), (
            f"{book.name}: still running after {RUN_TIMEOUT_S:.0f} s (status {status!r}, prompts {prompts})")
        assert _kernel_state(lab, book) == "idle", f"{book.name}: the kernel did not end idle"
        errors = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
            .map(e => e.textContent).filter(t => /Traceback|^\\w+(Error|Exception):/m.test(t))""")
        assert not errors, f"{book.name}: a cell shows an error:\n" + "\n---\n".join(e[-1500:] for e in errors)
        unrun = [i for i, p in enumerate(prompts) if not re.search(r"\[\d+\]", p)]
        assert not unrun, f"{book.name}: code cells {unrun} did not run (prompts {prompts})"
        numbers = [int(re.search(r"\d+", p).group()) for p in prompts]
        assert numbers == sorted(numbers), f"{book.name}: cells ran out of order {numbers}"
        images = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedImage img").count()
        if '"image/png"' in book.read_text(encoding="utf-8"):
            assert images > 0, f"{book.name}: the stored notebook has figures but none rendered in JupyterLab"
        # close without saving: File > Close Tab, then Discard in the "save your work" dialog
        _menu(page, "File", "Close Tab")
        discard = page.locator(".jp-Dialog button", has_text=re.compile("Discard|Don.t Save", re.I))
        try:
            discard.first.click(timeout=5_000)
        except Exception:  # no dialog: nothing was modified
            pass
        page.wait_for_function("""() => !document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')""",
                               timeout=10_000)
    finally:
        context.close()
    assert not dialogs, f"{book.name}: browser dialogs {dialogs}"
    after = hashlib.sha256(book.read_bytes()).hexdigest()
    assert after == untouched["digests"][book.name], f"{book.name} was modified by the browser session"
    print(f"{book.name}: ran in JupyterLab in {time.monotonic() - started:.1f} s")


def test_report_index_in_chromium(browser):
    index = paths.REPORTS / "index.html"
    if not index.exists():
        pytest.skip("reports/index.html does not exist (run `make report` first)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(index.as_uri())
        page.wait_for_load_state("load")
        assert page.locator("#findings").count() == 1
        broken = page.evaluate("""() => Array.from(document.images)
            .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'))""")
        assert not broken, f"gallery images that do not load: {broken}"
        page.screenshot(path=str(SCREENSHOTS / "index.png"), full_page=True)
    finally:
        page.close()
    remote = [u for u in requests if not u.startswith(("file:", "data:", "about:"))]
    assert not remote, f"the report fetched from the network: {remote}"


def test_server_stopped_and_notebooks_unchanged(lab, untouched, request):
    """Runs last in this module: stop the server by PID now, then check nothing in notebooks/ changed."""
    probe = paths.NOTEBOOKS / "zz-save-probe.ipynb"
    body = json.dumps({"type": "notebook", "format": "json", "content": {
        "cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}}).encode()
    save = urllib.request.Request(f"{lab['base']}/api/contents/notebooks/{probe.name}?token={lab['token']}",
                                  data=body, method="PUT", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(save, timeout=10) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    finally:
        written = probe.exists()
        probe.unlink(missing_ok=True)
    assert status in (403, 500) and not written, f"the test server accepted a save (HTTP {status})"
    assert "the browser test never saves" in lab["log"].read_text(errors="replace"), "save refused for another reason"
    _stop(lab["proc"])
    assert lab["proc"].poll() is not None, "the JupyterLab server is still running"
    assert _digests() == untouched["digests"], "the browser session changed a notebook"
    assert any((lab["home"] / "checkpoints").glob("*.ipynb")), (
        "the server config (checkpoints outside the repo, saves refused) was not loaded")
    assert not (paths.NOTEBOOKS / ".ipynb_checkpoints").exists() or untouched["had_checkpoints"], (
        "JupyterLab wrote a checkpoint folder into notebooks/")
    if untouched["git_clean"]:
        assert _git_clean("notebooks/") is True, "`git diff --quiet notebooks/` fails after the browser run"
