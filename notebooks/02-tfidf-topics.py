# %% [markdown]
# # 02 · Distinctive terms, topics and near-duplicates (TF-IDF)
#
# **What this notebook finds** (default corpus: the five seed articles in `data/raw/`)
#
# - Each seed article has its own vocabulary: the top TF-IDF terms separate the Western-tanks story, the
#   Zaluzhnyi/“difficult situation” story, the Zelensky-and-command story, the breakthrough-clip story and the
#   claimed-casualties story (first figure).
# - With paragraphs as documents, the topic-number scan picks k by coherence (second figure); the topics are
#   listed with their top terms and their share of each article.
# - No two seed articles are near-duplicates (cosine < 0.8); on the 12,293-article media corpus the same
#   threshold flags syndicated copies (see the near-duplicate table when run on it).
#
# **How.** `helpers.topics` builds TF-IDF with settings scaled to the corpus size (min_df/max_df, English and
# news-furniture stop words, uni- and bigrams, sublinear tf), lists each document's top terms, fits NMF topics
# (deterministic initialisation) for a range of k, scores each k by reconstruction error and NPMI coherence of
# the top terms, keeps the smallest k within 0.01 of the best coherence, and computes cosine similarity.
#
# **Limits.** TF-IDF sees words, not meaning: synonyms and spelling variants (Kyiv/Kiev, Zelensky/Zelenskyy)
# count as different terms. Topics are a summary of word co-occurrence, not of events; their labels are just their
# top terms. With five articles, topic shares describe these articles, not the coverage. Document-level NPMI
# favours broad topics; the chosen k is a defensible default, not the truth. Prevalence over time on a handful of
# dated articles is anecdote, not trend.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers import paths, topics
from helpers.figures import PALETTE, SEQUENTIAL, save_figure, use_house_style
from helpers.text import paragraph_table
from helpers.study import open_corpus
from helpers.versions import show_versions

use_house_style()
pd.set_option("display.max_colwidth", 80)

# %% tags=["parameters"]
corpus = "data/raw"  # a folder of .txt files, a .txt, a .csv(.gz) or a .jsonl; relative to the project root
output_dir = None  # None: figures in reports/figures, tables in reports/tables; else everything under this folder
conflict = "russia-ukraine"  # conflict profile (src/helpers/data/conflicts/): russia-ukraine, israel-gaza, sudan, or a folder
seed = 0  # random_state of NMF and of every sample drawn below
query = None  # regular expression to keep matching articles, e.g. "Bakhmut|Artemivsk|Artyomovsk|Soledar"
n_terms = 8  # top terms per article in the small multiples
max_articles_shown = 12  # articles drawn in the small multiples (a stated sample beyond this)
topic_unit = "auto"  # "paragraph", "article", or "auto": paragraphs below 200 articles, else articles
k_values = None  # candidate numbers of topics; None: derived from the number of documents
near_duplicate_threshold = 0.8  # cosine similarity at or above which two articles are flagged
max_rows = 25  # rows shown per table (full tables are written to CSV)

# %%
study = open_corpus(corpus, query, conflict=conflict, output_dir=output_dir)
OUT, CORPUS_NAME, articles, report, query_counts = study.out, study.name, study.articles, study.report, study.query_counts
assert articles["article_id"].is_unique
SOURCE = f"{CORPUS_NAME}" + (f", query {query!r}" if query else "") + "; TF-IDF and NMF by helpers.topics"
print(f"corpus: {CORPUS_NAME}; output: {OUT}")

# %%
# NBVAL_CHECK_OUTPUT
# How many articles does the query keep?
print(f"query: {query_counts['query']!r}; articles before: {query_counts['before']:,}; after: {query_counts['after']:,}")

