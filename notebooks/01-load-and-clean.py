# %% [markdown]
# # 01 · Loading and cleaning the corpus
#
# **What this notebook finds** (default corpus: the five seed articles in `data/raw/`, Oct 2022 – Mar 2023)
#
# - All 5 inputs load; none is skipped. Three carry a date header; the two undated ones get a date inferred from
#   cues in their text, with an interval and the quoted evidence: 001 → 4 Jan 2023 (1–6 Jan: "first phone call
#   of the year", "ahead of the Orthodox Christmas", "last month visited"), 003 → 1 Mar 2023 (28 Feb – 7 Mar:
#   "year-long war", "signs law to suspend").
# - Cleaning removes 15 pieces of text: 5 photo captions, 3 lines of a "READ MORE" block, 2 wire sign-offs,
#   1 credit glued to a sentence ("…in Bakhmut.Portal"), 1 repeated lede and the 3 date headers. Every removal is
#   listed below with its offsets and rule, so a reader can check that no real sentence was eaten.
# - The cleaned corpus has 2,268 words in 103 sentences and 80 paragraphs; no article duplicates another.
#
# **How.** `helpers.corpus.load_corpus` reads a folder of `.txt` files (or a CSV/JSONL file), decodes each input,
# reads the optional ` date YYYY-MM-DD ` header, applies the general cleaning rules in `helpers.cleaning` (rules
# and credit lists are data files in `src/helpers/data/`), flags exact and near duplicates (word-trigram Jaccard
# ≥ 0.8), and reports one row per input. `helpers.text` splits the cleaned text into paragraphs and sentences with
# character offsets, which every later notebook uses.
#
# **Limits.** Cleaning recognises furniture by its shape (a line that ends in a photo credit, a related-links
# block, a line that is only a credit); furniture inside a paragraph with no line break, common in scraped CSVs,
# stays in the text. The sentence splitter is rule based and can split after an unlisted abbreviation.
# Inferred dates are estimates with an interval, not publication dates.

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from helpers import conflicts, paths
from helpers.corpus import files_summary, removals
from helpers.dates import timeline
from helpers.figures import PALETTE, save_figure, use_house_style
from helpers.text import paragraph_table, sentence_table
from helpers.study import open_corpus
from helpers.versions import show_versions

use_house_style()
pd.set_option("display.max_colwidth", 90)

# %% tags=["parameters"]
corpus = "data/raw"  # a folder of .txt files, a .txt, a .csv(.gz) or a .jsonl; relative to the project root
output_dir = None  # None: figures in reports/figures, tables in data/processed; else everything under this folder
conflict = "russia-ukraine"  # conflict profile (src/helpers/data/conflicts/): russia-ukraine, israel-gaza, sudan, or a folder
seed = 0  # not used by this notebook's steps (nothing random); kept for a uniform parameter set
max_rows = 25  # rows shown per table (full tables are written to CSV)

# %%
study = open_corpus(corpus, conflict=conflict, sort=False, output_dir=output_dir)
OUT, CORPUS_NAME, articles, report = study.out, study.name, study.articles, study.report
sentences = sentence_table(articles)
paragraphs = paragraph_table(articles)
audit = removals(articles)
assert report["input"].is_unique, "every input appears once in the load report"
assert articles["article_id"].is_unique
print(f"corpus: {CORPUS_NAME}; output: {OUT}")

# %% [markdown]
# ## The conflict profile and the languages of the corpus
#
# Every date, side and timeline in this suite comes from a **conflict profile**
# (`src/helpers/data/conflicts/<name>/`, chosen with the `conflict` parameter or `make report CONFLICT=…`): the
# war's start (war-age cues such as "the year-long war" count from it), the plausible publication window, the
# two sides (the `party` of a casualty figure), who speaks for each (`sides.csv`) and the dated timeline. The
# lexicons read English: articles in another language are counted here and left out, or left empty, by the
# English-only measures, which say so when they run.

# %%
# NBVAL_CHECK_OUTPUT
# Which conflict profile does this study read, and which languages are its articles in?
profile = study.conflict
print(f"conflict profile: {profile.name} ({profile.title}); starts {profile.start:%d %b %Y}; "
      f"articles expected {profile.window[0]:%Y-%m-%d} … {profile.window[1]:%Y-%m-%d}")
