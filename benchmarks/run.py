"""Benchmark every helpers stage on the real corpus and on scaled corpora: time, peak memory, scaling.

    python -m benchmarks.run [--dask] [--sizes 1000,10000,100000] [--quick] [--jobs N] [--no-real]

(``make bench`` runs it; ``make bench DASK=1`` adds ``--dask``.)

Corpora: the real 12,293-article corpus ``../shared/corpora/ukraine_media_2022.csv.gz`` (label ``real``) and scaled
corpora of ``--sizes`` articles (label ``scaled-N``) written as CSV.GZ into ``benchmarks/out/`` (gitignored), so
that the load stage is measured from a file. A scaled article is *spliced* from two articles drawn at random
(seeded) from the real corpus: the first half of one (up to a sentence end) followed by the second half of
another. Article lengths, vocabulary and furniture keep the real corpus's distribution, but the copies are not
exact duplicates of each other (plain resampling with replacement would make 88 % of a 100,000-article corpus
exact duplicates, which the loader sets aside cheaply, and would understate the cost per article).

Each corpus runs in a fresh subprocess (``--worker``) so that peak memory is that corpus's own: a sampling
thread adds up the memory of the process and all its children (worker processes, Dask workers) every 100 ms, and
each stage reports the peak seen while it ran. On Linux the sum is of PSS (proportional set size), so the pages
forked workers share with the parent count once; a plain RSS sum would count them in every worker.

Stages: ``floor`` (read the file with pandas and split every text with one regex: the least any pipeline must
do), ``load`` (``load_corpus``: parse, clean, count words, flag duplicates, infer missing dates), then the stages of
``helpers.stages`` whose module exists (sentences, claims, dates, sentiment, framing, tfidf, topics). ``total`` is
the sum of the pipeline stages (``floor`` and ``cluster`` excluded) and the peak over them.

Repeated sentences: ``sentiment`` scores each distinct sentence once (syndicated copy is common in news). The
real corpus repeats few sentences (250,890 distinct of 266,668), but a resampled corpus repeats many (the
100,000-article one: 286,738 distinct of 2,159,255), so its ``sentiment`` row understates what a real corpus of
that size costs. ``sentiment-every`` scores every sentence anew (``score_sentences(dedupe=False)``, on all cores):
the cost when no sentence repeats. It is reported beside ``sentiment`` and is not part of ``total``; the summary
prints the total with it in place of ``sentiment``.

Writes ``benchmarks/results.csv`` (``corpus, articles, stage, seconds, peak_rss_mb``; ``results-dask.csv`` with
``--dask``), ``results-detail.csv`` (the same plus ``cpu_seconds``, ``load_average`` and ``start_rss_mb``, the
memory held when the stage began; CPU seconds are those of the process, its worker processes and, with
``--dask``, the Dask workers: on a shared machine they show the work done when wall-clock seconds include waiting
for other programs), the figure ``benchmarks/bench-scaling.png`` (log-log seconds against articles per stage, with
the fitted exponent ``k`` of ``seconds ~ articles^k`` in the legend, and peak memory), and prints a summary table.
Skips with a message when ``../shared`` is absent. Timings depend on the machine and on what else runs on it: the
load average at the start of each corpus is printed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
REAL = paths.SHARED / "corpora" / "ukraine_media_2022.csv.gz"
RESULT_COLUMNS = ["corpus", "articles", "stage", "seconds", "peak_rss_mb"]
#: extra columns of results-detail.csv: CPU seconds of the process, its reaped children (worker processes) and,
#: with --dask, the Dask workers (asked at the start and end of each stage), and the
#: 1-minute load average when the stage started (above the core count, other programs were competing)
#: and the memory already held when the stage started (what earlier stages left behind), in MB
DETAIL_COLUMNS = ["cpu_seconds", "load_average", "start_rss_mb"]
DEFAULT_SIZES = (1000, 10000, 100000)
SCALE_VERSION = 1  # bump when the way scaled corpora are built changes (their file names carry it)
SEED = 0
#: stages reported but not summed into ``total``: the floor, starting a Dask cluster, and sentiment with every
#: sentence scored anew (an upper bound beside the pipeline's own ``sentiment``; see the module doc)
NOT_IN_TOTAL = {"floor", "cluster", "sentiment-every"}


# ---------------------------------------------------------------------------------------------------------------
# memory


class PeakRSS:
    """Samples the memory (PSS, else RSS) of this process plus its children every ``interval`` seconds."""

    def __init__(self, interval: float = 0.1):
        import psutil

        self._proc = psutil.Process()
        self._interval = interval
        self._peak = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    @staticmethod
    def _memory(proc) -> int:
        """PSS where the system reports it (Linux): a page shared by the parent and its forked workers counts
        once, split between them; RSS elsewhere (then shared pages count in every process)."""
        try:
            return proc.memory_full_info().pss
        except Exception:
            return proc.memory_info().rss

    def current(self) -> int:
        total = 0
        try:
            total = self._memory(self._proc)
            for child in self._proc.children(recursive=True):
                try:
                    total += self._memory(child)
                except Exception:  # a worker that just exited
                    pass
        except Exception:
            pass
        return total

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            value = self.current()
            with self._lock:
                self._peak = max(self._peak, value)

    def start(self) -> "PeakRSS":
        self._thread.start()
        return self

    def reset(self) -> None:
        with self._lock:
            self._peak = self.current()

    def peak(self) -> int:
        with self._lock:
            return max(self._peak, self.current())

    def stop(self) -> None:
        self._stop.set()


# ---------------------------------------------------------------------------------------------------------------
# scaled corpora


def _halves(text: str) -> tuple[str, str]:
    """Split at the first sentence end (else space) after the middle: ``(head, tail)``."""
    middle = len(text) // 2
    cut = text.find(". ", middle)
    if cut < 0:
        cut = text.find(" ", middle)
    if cut < 0:
        return text, ""
    return text[: cut + 1], text[cut + 1:]


def build_scaled(n: int, seed: int = SEED) -> Path:
    """A corpus of ``n`` spliced articles (see the module doc) as CSV.GZ under ``benchmarks/out`` (cached)."""
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"scaled-{n}-v{SCALE_VERSION}-seed{seed}.csv.gz"
    if target.exists():
        return target
    real = pd.read_csv(REAL, dtype=str, keep_default_na=False)
    rng = np.random.default_rng([seed, n])
    first = rng.integers(0, len(real), size=n)
    second = rng.integers(0, len(real), size=n)
    halves = [_halves(t) for t in real["text"]]
    frame = real.iloc[first].reset_index(drop=True)
    frame["text"] = [halves[i][0] + halves[j][1] for i, j in zip(first, second)]
    frame["origin_file"] = [f"scaled:{i}+{j}" for i, j in zip(first, second)]
    tmp = target.with_suffix(".tmp")
    frame.to_csv(tmp, index=False, compression={"method": "gzip", "compresslevel": 1})
    tmp.rename(target)
    return target


# ---------------------------------------------------------------------------------------------------------------
# one corpus, in a fresh process


def _process_cpu_seconds() -> float:
    """User plus system CPU seconds of the calling process (run on each Dask worker)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _worker(corpus_path: Path, label: str, out_json: Path, use_dask: bool) -> None:
    os.environ.setdefault("HELPERS_PROGRESS", "0")
    from helpers.corpus import load_corpus
    from helpers.stages import STAGES, run_stage, stage_input

    rss = PeakRSS().start()
    rows: list[dict] = []
    n_articles = [0]

    client = None

    def cpu_seconds() -> float:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        total = _process_cpu_seconds() + children.ru_utime + children.ru_stime
        if client is not None:  # Dask workers are not reaped children: ask each for its own CPU time
            total += sum(client.run(_process_cpu_seconds).values())
        return total

    @contextmanager
    def measure(stage_name: str):
        gc.collect()
        rss.reset()
        start_mb = rss.current() / 2**20
        load = os.getloadavg()[0]
        start, cpu_start = time.perf_counter(), cpu_seconds()
        yield
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu_start
        rows.append({"stage": stage_name, "seconds": seconds, "peak_rss_mb": rss.peak() / 2**20,
                     "cpu_seconds": cpu, "load_average": load, "start_rss_mb": start_mb})
        print(f"  {label:>14}  {stage_name:<10} {seconds:8.2f} s  {rss.peak() / 2**20:8.0f} MB "
              f"(from {start_mb:6.0f})  "
              f"cpu {cpu:8.2f} s  (load average {load:.1f})", flush=True)

    word = re.compile(r"\w+")
    with measure("floor"):
        frame = pd.read_csv(corpus_path, dtype=str, keep_default_na=False)
        n_tokens = sum(len(word.findall(t)) for t in frame["text"])
    del frame

    if use_dask:
        from helpers import distributed

        with measure("cluster"):  # client is still None here: the cluster row counts this process only
            started = distributed.get_client()
        client = started

    with measure("load"):
        articles, _report = load_corpus(corpus_path)
    n_articles[0] = len(articles)

    sentence_frame = tfidf_result = None
    names = list(STAGES)
    for name in names:
        if STAGES[name].input == "sentences" and sentence_frame is None:
            continue
        try:
            with measure(name):
                if client is not None:
                    from helpers import distributed

                    result = distributed.run_stage(name, articles, sentence_frame, client=client,
                                                   tfidf_result=tfidf_result)
                else:
                    result = run_stage(name, articles, sentence_frame, tfidf_result=tfidf_result)
        except Exception as exc:  # a module still being written must not stop the benchmark of the others
            print(f"  {label:>14}  {name:<10} FAILED ({type(exc).__name__}: {exc}); stage left out", flush=True)
            continue
        if name == "sentences":
            sentence_frame = result
        elif name == "tfidf":
            tfidf_result = result  # topics reuses the matrix, as notebook 02 does
        del result
        if name == "sentiment" and client is None:  # the upper bound (see the module doc); not on Dask
            from helpers.parallel import map_articles
            from helpers.stages import sentiment_every

            with measure("sentiment-every"):
                map_articles(sentiment_every, sentence_frame)
        later = {STAGES[n].input for n in names[names.index(name) + 1:]}
        if "sentences" not in later:  # a pipeline keeps an intermediate table only while a later stage needs it
            sentence_frame = None
        if "tfidf" not in later:
            tfidf_result = None
    if client is not None:
        from helpers import distributed

        distributed.close_client(client)
    rss.stop()
    out_json.write_text(json.dumps({"articles": n_articles[0], "tokens": n_tokens, "rows": rows}))


