# %% [markdown]
# # 03 · Tone of the coverage, and how far a lexicon's tone can be trusted
#
# **What this notebook finds** (default corpus: the five seed articles in `data/raw/`)
#
# - VADER calls 62 % of the 103 seed sentences negative; every article's mean compound is below zero (−0.12 to
#   −0.30), with wide bootstrap intervals (14–33 sentences per article). Quoted speech reads less negative than
#   the reporters' narration (−0.08 vs −0.22).
# - Much of that negativity is war vocabulary ("killed", "attack", "war"), which VADER scores as negative
#   whoever is speaking and whatever is reported: with it removed, the negative share falls from 62 % to 35 %.
# - On the NYT editorial gold set, plain VADER reaches Pearson r ≈ 0.50 and 3-class macro-F1 ≈ 0.56 (published:
#   0.49 and 0.55; individual humans 0.75 and 0.65). A blend of VADER with TF-IDF fitted on half of the editorials
#   does better on the other half (r ≈ 0.55, F1 ≈ 0.58 vs 0.50 and 0.55) but is fitted to editorials, so plain
#   VADER stays the default for the corpus.
#
# **How.** Sentences come from `helpers.text`; `helpers.sentiment` scores each with VADER (its lexicon ships with
# the `vaderSentiment` package), classes use VADER's ±0.05 thresholds, intervals are percentile bootstraps
# (articles resampled whole when sentences of several articles are pooled). Quoted speech is separated from
# narration by quotation marks; actors are found with the conflict profile's one table of sides (`src/helpers/data/conflicts/<name>/sides.csv`, read by `helpers.sides`).
#
# **Limits.** A lexicon reads words, not stance: "Ukrainian forces killed 30 Wagner fighters" is negative for VADER
# whichever side the outlet is on, and "Russian troops retreat" is positive. Tone here is the tone of the words,
# not the outlet's attitude to any party. Quotation marks catch direct speech only (not paraphrase), and an actor
# mention says who is named in a sentence, not who is its subject. The gold set is editorials, not war reporting:
# the validity numbers bound, rather than measure, how well VADER reads this corpus.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers import paths, sentiment
from helpers.figures import PALETTE, save_figure, use_house_style
from helpers.reading import reading_view
from helpers.reference import how_to_get, reference_path
from helpers.text import sentence_table
from helpers.study import open_corpus
from helpers.versions import show_versions

use_house_style()
pd.set_option("display.max_colwidth", 110)

# %% tags=["parameters"]
corpus = "data/raw"  # a folder of .txt files, a .txt, a .csv(.gz) or a .jsonl; relative to the project root
output_dir = None  # None: figures in reports/figures, tables in reports/tables; else everything under this folder
conflict = "russia-ukraine"  # conflict profile (src/helpers/data/conflicts/): russia-ukraine, israel-gaza, sudan, or a folder
seed = 0  # seed of every bootstrap and of the gold-set split
query = None  # regular expression to keep matching articles, e.g. "Bakhmut|Artemivsk|Artyomovsk|Soledar"
gold_path = None  # None: the NYT editorial snippets shipped in data/external/; or the path of another copy
n_boot = 1000  # bootstrap resamples per interval
max_articles_shown = 30  # one row per article up to this many; beyond it, one row per outlet
max_rows = 25  # rows shown per table (full tables are written to CSV)

# %%
study = open_corpus(corpus, query, conflict=conflict, output_dir=output_dir)
OUT, CORPUS_NAME, articles, report, query_counts = study.out, study.name, study.articles, study.report, study.query_counts
assert articles["article_id"].is_unique
SOURCE = f"{CORPUS_NAME}" + (f", query {query!r}" if query else "") + "; VADER scores by helpers.sentiment"
print(f"corpus: {CORPUS_NAME}; output: {OUT}")

# %%
# NBVAL_CHECK_OUTPUT
# How many articles does the query keep?
print(f"query: {query_counts['query']!r}; articles before: {query_counts['before']:,}; after: {query_counts['after']:,}")

# %% [markdown]
# ## Sentence-level VADER scores
#
# One row per sentence: `compound` (−1…1) and the shares of positive, neutral and negative words. A sentence is
# negative at compound ≤ −0.05, positive at ≥ 0.05 (VADER's documented thresholds).