print(f"sides: {' | '.join(profile.sides)}; third parties: {', '.join(profile.third_parties) or 'none'}; "
      f"{len(conflicts.sides_table(profile))} names in sides.csv; {len(timeline())} timeline rows")
print("articles per language: " + ", ".join(f"{code} {n:,}" for code, n in study.languages.items()))
print(study.language_notice or "every article is English (or too short to tell): every measure reads it")

# %% [markdown]
# ## The load report: every input, and what happened to it
#
# One row per input (file, or row of a table). `skipped` inputs say why; `loaded_with_warnings` inputs were
# loaded but need a look (a date that could not be read, a file that was not UTF-8, a duplicate).

# %%
# NBVAL_CHECK_OUTPUT
# How many inputs were loaded, loaded with warnings, or skipped?
print(report["status"].value_counts().reindex(["loaded", "loaded_with_warnings", "skipped"], fill_value=0).to_string())

# %%
# NBVAL_CHECK_OUTPUT
# Each input file: its format (and delimiter), the encoding it was read with, what loaded, and its languages
print(files_summary(report).head(max_rows).to_string(index=False))

# %%
report.head(max_rows)

# %% [markdown]
# ## Overview of the articles
#
# `date_source` says where each date comes from: `metadata` (a sidecar), `column` or `header` (the input itself),
# `filename`, `inferred` (from cues in the text, with the interval `date_earliest … date_latest`) or `unknown`.

# %%
overview_columns = ["article_id", "date", "date_source", "date_earliest", "date_latest", "n_words", "outlet", "title"]
overview = articles[[c for c in overview_columns if c in articles]].copy()
overview.head(max_rows)

# %% [markdown]
# Where a date was inferred, these are the phrases it rests on (see `helpers.dates` and the dated-events timeline
# in `src/helpers/data/timeline.csv`).

# %%
if "date_evidence" in articles:
    inferred_rows = articles.loc[articles["date_source"].eq("inferred"), ["article_id", "date", "date_evidence"]]
    print(f"{len(inferred_rows)} article(s) with an inferred date")
    for row in inferred_rows.head(max_rows).itertuples(index=False):
        print(f"{row.article_id}  {row.date:%Y-%m-%d}  " + "; ".join(f"“{e}”" for e in row.date_evidence))

# %% [markdown]
# ## The cleaning audit
#
# Every piece of text the cleaner removed, with the rule that removed it and its offsets into `raw_text`
# (`raw_text[start:end] == removed`). Read it to check that the rules took furniture, not reporting.

# %%
# NBVAL_CHECK_OUTPUT
# What did cleaning remove, by rule?
print(audit["rule"].value_counts().sort_index().to_string() if len(audit) else "nothing removed")

# %%
shown = audit.assign(removed=audit["removed"].str.replace("\n", " ", regex=False).str.slice(0, 110))
shown.head(max_rows)

# %% [markdown]
# ## Duplicates
#
# Syndicated copies are kept and flagged with the id of the earlier article they repeat (exactly, or with a
# word-trigram Jaccard similarity of at least 0.8).

# %%
duplicates = articles.loc[articles["duplicate_of"].notna(), ["article_id", "duplicate_of", "duplicate_kind"]]
print(f"{len(duplicates)} of {len(articles)} articles duplicate an earlier one")
duplicates.head(max_rows)

# %% [markdown]
# ## When the articles were published
#
# Known dates are drawn as filled marks, inferred dates as open marks with their interval.

# %%
dated = articles.dropna(subset=["date"]).sort_values("date")
fig, ax = plt.subplots(figsize=(8, 3.2 if len(articles) <= 30 else 4))
if len(articles) <= 30:
    inferred = dated["date_source"].eq("inferred")
    y = range(len(dated))
    ax.scatter(dated.loc[~inferred, "date"], [i for i, f in zip(y, inferred) if not f], color=PALETTE[0],
               zorder=3, label="date given")
    ax.scatter(dated.loc[inferred, "date"], [i for i, f in zip(y, inferred) if f], facecolor="white",
               edgecolor=PALETTE[3], zorder=3, label="date inferred (interval)")
    if "date_earliest" in dated:
        for i, (_, row) in enumerate(dated.iterrows()):
            if row["date_source"] == "inferred" and pd.notna(row.get("date_earliest")):
                ax.plot([row["date_earliest"], row["date_latest"]], [i, i], color=PALETTE[3], lw=2, zorder=2)
    ax.set_yticks(list(y), dated["article_id"].str.slice(0, 12))
    ax.set_ylabel("article")
    ax.legend(loc="lower right")
    ax.grid(axis="y", visible=False)
    timeline_data = dated[["article_id", "date", "date_source"]]