# %% [markdown]
# ## Units: articles and paragraphs
#
# Articles are the unit for distinctive terms and similarity; paragraphs are the unit for topics on small corpora
# (five articles are too few documents to estimate topics; their ~80 paragraphs are enough for a few). The rule
# for `topic_unit = "auto"`: paragraphs when there are fewer than 200 articles, else articles.

# %%
paragraphs = paragraph_table(articles)
paragraphs = paragraphs[paragraphs["text"].str.split().str.len() >= 5].reset_index(drop=True)
unit = topic_unit if topic_unit != "auto" else ("paragraph" if len(articles) < 200 else "article")
print(f"{len(articles):,} articles; {len(paragraphs):,} paragraphs of 5+ words; topics are fitted on {unit}s")

# %% [markdown]
# ## TF-IDF at article level
#
# The vectorizer settings scale with the number of documents (see `helpers.topics`); the printout shows the
# settings in force for this corpus.

# %%
vectorizer = topics.build_vectorizer(len(articles))
matrix, vocab = topics.tfidf_matrix(articles["text"])
print(f"min_df={vectorizer.min_df}, max_df={vectorizer.max_df}, ngram_range={vectorizer.ngram_range}, "
      f"sublinear_tf={vectorizer.sublinear_tf}, max_features={vectorizer.max_features:,}, "
      f"stop words={len(topics.news_stop_words())}")
print(f"matrix: {matrix.shape[0]:,} articles x {matrix.shape[1]:,} terms")

# %% [markdown]
# ## Distinctive terms per article
#
# The `n_terms` highest-weighted TF-IDF terms of each article. With more than `max_articles_shown` articles, the
# panels show a stated sample: articles spread evenly over the publication dates (every n-th article in date
# order). The full table for every article is written to `tables/02-top-terms.csv`.

# %%
def article_label(row, width=38, two_lines=False):
    """Short label: outlet and date (else the article id), then the title when the corpus has one."""
    parts = [str(row["outlet"])] if isinstance(row.get("outlet"), str) else [row["article_id"][:12]]
    if pd.notna(row.get("date")):
        parts.append(row["date"].strftime("%Y-%m-%d"))
    label = " · ".join(parts)
    title = row.get("title")
    if isinstance(title, str) and title.strip():
        title = title.strip()[:width] + ("…" if len(title.strip()) > width else "")
        label += ("\n" if two_lines else " · ") + title
    return label


articles["label"] = [article_label(row, width=30) for _, row in articles.iterrows()]
panel_titles = {row["article_id"]: article_label(row, two_lines=True) for _, row in articles.iterrows()}
term_table = topics.top_terms(matrix, vocab, k=n_terms, doc_ids=articles["article_id"])
if len(articles) <= max_articles_shown:
    shown_ids = list(articles["article_id"])
else:
    by_date = articles.sort_values(["date", "article_id"], na_position="last")
    picks = np.linspace(0, len(by_date) - 1, max_articles_shown).round().astype(int)
    shown_ids = list(by_date["article_id"].iloc[picks])
shown = term_table[term_table["doc"].isin(shown_ids)]
n_panels = len(shown_ids)
ncols = min(3, n_panels)
nrows = int(np.ceil(n_panels / ncols))
fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 0.28 * n_terms * nrows + 0.9 * nrows), squeeze=False)
labels = articles.set_index("article_id")["label"]
for ax, article_id in zip(axes.flat, shown_ids):
    rows = shown[shown["doc"] == article_id].sort_values("rank")
    ax.barh(rows["term"], rows["weight"], color=PALETTE[0])
    ax.invert_yaxis()
    ax.set_title(panel_titles[article_id], fontsize=8.5, loc="left")
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("TF-IDF weight", fontsize=8)
for ax in list(axes.flat)[n_panels:]:
    ax.set_visible(False)