# %%
sentences = sentence_table(articles)
sentences = pd.concat([sentences, sentiment.score_sentences(sentences["text"])], axis=1)
meta = articles.set_index("article_id")
sentences["outlet"] = sentences["article_id"].map(meta["outlet"]).fillna("unknown")
sentences["date"] = sentences["article_id"].map(meta["date"])
sentences["tone"] = pd.Series(sentiment.tone_class(sentences["compound"])).map({-1: "negative", 0: "neutral", 1: "positive"})
assert len(sentences) and sentences["compound"].between(-1, 1).all()
sentences[["article_id", "sentence", "text", "compound", "tone"]].head(8)

# %%
# NBVAL_CHECK_OUTPUT
# What share of sentences does VADER call negative, neutral, positive?
shares = sentences["tone"].value_counts(normalize=True).reindex(["negative", "neutral", "positive"], fill_value=0)
print(f"{len(sentences):,} sentences: " + ", ".join(f"{k} {v:.1%}" for k, v in shares.items())
      + f"; mean compound {sentences['compound'].mean():+.3f}")

# %% [markdown]
# ## Per-article tone, with bootstrap intervals
#
# Mean compound per article with a 95 % interval from resampling its sentences, and the shares of negative,
# neutral and positive sentences. Up to `max_articles_shown` articles get one row each; beyond that, rows are
# outlets (mean over their sentences, interval from resampling whole articles) so the figure stays readable.

# %%
tone = sentiment.article_tone(sentences, n_boot=n_boot, seed=seed)
tone = tone.merge(articles[["article_id", "outlet", "date", "title"]], on="article_id", how="left")
tone.to_csv(OUT.tables / "03-article-tone.csv", index=False, lineterminator="\n", date_format="%Y-%m-%d")
if len(articles) <= max_articles_shown:
    rows = tone.sort_values("mean_compound").reset_index(drop=True)
    rows["row"] = [f"{a[:12]} · {d:%Y-%m-%d}" if pd.notna(d) else a[:12] for a, d in zip(rows["article_id"], rows["date"])]
    row_kind = "article"
else:
    rows = sentiment.tone_by(sentences, "outlet", cluster="article_id", n_boot=n_boot, seed=seed)
    rows = rows.sort_values("mean_compound").reset_index(drop=True)
    rows["row"] = [f"{o} ({n:,} articles)" for o, n in zip(rows["outlet"], rows["n_articles"])]
    row_kind = "outlet"
fig, (ax, ax2) = plt.subplots(1, 2, figsize=(10, 1.4 + 0.34 * len(rows)), sharey=True,
                              gridspec_kw={"width_ratios": [3, 2]})
y = np.arange(len(rows))
ax.errorbar(rows["mean_compound"].to_numpy(), y,
            xerr=np.nan_to_num([(rows["mean_compound"] - rows["ci_low"]).to_numpy(), (rows["ci_high"] - rows["mean_compound"]).to_numpy()]),
            fmt="o", color=PALETTE[0], ecolor="#888888", capsize=3)
ax.axvline(0, color="#555555", lw=0.8)
ax.set_yticks(y, rows["row"], fontsize=8)
ax.set_xlabel("mean compound (95% bootstrap interval)")
ax.grid(axis="y", visible=False)
left = np.zeros(len(rows))
for column, colour, name in [("share_negative", PALETTE[3], "negative"), ("share_neutral", "#bbbbbb", "neutral"),
                             ("share_positive", PALETTE[2], "positive")]:
    ax2.barh(y, rows[column], left=left, color=colour, label=name, height=0.7)
    left += rows[column].to_numpy()