else:
    freq = "W" if (dated["date"].max() - dated["date"].min()).days <= 400 else "MS"
    counts = dated.set_index("date").resample(freq)["article_id"].count()
    ax.bar(counts.index, counts.values, width=5 if freq == "W" else 25, color=PALETTE[0])
    ax.set_ylabel("articles per week" if freq == "W" else "articles per month")
    timeline_data = counts.rename("articles").reset_index()
ax.set_xlabel("publication date")
ax.set_title(f"Articles by date ({len(dated):,} of {len(articles):,} dated)")
fig.autofmt_xdate()
save_figure(fig, "01-articles-by-date", out_dir=OUT.figures, data=timeline_data,
            caption=f"Publication dates of the {len(articles):,} articles in {CORPUS_NAME} "
                    f"({len(articles) - len(dated):,} undated, not drawn). Inferred dates are estimates from cues "
                    "in the text, drawn with their interval.",
            source=f"{CORPUS_NAME}; dates from headers, metadata or inference (helpers.dates)")
plt.show()

# %% [markdown]
# ## How long the articles are
#
# Words in the cleaned text, per article (or their distribution, for a large corpus).

# %%
fig, ax = plt.subplots(figsize=(8, 3.2 if len(articles) <= 30 else 4))
if len(articles) <= 30:
    ordered = articles.sort_values("article_id")
    ax.barh(ordered["article_id"].str.slice(0, 12), ordered["n_words"], color=PALETTE[0])
    ax.invert_yaxis()
    ax.set_xlabel("words in cleaned text")
    for i, n in enumerate(ordered["n_words"]):
        ax.text(n, i, f" {n:,}", va="center", fontsize=8)
    ax.grid(axis="y", visible=False)
    length_data = ordered[["article_id", "n_words"]]
else:
    upper = articles["n_words"].quantile(0.99)
    ax.hist(articles["n_words"].clip(upper=upper), bins=50, color=PALETTE[0])
    ax.set_xlabel("words in cleaned text (top 1% clipped)")
    ax.set_ylabel("articles")
    length_data = articles["n_words"].describe().rename("words").reset_index()
ax.set_title(f"Words per article (median {articles['n_words'].median():,.0f})")
save_figure(fig, "01-words-per-article", out_dir=OUT.figures, data=length_data,
            caption=f"Length of each article in {CORPUS_NAME} after cleaning, in words.",
            source=f"{CORPUS_NAME}; cleaned by helpers.cleaning")
plt.show()

# %% [markdown]
# ## Sentences and paragraphs
#
# Every later analysis reads these spans; `text[start:end]` of the article's cleaned text gives the sentence back.

# %%
check = articles.set_index("article_id")["text"]
assert all(check[a][s:e] == t for a, s, e, t in sentences[["article_id", "start", "end", "text"]].head(2000).itertuples(index=False))
sentences.head(8)

# %%
# NBVAL_CHECK_OUTPUT
# How big is the cleaned corpus?
print(f"{len(articles):,} articles, {articles['n_words'].sum():,} words, {len(sentences):,} sentences, "
      f"{len(paragraphs):,} paragraphs; {articles['date'].notna().sum():,} dated "
      f"({articles['date_source'].eq('inferred').sum():,} inferred)")

# %% [markdown]
# ## Write the processed tables
#
# `articles.csv` (without `raw_text`, which stays in the raw corpus), `sentences.csv`, `paragraphs.csv`, the load
# report and the cleaning audit.

# %%
written = {
    "articles.csv": articles.drop(columns=["raw_text"]),
    "sentences.csv": sentences,
    "paragraphs.csv": paragraphs,
    "load_report.csv": report,
    "cleaning_audit.csv": audit,
}
for name, table in written.items():
    target = OUT.processed / name
    table.to_csv(target, index=False, date_format="%Y-%m-%d", lineterminator="\n")
    print(f"wrote {len(table):>7,} rows -> {paths.display_path(target)}")

# %%
show_versions()