sample_note = "" if len(articles) <= max_articles_shown else f" ({n_panels} of {len(articles):,} articles, spread evenly over the publication dates)"
fig.suptitle(f"Most distinctive terms per article{sample_note}", x=0.01, ha="left", fontweight="bold")
fig.tight_layout()
save_figure(fig, "02-distinctive-terms", out_dir=OUT.figures, data=shown,
            caption=f"Top {n_terms} TF-IDF terms of each article{sample_note}. TF-IDF weighs a term by its "
                    "frequency in the article against how many articles use it; stop words and news furniture removed.",
            source=SOURCE)
plt.show()

# %%
term_table.to_csv(OUT.tables / "02-top-terms.csv", index=False, lineterminator="\n")
term_table.head(max_rows)

# %% [markdown]
# ## How many topics? Reconstruction error and coherence over k
#
# NMF is fitted for each candidate k. Reconstruction error always falls as k grows, so it cannot choose k alone;
# NPMI coherence asks whether a topic's top terms really occur in the same documents. **Rule:** the smallest k
# whose mean coherence is within 0.01 of the best coherence in the range. The default range stops at one topic per
# 10 documents (on tiny corpora, coherence keeps rising as topics shrink to single paragraphs whose words trivially
# co-occur); from 1,000 documents on it starts at k = 5, because document-level coherence favours two or three
# catch-all topics on a large mixed corpus. Above 3,000 documents the scan runs on a seeded sample of 3,000.

# %%
topic_docs = paragraphs if unit == "paragraph" else articles
if unit == "article":  # reuse the article matrix, keeping the terms used by the most articles
    topic_matrix, topic_vocab = topics.restrict_vocabulary(matrix, vocab, topics.MAX_FEATURES_TOPICS)
else:
    topic_matrix, topic_vocab = topics.tfidf_matrix(topic_docs["text"], max_features=topics.MAX_FEATURES_TOPICS)