ax2.set_xlim(0, 1)
ax2.set_xlabel("share of sentences")
ax2.legend(loc="upper center", bbox_to_anchor=(0.5, -0.6 / max(1, len(rows)) - 0.12), ncol=3, fontsize=8)
ax2.grid(axis="y", visible=False)
fig.suptitle(f"Tone per {row_kind}", x=0.01, ha="left", fontweight="bold")
fig.tight_layout()
save_figure(fig, "03-tone-per-article" if row_kind == "article" else "03-tone-per-outlet", out_dir=OUT.figures,
            data=rows.drop(columns="row"),
            caption=f"Mean VADER compound of the sentences of each {row_kind} with a 95% percentile bootstrap interval "
                    f"({n_boot} resamples{'; articles resampled whole' if row_kind == 'outlet' else ''}), and the "
                    "shares of negative (≤ −0.05), neutral and positive (≥ 0.05) sentences.",
            source=SOURCE)
plt.show()

# %% [markdown]
# ## Tone over time
#
# Mean compound per month (per week when the corpus spans under four months), interval from resampling whole
# articles; the bars show how many sentences each period rests on. Undated articles are left out.

# %%
dated = sentences.dropna(subset=["date"]).copy()
span_days = (dated["date"].max() - dated["date"].min()).days if len(dated) else 0
freq = "W" if span_days <= 120 else "M"
dated["period"] = dated["date"].dt.to_period(freq).dt.start_time
over_time = sentiment.tone_by(dated, "period", cluster="article_id", n_boot=n_boot, seed=seed)
fig, (ax, axn) = plt.subplots(2, 1, figsize=(8, 4.6), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
if len(over_time):
    full = pd.date_range(over_time["period"].min(), over_time["period"].max(), freq="MS" if freq == "M" else "W-MON")
    series = over_time.set_index("period").reindex(sorted(set(full) | set(over_time["period"])))
    ax.plot(series.index, series["mean_compound"], color=PALETTE[0], lw=1)
    ax.errorbar(over_time["period"], over_time["mean_compound"].to_numpy(), fmt="o", color=PALETTE[0], ecolor="#888888",
                capsize=3, label="mean compound, 95% interval",
                yerr=np.nan_to_num([(over_time["mean_compound"] - over_time["ci_low"]).to_numpy(),
                                    (over_time["ci_high"] - over_time["mean_compound"]).to_numpy()]))
    axn.bar(over_time["period"], over_time["n_sentences"], width=20 if freq == "M" else 5, color="#999999")
ax.axhline(0, color="#555555", lw=0.8)
ax.set_ylabel("mean compound")
ax.legend(loc="lower left")
axn.set_ylabel("sentences")
axn.set_xlabel("month" if freq == "M" else "week")
ax.set_title(f"Tone per {'month' if freq == 'M' else 'week'} ({dated['article_id'].nunique():,} dated articles)")
fig.autofmt_xdate()
save_figure(fig, "03-tone-over-time", out_dir=OUT.figures, data=over_time,
            caption=f"Mean VADER compound of the sentences published each {'month' if freq == 'M' else 'week'}, with a "
                    "95% bootstrap interval resampling whole articles; lower panel: sentences per period. "
                    f"{articles['date'].isna().sum()} undated article(s) left out; gaps are periods without articles.",
            source=SOURCE)
plt.show()

# %% [markdown]
# ## Reporter's voice versus quoted speech
#
# Text inside quotation marks (straight or curly; a quote may run over several sentences, and an unclosed quote
# stops at its paragraph's end) is separated from narration; each part is split into sentences and scored.
# Fragments under three words (scare quotes such as “meat grinder”) are left out. One article is shown with its
# quotes highlighted so the split can be checked by eye.

# %%
voices = sentiment.voice_sentences(articles)
voices = pd.concat([voices, sentiment.score_sentences(voices["text"])], axis=1)
voices["outlet"] = voices["article_id"].map(meta["outlet"]).fillna("unknown")
by_voice = sentiment.tone_by(voices, "voice", cluster="article_id", n_boot=n_boot, seed=seed)
by_voice

# %%
example_id = voices.loc[voices["voice"] == "quote", "article_id"].value_counts().sort_index().idxmax() if (voices["voice"] == "quote").any() else articles["article_id"].iloc[0]
example_text = meta.loc[example_id, "text"]
spans = sentiment.split_quotes(example_text)
spans = spans.loc[spans["voice"] == "quote", ["start", "end"]].assign(label="quote")
reading_view(example_text[:6000], spans[spans["end"] <= 6000], title=f"Quoted speech in {example_id}")

# %%
# NBVAL_CHECK_OUTPUT
# Is quoted speech more negative than narration?
for _, r in by_voice.iterrows():
    print(f"{r['voice']:<10} {r['n_sentences']:>7,} sentences in {r['n_articles']:>5,} articles: mean compound "
          f"{r['mean_compound']:+.3f} [{r['ci_low']:+.3f}, {r['ci_high']:+.3f}]; negative {r['share_negative']:.1%}")

# %%
if voices["outlet"].nunique() > 1 and len(articles) > max_articles_shown:
    parts = [sentiment.tone_by(voices[voices["voice"] == v], "outlet", cluster="article_id", n_boot=n_boot, seed=seed)
             .assign(voice=v) for v in ["narration", "quote"]]
    voice_rows = pd.concat(parts, ignore_index=True)
    order = voice_rows[voice_rows["voice"] == "narration"].sort_values("mean_compound")["outlet"].tolist()
    order += sorted(set(voice_rows["outlet"]) - set(order))
    voice_rows["row"] = voice_rows["outlet"]
else:
    voice_rows = by_voice.assign(row="all articles")
    order = ["all articles"]
fig, ax = plt.subplots(figsize=(8, 1.4 + 0.36 * len(order)))
position = {name: i for i, name in enumerate(order)}
for offset, (voice, colour) in zip([-0.15, 0.15], [("narration", PALETTE[0]), ("quote", PALETTE[1])]):
    part = voice_rows[voice_rows["voice"] == voice]
    yy = part["row"].map(position).to_numpy() + offset
    ax.errorbar(part["mean_compound"].to_numpy(), yy,
                xerr=np.nan_to_num([(part["mean_compound"] - part["ci_low"]).to_numpy(), (part["ci_high"] - part["mean_compound"]).to_numpy()]),
                fmt="o", color=colour, ecolor=colour, capsize=3, label=voice)
ax.axvline(0, color="#555555", lw=0.8)
ax.set_yticks(range(len(order)), order, fontsize=8)
ax.set_xlabel("mean compound (95% bootstrap interval, articles resampled whole)")
ax.legend(loc="lower right")
ax.grid(axis="y", visible=False)
ax.set_title("Narration versus quoted speech")
save_figure(fig, "03-narration-vs-quotes", out_dir=OUT.figures, data=voice_rows.drop(columns="row"),
            caption="Mean VADER compound of sentences in the reporter's narration and inside quotation marks"
                    + (", per outlet" if len(order) > 1 else "") + ", with 95% bootstrap intervals resampling whole "
                    "articles. Quotes of three words or fewer are left out.",
            source=SOURCE)
plt.show()

# %% [markdown]
# ## Tone by actor
#
# Sentences naming the Ukrainian side, the Russian side (Wagner included), Western governments or civilians,
# found with the conflict profile's `sides.csv` (the same names attribution and the casualty reader use; a
# capital named as a place, "in Kyiv", is not its government). A sentence naming two groups counts for both;
# sentences naming none are the baseline.

# %%
actors = sentiment.tone_by_actor(sentences, n_boot=n_boot, seed=seed)
actors.to_csv(OUT.tables / "03-tone-by-actor.csv", index=False, lineterminator="\n")
actors

# %%
plot = actors[actors["n_sentences"] > 0].iloc[::-1].reset_index(drop=True)
fig, ax = plt.subplots(figsize=(8, 1.4 + 0.45 * len(plot)))
yy = np.arange(len(plot))
colours = [PALETTE[i] if g != "no actor named" else "#888888" for i, g in enumerate(plot["actor_group"])]
ax.errorbar(plot["mean_compound"].to_numpy(), yy, xerr=np.nan_to_num([(plot["mean_compound"] - plot["ci_low"]).to_numpy(),
                                                                      (plot["ci_high"] - plot["mean_compound"]).to_numpy()]),
            fmt="none", ecolor="#888888", capsize=3)
ax.scatter(plot["mean_compound"], yy, color=colours, zorder=3)
ax.set_yticks(yy, [f"{g} ({n:,} sentences)" for g, n in zip(plot["actor_group"], plot["n_sentences"])], fontsize=9)
ax.axvline(0, color="#555555", lw=0.8)
ax.set_xlabel("mean compound of sentences naming the group (95% interval, articles resampled whole)")
ax.grid(axis="y", visible=False)
ax.set_title("Tone of sentences by the actors they name")
save_figure(fig, "03-tone-by-actor", out_dir=OUT.figures, data=actors,
            caption="Mean VADER compound of the sentences that name each actor group (patterns in "
                    "the conflict profile's sides.csv), with 95% bootstrap intervals resampling whole articles. The tone "
                    "is that of the words around the mention, not an attitude towards the actor.",
            source=SOURCE)
plt.show()

# %% [markdown]
# ## What the lexicon misreads in war news
#
# Each sentence is scored again with the war vocabulary of `src/helpers/data/vader_war_terms.csv` removed
# (words VADER's lexicon scores: "killed", "attack", "war", … and "retreat", "support", "strong" on the positive
# side). Listed: the sentences whose label changes, or whose compound moves by 0.5 or more, when those words go.

# %%
effect = sentiment.war_vocabulary_effect(sentences["text"])
misreads = sentiment.violence_driven(sentences[["article_id", "sentence", "text", "compound"]], top=8, effect=effect)
misreads[["article_id", "text", "compound", "compound_without", "war_terms", "pushed"]]

# %%
# NBVAL_CHECK_OUTPUT
# How much of VADER's negativity is war vocabulary?
without = sentiment.tone_class(effect["compound_without"])
print(f"negative sentences: {np.mean(sentiment.tone_class(effect['compound']) == -1):.1%} as scored, "
      f"{np.mean(without == -1):.1%} with war vocabulary removed; "
      f"{(effect['war_terms'] != '').mean():.1%} of sentences contain war vocabulary")

# %%
compare = pd.DataFrame({
    "as scored": sentences["tone"].value_counts(normalize=True),
    "war vocabulary removed": pd.Series(without).map({-1: "negative", 0: "neutral", 1: "positive"}).value_counts(normalize=True),
}).reindex(["negative", "neutral", "positive"]).fillna(0)
fig, ax = plt.subplots(figsize=(7, 3.2))
x = np.arange(len(compare))
for i, (column, colour) in enumerate(zip(compare.columns, [PALETTE[0], PALETTE[1]])):
    ax.bar(x + (i - 0.5) * 0.38, compare[column], width=0.38, color=colour, label=column)
    for xi, v in zip(x, compare[column]):
        ax.text(xi + (i - 0.5) * 0.38, v, f"{v:.0%}", ha="center", va="bottom", fontsize=8)
ax.set_xticks(x, compare.index)
ax.set_ylabel("share of sentences")
ax.legend(loc="upper right")
ax.set_title("VADER labels with and without war vocabulary")
save_figure(fig, "03-war-vocabulary", out_dir=OUT.figures, data=compare.rename_axis("tone").reset_index(),
            caption="Share of sentences VADER labels negative, neutral and positive, as scored and after removing the "
                    "war vocabulary listed in src/helpers/data/vader_war_terms.csv. The difference is tone that comes "
                    "from reporting violence, not from how it is reported.",
            source=SOURCE)
plt.show()

# %% [markdown]
# ## Validity: VADER against human ratings
#
# The VADER authors' news gold set: 5,190 sentences from 500 NYT editorials, each with the mean of 20 human
# ratings on −4…+4. Pearson r compares intensities; 3-class macro-F1 compares labels (VADER: ±0.05 on compound;
# gold: a mean rating of ≤ −0.5 or ≥ 0.5, i.e. one that rounds to a non-zero point of the scale, else neutral —
# the band that reproduces the published F1). The file ships with the project in `data/external/` (MIT; licence
# and citation in `data/external/README.md`); `gold_path` points the notebook at another copy.

# %%
gold_file = reference_path("vader_nyt_editorial_snippets.tsv", gold_path)
gold = sentiment.load_gold(gold_file) if gold_file else None
if gold is None:
    print(how_to_get("vader_nyt_editorial_snippets.tsv") + " Validity skipped.")
else:
    print(f"gold set: {paths.display_path(gold_file)}; {len(gold):,} sentences from {gold['editorial'].nunique()} editorials")

# %%
# NBVAL_CHECK_OUTPUT
# How well does plain VADER match human ratings, next to the published anchors?
if gold is not None:
    gold_scores = sentiment.score_sentences(gold["text"])["compound"]
    measured = sentiment.evaluate(gold_scores, gold["rating"])
    anchors = pd.concat([pd.DataFrame([("VADER (this run)", measured["pearson_r"], measured["macro_f1"])],
                                      columns=["model", "pearson_r", "macro_f1"]), sentiment.PUBLISHED_ANCHORS],
                        ignore_index=True)
    print(anchors.round(3).to_string(index=False))
else:
    print("skipped: no gold set")

# %% [markdown]
# ### Beyond the anchor: a blend fitted on half of the editorials
#
# The editorials are split in two seeded halves (no editorial on both sides). On the training half only, a ridge
# regression (intensity) and a logistic regression (3 classes) are fitted on TF-IDF uni- and bigrams plus the four
# VADER scores, with their regularisation chosen by 5-fold cross-validation grouped by editorial. Both are scored
# on the held-out half next to plain VADER on the same sentences.

# %%
# NBVAL_CHECK_OUTPUT
# Does the blend beat plain VADER on held-out editorials?
if gold is not None:
    comparison, blend = sentiment.held_out_comparison(gold, seed=seed)
    comparison.to_csv(OUT.tables / "03-validity.csv", index=False, lineterminator="\n")
    print(comparison.round(3).to_string(index=False))
    print(f"chosen by grouped CV on the training half: ridge alpha={blend.alpha_}, logistic C={blend.c_}")
else:
    comparison = None
    print("skipped: no gold set")

# %%
if gold is not None:
    bars = pd.concat([
        sentiment.PUBLISHED_ANCHORS.iloc[[0]],
        comparison.assign(model=comparison["model"] + " · " + comparison["sentences"])[["model", "pearson_r", "macro_f1"]],
        sentiment.PUBLISHED_ANCHORS.iloc[[1]],
    ], ignore_index=True)
    fig, axes = plt.subplots(1, 2, figsize=(10, 2.8), sharey=True)
    colours = ["#bbbbbb", PALETTE[0], PALETTE[5], PALETTE[1], "#555555"]
    for ax, metric, name in zip(axes, ["pearson_r", "macro_f1"], ["Pearson r", "3-class macro-F1"]):
        ax.barh(range(len(bars)), bars[metric], color=colours[: len(bars)])
        for i, v in enumerate(bars[metric]):
            ax.text(v + 0.01, i, f"{v:.2f}", va="center", fontsize=8)
        ax.set_xlim(0, 0.9)
        ax.set_xlabel(name)
        ax.grid(axis="y", visible=False)
    axes[0].set_yticks(range(len(bars)), bars["model"], fontsize=8)
    axes[0].invert_yaxis()
    fig.suptitle("Agreement with human ratings on NYT editorial sentences", x=0.01, ha="left", fontweight="bold")
    fig.tight_layout()
    save_figure(fig, "03-validity", out_dir=OUT.figures, data=bars,
                caption="Pearson r and 3-class macro-F1 against the mean of 20 human ratings (Hutto & Gilbert 2014 gold "
                        "set, 5,190 NYT editorial sentences): published VADER and human anchors, plain VADER in this "
                        "run (all sentences and the held-out half), and the VADER + TF-IDF blend fitted on the other "
                        "half of the editorials.",
                source="cjhutto/vaderSentiment NYT editorial snippets (MIT); published anchors from the VADER paper")
    plt.show()

# %% [markdown]
# ## Write the tables
#
# Sentence scores (without the text, which stays in the corpus), per-article tone, tone by actor, validity.

# %%
sentences.drop(columns=["text"]).to_csv(OUT.tables / "03-sentence-scores.csv", index=False, lineterminator="\n",
                                        date_format="%Y-%m-%d")
for name in ["03-sentence-scores.csv", "03-article-tone.csv", "03-tone-by-actor.csv"] + (["03-validity.csv"] if gold is not None else []):
    print(f"wrote {paths.display_path(OUT.tables / name)}")

# %%
show_versions()