def run_corpus(label: str, path: Path, use_dask: bool, jobs: int | None) -> list[dict]:
    """Benchmark one corpus in a subprocess; return its result rows (with ``total``)."""
    OUT.mkdir(parents=True, exist_ok=True)
    out_json = OUT / f"result-{label}{'-dask' if use_dask else ''}.json"
    out_json.unlink(missing_ok=True)
    env = dict(os.environ, HELPERS_PROGRESS="0", PYTHONHASHSEED=os.environ.get("PYTHONHASHSEED", "0"))
    if jobs:
        env["HELPERS_JOBS"] = str(jobs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{label}: {paths.display_path(path)} (load average {load:.1f} on {os.cpu_count()} cores)", flush=True)
    command = [sys.executable, "-m", "benchmarks.run", "--worker", str(path), "--label", label, "--json", str(out_json)]
    if use_dask:
        command.append("--dask")
    subprocess.run(command, check=True, env=env, cwd=paths.ROOT)
    data = json.loads(out_json.read_text())
    rows = [{"corpus": label, "articles": data["articles"], **r} for r in data["rows"]]
    pipeline = [r for r in rows if r["stage"] not in NOT_IN_TOTAL]
    rows.append({"corpus": label, "articles": data["articles"], "stage": "total",
                 "seconds": sum(r["seconds"] for r in pipeline),
                 "peak_rss_mb": max(r["peak_rss_mb"] for r in pipeline),
                 "cpu_seconds": sum(r.get("cpu_seconds", np.nan) for r in pipeline),
                 "load_average": max(r.get("load_average", np.nan) for r in pipeline),
                 "start_rss_mb": pipeline[0].get("start_rss_mb", np.nan)})
    return rows


# ---------------------------------------------------------------------------------------------------------------
# outputs


#: the targets of issue 7 on a 2-core machine, drawn on the figure
TARGET_REAL_SECONDS = 60
TARGET_100K_SECONDS = 8 * 60
TARGET_100K_MB = 4 * 1024
TARGET_COLOUR = "#A50026"  # none of the stages' colours


def exponents(results: pd.DataFrame) -> dict[str, float]:
    """Fitted ``k`` in ``seconds ~ articles^k`` per stage: least squares on log-log over the scaled corpora (built
    the same way, so only their size differs); over all corpora when fewer than two scaled sizes were run."""
    out = {}
    scaled = results[results["corpus"].astype(str).str.startswith("scaled-")]
    base = scaled if scaled["articles"].nunique() >= 2 else results
    for stage_name, group in base.groupby("stage", sort=False):
        group = group[(group["seconds"] > 0) & (group["articles"] > 0)]
        if group["articles"].nunique() >= 2:
            slope, _ = np.polyfit(np.log(group["articles"]), np.log(group["seconds"]), 1)
            out[stage_name] = float(slope)
    return out


def _stage_styles(stage_names: list[str]) -> dict[str, dict]:
    """One look per stage: the house palette in pipeline order (dash-dot once it wraps), the floor grey and
    dashed, the total black and thick, ``sentiment-every`` in sentiment's colour, dotted."""
    from helpers.figures import PALETTE

    colours = [c for c in PALETTE if c != "#000000"]
    markers = "osD^v<>phX"
    styles, i = {}, 0
    for name in stage_names:
        if name == "total":
            styles[name] = dict(color="black", lw=2.6, marker="*", ms=7)
        elif name in ("floor", "cluster"):
            styles[name] = dict(color="grey", lw=1.2, ls="--", marker="." if name == "floor" else "x", ms=6)
        elif name == "sentiment-every" and "sentiment" in styles:
            styles[name] = dict(styles["sentiment"], ls=":", marker="<")
        else:
            styles[name] = dict(color=colours[i % len(colours)], lw=1.4, ls="-" if i < len(colours) else "-.",
                                marker=markers[i % len(markers)], ms=4)
            i += 1
    return styles


def write_figure(results: pd.DataFrame, name: str, engine: str = "one process per core") -> None:
    """Two panels: seconds per stage against articles (log-log; scaled corpora as lines, the real corpus as hollow
    markers) with the time targets, and the pipeline's peak memory against articles with the 4 GB target."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers.figures import use_house_style, save_figure

    use_house_style()
    k = exponents(results)
    stage_names = list(dict.fromkeys(results["stage"]))
    styles = _stage_styles(stage_names)
    is_real = results["corpus"] == "real"
    fig, (ax, ax_mem) = plt.subplots(1, 2, figsize=(12, 5.2), gridspec_kw=dict(width_ratios=[1.6, 1]))
    for stage_name in stage_names:
        style = styles[stage_name]
        rows = results[(results["stage"] == stage_name) & ~is_real].sort_values("articles")
        label = f"{stage_name} (k = {round(k[stage_name], 2) + 0.0:.2f})" if stage_name in k else stage_name  # no -0.00
        ax.plot(rows["articles"], rows["seconds"], label=label, **style)
        real = results[(results["stage"] == stage_name) & is_real]
        if len(real):
            ax.plot(real["articles"], real["seconds"], ls="none", marker=style.get("marker", "o"),
                    ms=style.get("ms", 4) + 3, mfc="white", mec=style["color"], mew=1.2)
    real_articles = results.loc[is_real, "articles"]
    if len(real_articles):
        ax.plot([], [], ls="none", marker="o", ms=7, mfc="white", mec="black", label="real corpus (hollow)")
    targets = [(float(real_articles.iloc[0]), TARGET_REAL_SECONDS, "target 60 s")] if len(real_articles) else []
    if (results["articles"] == 100_000).any():
        targets.append((100_000.0, TARGET_100K_SECONDS, "target 8 min"))
    for x, y, text in targets:
        ax.plot(x, y, ls="none", marker="_", ms=18, mew=2.2, color=TARGET_COLOUR)
        ax.annotate(text, (x, y), xytext=(0, 6), textcoords="offset points", ha="center", fontsize=8,
                    color=TARGET_COLOUR)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("articles (log scale)")
    ax.set_ylabel("seconds, wall clock (log scale)")
    ax.set_title(f"Time per stage against corpus size ({engine})")
    ax.legend(loc="upper left", bbox_to_anchor=(1.04, 1.0), title="stage (fitted exponent k)", fontsize=8,
              title_fontsize=9)

    total = results[results["stage"] == "total"].sort_values("articles")
    scaled_total = total[~(total["corpus"] == "real")]
    ax_mem.plot(scaled_total["articles"], scaled_total["peak_rss_mb"] / 1024, color="black", lw=2, marker="*", ms=7,
                label="resampled corpora")
    real_total = total[total["corpus"] == "real"]
    ax_mem.plot(real_total["articles"], real_total["peak_rss_mb"] / 1024, ls="none", marker="*", ms=10,
                mfc="white", mec="black", label="real corpus")
    ax_mem.axhline(TARGET_100K_MB / 1024, color=TARGET_COLOUR, lw=1.5, ls="--")
    ax_mem.annotate("target at 100,000 articles: 4 GB", (1.0, TARGET_100K_MB / 1024),
                    xycoords=("axes fraction", "data"), xytext=(0, 5), textcoords="offset points", ha="right",
                    fontsize=8, color=TARGET_COLOUR)
    ax_mem.set_xscale("log")
    ax_mem.set_ylim(0, max(TARGET_100K_MB / 1024, float(total["peak_rss_mb"].max()) / 1024) * 1.15)
    ax_mem.set_xlabel("articles (log scale)")
    ax_mem.set_ylabel("peak memory, GB (PSS of all processes)")
    ax_mem.set_title("Peak memory")
    ax_mem.legend(loc="center left")
    fig.subplots_adjust(wspace=0.75)
    save_figure(
        fig, name,
        caption="Left: wall-clock seconds of each helpers stage against the number of articles (log-log) on spliced "
                "resamples of the 12,293-article corpus (lines) and on the real corpus itself (hollow markers); k is "
                "the exponent of seconds ~ articles^k fitted over the resamples (1 is linear; topics is sublinear "
                "because NMF fits a 20,000-document sample above that size). Red dashes: the targets for the "
                "whole pipeline. Right: the peak memory of the pipeline (this process and its workers, PSS).",
        data=results, source="benchmarks/run.py on ukraine_media_2022 (15 outlets, 2022) and scaled resamples; "
                             f"{os.cpu_count()} cores",
        out_dir=HERE, notebook="",
    )
    plt.close(fig)


def summary(results: pd.DataFrame) -> str:
    order = list(dict.fromkeys(results["stage"]))
    corpora = list(dict.fromkeys(results["corpus"]))
    seconds = results.pivot(index="stage", columns="corpus", values="seconds").reindex(index=order, columns=corpora)
    memory = results.pivot(index="stage", columns="corpus", values="peak_rss_mb").reindex(index=order, columns=corpora)
    k = exponents(results)
    table = seconds.map(lambda v: "" if pd.isna(v) else f"{v:.2f}")
    table.columns = [f"{c} s" for c in table.columns]
    for c in corpora:
        table[f"{c} MB"] = memory[c].map(lambda v: "" if pd.isna(v) else f"{v:.0f}")
    table["k"] = [f"{k[s]:.2f}" if s in k else "" for s in order]
    articles = results.drop_duplicates("corpus").set_index("corpus")["articles"]
    header = "articles: " + ", ".join(f"{c} = {int(articles[c]):,}" for c in corpora)
    footer = ""
    if {"sentiment", "sentiment-every", "total"} <= set(order):
        worst = seconds.loc["total"] - seconds.loc["sentiment"] + seconds.loc["sentiment-every"]
        footer = "\ntotal with sentiment-every in place of sentiment (no sentence repeats): " + ", ".join(
            f"{c} {worst[c]:.1f} s" for c in corpora if not pd.isna(worst[c]))
    return header + "\n" + table.to_string() + footer


def _ordered(rows: list[dict]) -> list[dict]:
    """The real corpus first, then scaled corpora by size; stages in the order they ran."""
    def key(row):
        return (row["corpus"] != "real", row["articles"] if row["corpus"] != "real" else 0)
    return sorted(rows, key=key)  # stable: stage order within a corpus is kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dask", action="store_true", help="run the per-article stages on Dask (helpers.distributed)")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="scaled corpus sizes, comma-separated (default 1000,10000,100000; '' for none)")
    parser.add_argument("--quick", action="store_true",
                        help="only the 1,000-article corpus; results go to benchmarks/out/, not benchmarks/")
    parser.add_argument("--no-real", action="store_true", help="skip the real corpus")
    parser.add_argument("--merge", action="store_true",
                        help="keep the rows of corpora not run this time from the existing results files")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default HELPERS_JOBS or all cores)")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--label", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        _worker(args.worker, args.label, args.json, args.dask)
        return 0
    if not REAL.exists():
        print(f"benchmark skipped: {paths.display_path(REAL)} is absent (the benchmark needs ../shared beside the "
              "project; nothing was measured)")
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.quick:
        sizes, args.no_real = [1000], True
    corpora: list[tuple[str, Path]] = [] if args.no_real else [("real", REAL)]
    corpora += [(f"scaled-{n}", build_scaled(n)) for n in sizes]

    suffix = "-dask" if args.dask else ""
    target_dir = OUT if args.quick else HERE
    results_path = target_dir / f"results{suffix}.csv"
    rows: list[dict] = []
    detail_path = results_path.with_name(results_path.stem + "-detail.csv")
    kept: list[dict] = []
    if args.merge and detail_path.exists():
        labels = {label for label, _ in corpora}
        previous = pd.read_csv(detail_path)
        kept = previous[~previous["corpus"].isin(labels)].to_dict("records")
    new_rows: list[dict] = []
    for label, path in corpora:
        new_rows.extend(run_corpus(label, path, args.dask, args.jobs))
        rows = _ordered(kept + new_rows)
        results = pd.DataFrame(rows, columns=RESULT_COLUMNS)
        results = results.round({"seconds": 3, "peak_rss_mb": 1})
        results.to_csv(results_path, index=False, lineterminator="\n")  # after every corpus: partial runs count
        detail = pd.DataFrame(rows, columns=RESULT_COLUMNS + DETAIL_COLUMNS).round(3)
        detail.to_csv(detail_path, index=False, lineterminator="\n")
    results = pd.DataFrame(rows, columns=RESULT_COLUMNS).round({"seconds": 3, "peak_rss_mb": 1})
    if not args.quick and results["corpus"].nunique() >= 2:
        engine = "Dask, one worker per core" if args.dask else "one process per core"
        write_figure(results, f"bench-scaling{suffix}", engine)
    print()
    print(summary(results))
    print(f"\nwrote {paths.display_path(results_path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