n_docs = topic_matrix.shape[0]
if k_values is None:
    k_min = 2 if n_docs < 1000 else 5
    k_values = [k for k in [2, 3, 4, 5, 6, 8, 10, 12, 15, 20] if k_min <= k <= max(k_min, min(20, n_docs // 10))]
scan, chosen_k = topics.choose_k(matrix=topic_matrix, vocab=topic_vocab, k_values=k_values, random_state=seed,
                                 sample_size=3000)
scan

# %%
fig, ax1 = plt.subplots(figsize=(7.5, 3.8))
ax1.plot(scan["k"], scan["coherence"], marker="o", color=PALETTE[0], label="coherence (mean NPMI of top terms)")
ax1.set_xlabel("number of topics k")
ax1.set_ylabel("coherence (NPMI, higher is better)", color=PALETTE[0])
ax2 = ax1.twinx()
ax2.plot(scan["k"], scan["reconstruction_error"], marker="s", ls="--", color=PALETTE[1],
         label="reconstruction error")
ax2.set_ylabel("relative reconstruction error", color=PALETTE[1])
ax2.grid(False)
ax2.spines["right"].set_visible(True)
ax1.axvline(chosen_k, color="#555555", lw=1, ls=":")
ax1.annotate(f"chosen k = {chosen_k}", (chosen_k, scan["coherence"].max()), xytext=(6, -4),
             textcoords="offset points", fontsize=9, va="top")
ax1.set_xticks(scan["k"])
lines = ax1.get_lines()[:1] + ax2.get_lines()[:1]
ax1.legend(lines, [l.get_label() for l in lines], loc="lower left")
ax1.set_title(f"Choosing the number of topics ({scan.attrs.get('n_docs', n_docs):,} {unit}s)")
save_figure(fig, "02-choose-k", out_dir=OUT.figures, data=scan,
            caption=f"NMF topic models with k = {', '.join(map(str, scan['k']))} on {unit}-level TF-IDF: mean NPMI "
                    f"coherence of each topic's 10 top terms (solid) and relative reconstruction error (dashed). "
                    f"Chosen: k = {chosen_k}, the smallest k within 0.01 of the best coherence.",
            source=SOURCE)
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
# How many topics does the criterion choose, and how coherent are they?
row = scan.loc[scan["chosen"]].iloc[0]
print(f"k = {chosen_k} ({unit}s: {n_docs:,}); coherence {row['coherence']:.3f}; "
      f"relative reconstruction error {row['reconstruction_error']:.3f}")

# %% [markdown]
# ## The topics and their top terms
#
# Each topic is labelled with its number and three highest-weighted terms (a term already contained in an
# earlier one is skipped).

# %%
topic_terms, doc_topics = topics.fit_topics(None, chosen_k, random_state=seed, matrix=topic_matrix, vocab=topic_vocab)
topic_table = (topic_terms.groupby(["topic", "label"])["term"].apply(lambda t: ", ".join(t))
               .rename("top terms").reset_index())
topic_terms.to_csv(OUT.tables / "02-topic-terms.csv", index=False, lineterminator="\n")
topic_table

# %% [markdown]
# ## Which article is about which topic
#
# Topic shares per document (each row sums to 1). Paragraph shares are averaged per article. The heatmap shows
# one row per article up to 40 articles; beyond that, one row per outlet (the mean share of its articles), or per
# month when the corpus has no outlets, so that it stays readable.

# %%
shares = doc_topics.copy()
shares["article_id"] = topic_docs["article_id"].to_numpy()
article_shares = shares.groupby("article_id", sort=True).mean()
article_shares = article_shares.reindex(articles["article_id"]).fillna(0.0)
has_outlets = articles["outlet"].notna().any() and articles["outlet"].nunique() > 1
if len(articles) <= 40:
    heat = article_shares.copy()
    heat.index = [labels[a] for a in heat.index]
    row_kind = "article"
elif has_outlets:
    heat = article_shares.groupby(articles.set_index("article_id")["outlet"].fillna("unknown")).mean()
    counts = articles["outlet"].fillna("unknown").value_counts()
    heat.index = [f"{o} ({counts[o]:,})" for o in heat.index]
    row_kind = "outlet (articles)"
else:
    month = articles.set_index("article_id")["date"].dt.to_period("M").astype(str)
    heat = article_shares.groupby(month).mean()
    row_kind = "month"
heat_t = heat.T  # topics as rows (their labels stay readable), articles/outlets as columns
fig, ax = plt.subplots(figsize=(min(4.5 + 0.55 * heat_t.shape[1], 15), 1.4 + 0.34 * len(heat_t)))
vmax = max(0.05, float(heat_t.to_numpy().max()))
image = ax.imshow(heat_t.to_numpy(), aspect="auto", cmap=SEQUENTIAL, vmin=0, vmax=vmax)
ax.set_yticks(range(len(heat_t)), heat_t.index, fontsize=8)
ax.set_xticks(range(heat_t.shape[1]), heat_t.columns, rotation=35, ha="right", fontsize=8)
ax.grid(False)
if heat_t.size <= 400:
    for (i, j), value in np.ndenumerate(heat_t.to_numpy()):
        ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=7,
                color="white" if value < 0.6 * vmax else "black")
fig.colorbar(image, ax=ax, label="topic share", fraction=0.03)
ax.set_xlabel(row_kind)
ax.set_title(f"Topic shares by {row_kind.split(' ')[0]}")
save_figure(fig, "02-document-topics", out_dir=OUT.figures, data=heat.rename_axis(row_kind).reset_index(),
            caption=f"Share of each NMF topic (k = {chosen_k}) in each {row_kind.split(' ')[0]}; topics fitted on "
                    f"{unit}s, {unit} shares averaged per article"
                    + ("" if row_kind == "article" else f", article shares averaged per {row_kind.split(' ')[0]}")
                    + ".",
            source=SOURCE)
plt.show()

# %% [markdown]
# ## Topic prevalence over time, normalised
#
# Raw counts of topic documents rise and fall with the volume of coverage (and with gaps in the corpus).
# Prevalence here is the mean topic share of the articles published in each period, so the topics of a period
# sum to 1 whatever its volume; the grey panel shows how many dated articles each period rests on.

# %%
dates = articles.set_index("article_id")["date"].reindex(article_shares.index)
span_days = (dates.max() - dates.min()).days if dates.notna().any() else 0
freq = "W" if span_days <= 120 else "MS"
prevalence = topics.prevalence_over_time(article_shares.reset_index(drop=True), dates.to_numpy(), freq=freq)
wide = prevalence.pivot(index="period", columns="topic", values="share")[list(doc_topics.columns)]
n_per_period = prevalence.drop_duplicates("period").set_index("period")["n_docs"]
if len(wide):  # every period in the range, so that a period without articles breaks the line instead of bridging it
    full = pd.date_range(wide.index.min(), wide.index.max(), freq="MS" if freq == "MS" else "W-MON")
    if freq != "MS":
        full = pd.DatetimeIndex(sorted(set(full) | set(wide.index)))
    wide = wide.reindex(full)
n_panels = len(wide.columns) + 1
ncols = min(4, n_panels)
nrows = int(np.ceil(n_panels / ncols))
fig, axes = plt.subplots(nrows, ncols, figsize=(3.4 * ncols, 2.3 * nrows), squeeze=False, sharex=True)
for ax, topic in zip(axes.flat, wide.columns):
    ax.plot(wide.index, wide[topic], marker="o", ms=3, color=PALETTE[0])
    ax.set_ylim(0, max(0.05, float(np.nanmax(wide.to_numpy())) * 1.1 if len(wide) else 1))
    ax.set_title(topic if len(topic) <= 34 else topic[:33] + "…", fontsize=8.5)
    ax.tick_params(labelsize=7.5)
ax = list(axes.flat)[len(wide.columns)]
ax.bar(n_per_period.index, n_per_period.values, width=20 if freq == "MS" else 5, color="#999999")
ax.set_title("dated articles per period", fontsize=8.5)
ax.tick_params(labelsize=7.5)
for ax in list(axes.flat)[n_panels:]:
    ax.set_visible(False)
for ax in axes[:, 0]:
    ax.set_ylabel("mean topic share", fontsize=8)
fig.autofmt_xdate()
fig.suptitle(f"Topic prevalence per {'week' if freq == 'W' else 'month'}, normalised by articles per period",
             x=0.01, ha="left", fontweight="bold")
fig.tight_layout()
save_figure(fig, "02-topic-prevalence", out_dir=OUT.figures, data=prevalence,
            caption=f"Mean share of each topic among the articles of each {'week' if freq == 'W' else 'month'} "
                    f"(shares of a period sum to 1); {prevalence.attrs['undated']} undated article(s) left out. "
                    "Periods with few articles are noisy: read the grey panel first; a gap in a line is a period "
                    "without articles.",
            source=SOURCE)
plt.show()

# %% [markdown]
# ## Article similarity and syndicated near-duplicates
#
# Cosine similarity between the articles' TF-IDF vectors. Up to 40 articles, the heatmap shows every pair and
# marks pairs at or above the near-duplicate threshold with a box; for larger corpora it shows the mean similarity
# between and within outlets (self-pairs left out), and the near-duplicate pairs are listed in the table below.

# %%
if len(articles) <= 40:
    sim = topics.similarity(matrix)
    sim_frame = pd.DataFrame(sim, index=[labels[a] for a in articles["article_id"]],
                             columns=[labels[a] for a in articles["article_id"]])
    sim_kind = "article"
else:
    sim = topics.similarity(matrix, threshold=near_duplicate_threshold)
    groups = articles["outlet"].fillna("unknown") if has_outlets else articles["date"].dt.to_period("M").astype(str)
    sim_frame = topics.group_similarity(matrix, groups)
    sim_kind = "outlet" if has_outlets else "month"
pairs = topics.near_duplicates(sim, near_duplicate_threshold, ids=articles["article_id"])
fig, ax = plt.subplots(figsize=(2.5 + 0.45 * len(sim_frame), 1.5 + 0.4 * len(sim_frame)))
masked = sim_frame.to_numpy().copy()
if sim_kind == "article":
    np.fill_diagonal(masked, np.nan)
image = ax.imshow(masked, cmap=SEQUENTIAL, vmin=0, vmax=max(0.2, float(np.nanmax(masked)) if np.isfinite(masked).any() else 1))
ax.set_xticks(range(len(sim_frame)), sim_frame.columns, rotation=40, ha="right", fontsize=8)
ax.set_yticks(range(len(sim_frame)), sim_frame.index, fontsize=8)
ax.grid(False)
if len(sim_frame) <= 20:
    for (i, j), value in np.ndenumerate(masked):
        if np.isfinite(value):
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=7,
                    color="white" if value < 0.6 * np.nanmax(masked) else "black")
if sim_kind == "article":
    for i, j in zip(*np.where(np.triu(sim_frame.to_numpy(), 1) >= near_duplicate_threshold)):
        for a, b in ((i, j), (j, i)):
            ax.add_patch(plt.Rectangle((b - 0.5, a - 0.5), 1, 1, fill=False, ec=PALETTE[3], lw=2))
fig.colorbar(image, ax=ax, label="cosine similarity", fraction=0.04)
title = ("Similarity between articles (boxes: near-duplicates)" if sim_kind == "article"
         else f"Mean similarity between and within {sim_kind}s")
ax.set_title(title)
save_figure(fig, "02-similarity", out_dir=OUT.figures, data=sim_frame.reset_index(),
            caption=(f"Cosine similarity of article TF-IDF vectors; pairs at or above {near_duplicate_threshold} are "
                     "boxed as near-duplicates (syndicated or lightly edited copies); the diagonal is left blank."
                     if sim_kind == "article" else
                     f"Mean cosine similarity of article TF-IDF vectors between and within {sim_kind}s (diagonal: "
                     f"within, self-pairs left out). {len(pairs):,} article pairs reach {near_duplicate_threshold} "
                     "or more and are listed in tables/02-near-duplicates.csv."),
            source=SOURCE)
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
# How many article pairs are near-duplicates (cosine >= threshold), and how many did the loader already flag?
meta = articles.set_index("article_id")
flagged = {(a, b) for a, b in zip(articles["article_id"], articles["duplicate_of"]) if isinstance(b, str)}
also_loader = sum(((a, b) in flagged or (b, a) in flagged) for a, b in zip(pairs["doc_a"], pairs["doc_b"]))
print(f"{len(pairs):,} pairs with cosine >= {near_duplicate_threshold} among {len(articles):,} articles; "
      f"{also_loader:,} of them also flagged by the loader's trigram check ({len(flagged):,} flagged there)")

# %%
pairs_table = pairs.assign(
    outlet_a=pairs["doc_a"].map(meta["outlet"]), outlet_b=pairs["doc_b"].map(meta["outlet"]),
    title_a=pairs["doc_a"].map(meta["title"]), title_b=pairs["doc_b"].map(meta["title"]),
)
pairs_table.to_csv(OUT.tables / "02-near-duplicates.csv", index=False, lineterminator="\n")
pairs_table.head(max_rows)

# %% [markdown]
# ## Write the tables
#
# Article-level topic shares (for other notebooks to join on `article_id`).

# %%
article_shares.reset_index().to_csv(OUT.tables / "02-article-topics.csv", index=False, lineterminator="\n")
for name in ["02-top-terms.csv", "02-topic-terms.csv", "02-article-topics.csv", "02-near-duplicates.csv"]:
    print(f"wrote {paths.display_path(OUT.tables / name)}")

# %%
show_versions()
