# %% [markdown]
# # 05 · Narrative framing: frames, naming, sources, hedging, loaded language and agency
#
# **What this notebook finds** (default corpus: the five seed articles in `data/raw/`, Oct 2022 – Mar 2023)
#
# - **Attrition runs through all five seeds** (7–23 % of each article's frame indicators; "meat grinder", "over
#   their corpses", "human wave", "bloodiest"), but the mix differs: one article leans on Western weapons and
#   support (15 %), another is half security and defence. Security and defence is 32 % of all indicators,
#   attrition 14 %.
# - **Naming splits even within five articles**: "Kiev" (one) and "Kyiv" (another), "Donbass" (two) and "Donbas"
#   (one), three spellings of Zelensky. "Artemovsk" and "liberation" occur only inside a quotation of Russia's
#   defence minister.
# - **Sources are mostly Ukrainian**: 31 of 55 attributions (56 %) cite a Ukrainian source, 6 (11 %) a Russian
#   one, 10 (18 %) an independent one (mostly one article: Al Jazeera's reporter and a RUSI analyst). Loaded
#   language is three times denser in quotations (17.9 per 1,000 words) than in narration (5.7), and 7 of 10
#   attack/defence clauses have a Russian agent.
# - **Across 15 outlets** (12,275 articles, documented run below): RT writes "Kiev" in 99.6 % of 3,093 mentions
#   of the capital and "Donbass" in 99.5 %, every other outlet "Kyiv" (≥ 96 %) and "Donbas" (≥ 94 %); "invasion"
#   is 4 % of RT's war names against 25–41 % elsewhere; RT cites Russian sources most (34 %, 95 % interval 33–36 %,
#   vs 10–30 %). The Mirror is the most loaded (4.7 loaded terms per 1,000 words of narration vs 0.1–2.2) and the
#   most attrition-framed. Only 119 articles match the Bakhmut query, 1–20 per outlet: intervals there are wide.
#
# **How.** `helpers.framing` applies six dictionaries kept as readable files in `src/helpers/data/`: a frame
# codebook (`frames.csv`, 17 frames — the Policy Frames Codebook dimensions that occur in war coverage plus the
# narratives of this battle — each mapped to its Policy Frames dimension), naming variants (`naming.csv`), source
# actors and reporting verbs (`attribution_actors.csv`, `attribution_verbs.txt`), hedges (`hedges.csv`, shared with the casualty extractor),
# loaded terms (`loaded_terms.csv`) and agent–action patterns (`agency_patterns.csv`). Every number below is a
# count of matched spans, and every span can be opened in a reading view.
#
# **Method and limits.** A dictionary finds the words an analyst chose, nothing else. On real sentences from public
# pages that no rule was tuned on (test third: 49 sentences from 22 pages), naming variants score F1 1.00
# (95 % interval 1.00–1.00, 70 occurrences), hedges F1 0.80 (0.57–0.95, only 12: "If confirmed" and future
# modals such as "may launch" are missed), and the side of an attributed source is right for 89 % of the sources
# found (0.76–1.00; 87 % of the labelled sources are found). On a hand-labelled sample of
# 84 sentences (36 from the seeds, 48 written for the test; `data/labelled/framing_precision_sample.csv`) the
# precision of the matches is: frames 0.98 (121 matches), naming 0.98 (62), attribution side 0.70 (47), hedges
# 1.00 (11), loaded terms 1.00 (11), agency 1.00 (14) — small samples, see the intervals below. What it misses:
# agency is the weakest on recall (about half of the attack/defence clauses in the sample: relative clauses,
# "By seizing Bakhmut, Russian forces…", nominal agents such as "Russian shelling destroyed…"); attribution is
# judged sentence by sentence, so a source named in an earlier paragraph ("he said", "added Baig") falls back to
# `other` — across a whole article the module carries the last source and surnames forward, which recovers most
# of these; "governor", "military" and "officials" without a nationality are `other`; companies and analysts
# with a nationality adjective are mis-sided. Frames count indicator words, not meaning: "killed" is attrition
# even when civilians were killed. Naming is the most reliable measure: spellings are unambiguous. The lexicons
# were written with the seeds in view, so precision on new text will be lower. Outlet comparisons count what
# outlets print, including wire copy they republish.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display

from helpers import framing as F
from helpers import paths
from helpers.corpus import filter_by_query
from helpers.evaluation import framing_scores
from helpers.figures import PALETTE, SEQUENTIAL, party_colours, party_labels, save_figure, use_house_style
from helpers.reading import reading_view
from helpers.study import open_corpus
from helpers.versions import show_versions

use_house_style()
pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 200)

# %% tags=["parameters"]
corpus = "data/raw"  # a folder of .txt files, a .csv(.gz) or a .jsonl; relative to the project root
output_dir = None  # None: figures in reports/figures, tables in reports/tables; else everything under this folder
conflict = "russia-ukraine"  # conflict profile (src/helpers/data/conflicts/): russia-ukraine, israel-gaza, sudan, or a folder
seed = 0  # seeds the bootstrap intervals
query = None  # the subset compared across outlets (regex); None: the conflict profile's focus (russia-ukraine: Bakhmut)
n_boot = 1000  # bootstrap resamples per interval
detail_max = 12  # per-article figures show at most this many articles (the richest ones of the query subset)
min_articles = 5  # outlet cells with fewer articles are drawn hollow
max_rows = 20  # rows shown per table (full tables are written to CSV)

# %%
study = open_corpus(corpus, conflict=conflict, sort=False, drop_duplicates=True, output_dir=output_dir)
OUT, CORPUS_NAME, articles, report = study.out, study.name, study.articles, study.report
SOURCE = f"{CORPUS_NAME}; helpers.framing dictionaries"
query = query if query is not None else (study.conflict.focus or None)
SIDES = F.attribution_sides()  # the sides a cited source can be on, from the conflict profile's sides.csv
FIRST, SECOND = study.conflict.sides  # russia-ukraine: russian, ukrainian
NAME = {side: party_labels()[side].removesuffix(" side") for side in (FIRST, SECOND)}  # "Russian", "Ukrainian"
tables = F.framing_tables(articles)
profiles = F.article_profiles(tables)
assert len(tables.articles) == len(articles) and articles["article_id"].is_unique
print(f"corpus: {CORPUS_NAME}; {len(articles):,} articles ({study.duplicates} duplicates left out); "
      f"output: {paths.display_path(OUT.root)}")

# %% [markdown]
# ## The evidence tables
#
# One long table per measure: each row is one matched span, with `article_id` and `start`/`end` offsets into the
# article's cleaned text. Counts per article are below; all tables are written to `reports/tables/05-*.csv`.

# %%
# NBVAL_CHECK_OUTPUT
# How much evidence does each measure find in this corpus?
evidence = pd.DataFrame({
    "spans": {name: len(getattr(tables, name)) for name in
              ["frames", "naming", "attributions", "hedges", "loaded", "agency"]},
    "articles_with_any": {name: getattr(tables, name)["article_id"].nunique() for name in
                          ["frames", "naming", "attributions", "hedges", "loaded", "agency"]},
})
print(f"{len(articles):,} articles, {int(tables.articles['words'].sum()):,} words")
print(evidence.to_string())
for name in ["frames", "naming", "attributions", "hedges", "loaded", "agency"]:
    getattr(tables, name).to_csv(OUT.tables / f"05-{name}.csv", index=False, lineterminator="\n")
profiles.round(4).to_csv(OUT.tables / "05-article-profiles.csv", lineterminator="\n")

# %% [markdown]
# ## Per-article comparison
#
# On the seeds every article is shown; on a large corpus the `detail_max` articles of the query subset with the
# most frame evidence (ties broken by id). Articles are labelled by the start of their id and their date (on a
# multi-outlet corpus: outlet, date and the end of the id).

# %%
pool = filter_by_query(articles, query)[0] if query else articles
if len(pool) == 0:
    pool = articles
if len(pool) > detail_max:
    richest = tables.articles.set_index("article_id").loc[pool["article_id"], "frame_matches"]
    chosen = richest.sort_index().sort_values(ascending=False, kind="stable").index[:detail_max]
    pool = pool[pool["article_id"].isin(chosen)]
detail = pool.sort_values("article_id").reset_index(drop=True)
TEXTS = dict(zip(articles["article_id"], articles["text"]))


def short_label(row):
    """A readable, unique article label: outlet, date and the id's last characters (or the id's start)."""
    outlet = row["outlet"] if isinstance(row["outlet"], str) and row["outlet"] else ""
    date = row["date"].strftime("%Y-%m-%d") if pd.notna(row["date"]) else "undated"
    if outlet:
        return f"{outlet} {date} …{str(row['article_id'])[-4:]}"
    return f"{str(row['article_id'])[:12]} · {date}"


LABEL = {row["article_id"]: short_label(row) for _, row in detail.iterrows()}
detail_profiles = profiles.loc[detail["article_id"]].rename(index=LABEL)
print(f"{len(detail)} articles in the per-article comparison")

# %% [markdown]
# ### Frames: which share of each article's frame indicators falls on each frame
#
# Rows are articles, columns frames (grouped by their Policy Frames dimension in the table written beside the
# figure); each cell is a share of that article's indicator matches, printed in per cent.

# %%
frame_cols = [c for c in profiles.columns if c.startswith("frame:")]
heat = detail_profiles[frame_cols].fillna(0.0)
heat.columns = [c.split(":", 1)[1] for c in frame_cols]
fig, ax = plt.subplots(figsize=(12, 1.2 + 0.45 * len(heat)))
image = ax.imshow(100 * heat.to_numpy(), aspect="auto", cmap=SEQUENTIAL, vmin=0, vmax=max(40, 100 * heat.to_numpy().max()))
ax.set_xticks(range(heat.shape[1]))
ax.set_xticklabels([c.replace("_", " ") for c in heat.columns], rotation=40, ha="right")
ax.set_yticks(range(len(heat)))
ax.set_yticklabels([f"{label} (n={n})" for label, n in zip(heat.index, detail_profiles["frame_matches"])])
ax.grid(False)
for (i, j), share in np.ndenumerate(100 * heat.to_numpy()):
    if share >= 0.5:
        ax.text(j, i, f"{share:.0f}", ha="center", va="center", fontsize=7,
                color="white" if share < 0.6 * image.get_clim()[1] else "black")
fig.colorbar(image, ax=ax, label="% of the article's frame indicators", fraction=0.025, pad=0.01)
ax.set_title("Frame mix per article")
frame_table = heat.assign(frame_matches=detail_profiles["frame_matches"]).round(4)
save_figure(fig, "05-frames-by-article", out_dir=OUT.figures, data=frame_table, source=SOURCE,
            caption="Share of each article's frame-indicator matches per frame (frames.csv; Policy Frames dimensions "
                    "plus battle narratives). Cells under 0.5 % are left blank.")
plt.show()

# %% [markdown]
# ### Naming: which variant each article uses
#
# Counts per concept and variant (possessives count with their base; a name inside another word never counts).
# `alignment` says whose usage a variant follows: Kyiv, Donbas, Bakhmut, "invasion", "occupation", "illegally
# annexed" are Ukrainian usage; Kiev, Donbass, Artemovsk, "special military operation", "liberation" Russian.

# %%
# NBVAL_CHECK_OUTPUT
# Which spelling and naming variants does each article use?
naming = tables.naming[tables.naming["article_id"].isin(detail["article_id"])]
naming_table = (naming.assign(article=naming["article_id"].map(LABEL))
                .groupby(["concept", "variant", "alignment", "article"]).size().unstack("article", fill_value=0))
naming_table = naming_table.reindex(columns=sorted(naming_table.columns))
lexicon_order = {cv: i for i, cv in enumerate(zip(F.load_lexicon("naming.csv")["concept"], F.load_lexicon("naming.csv")["variant"]))}
naming_table = naming_table.iloc[np.argsort([lexicon_order[(c, v)] for c, v, _ in naming_table.index], kind="stable")]
naming_table.to_csv(OUT.tables / "05-naming-by-article.csv", lineterminator="\n")
print(naming_table.head(60).to_string())

# %% [markdown]
# ### Sources: whom each article cites, by side
#
# Each reporting verb ("said", "told", "claimed", "according to" …) outside a quotation is one attribution; its
# source is sided with the conflict profile's `sides.csv` (named people and institutions first, then nationality, then
# generic words such as "officials"). A pronoun takes the article's previous source.

# %%
SIDE_COLOUR = party_colours()  # one colour per side for the whole suite (helpers.figures)
side_cols = [f"source:{s}" for s in SIDES]
shares = detail_profiles[side_cols].fillna(0.0)
fig, ax = plt.subplots(figsize=(9, 1.2 + 0.4 * len(shares)))
left = np.zeros(len(shares))
for side, column in zip(SIDES, side_cols):
    ax.barh(range(len(shares)), 100 * shares[column], left=left, color=SIDE_COLOUR[side], label=side)
    left += 100 * shares[column].to_numpy()
ax.set_yticks(range(len(shares)))
ax.set_yticklabels([f"{label} (n={n})" for label, n in zip(shares.index, detail_profiles["attributions"])])
ax.invert_yaxis()
ax.set_xlim(0, 100)
ax.set_xlabel("% of the article's attributions")
ax.legend(ncol=5, loc="lower center", bbox_to_anchor=(0.5, 1.0), title=None)
ax.set_title("Whom each article cites", pad=28)
save_figure(fig, "05-sources-by-article", out_dir=OUT.figures, data=shares.assign(attributions=detail_profiles["attributions"]).round(4),
            source=SOURCE, caption="Share of each article's attributions (reporting verb + source) by the side of the "
                                   "source; n = attributions in the article.")
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
# Who is cited, with which verbs, in the per-article set?
attrib = tables.attributions[tables.attributions["article_id"].isin(detail["article_id"])]
print(pd.crosstab(attrib["lemma"], attrib["side"], margins=True, margins_name="total")
      .reindex(columns=[*[s for s in SIDES if s in set(attrib["side"])], "total"]).to_string())

# %% [markdown]
# ### Hedging, loaded language and agency
#
# Hedges per 1,000 words (verification statements, "reportedly", "most likely"); loaded terms per 1,000 words of
# narration and of quotation (the quote detector marks “…”, "…" and ‘…’ passages); and, in attack and defence
# clauses, how often each side is the grammatical agent.

# %%
rates = pd.DataFrame({
    "hedges per 1,000 words": detail_profiles["hedges_per_1000"],
    "loaded, narration": detail_profiles["loaded_narration_per_1000"],
    "loaded, quotation": detail_profiles["loaded_quotation_per_1000"],
})
agency_detail = tables.agency[tables.agency["article_id"].isin(detail["article_id"])]
agents = (agency_detail.assign(article=agency_detail["article_id"].map(LABEL))
          .groupby(["article", "side"]).size().unstack(fill_value=0)
          .reindex(index=detail_profiles.index, columns=[FIRST, SECOND], fill_value=0))
fig, axes = plt.subplots(1, 3, figsize=(13, 1.4 + 0.42 * len(rates)), sharey=True)
y = np.arange(len(rates))
axes[0].barh(y, rates["hedges per 1,000 words"].fillna(0), color=PALETTE[0])
axes[0].set_title("Hedges per 1,000 words", fontsize=10)
axes[1].barh(y - 0.2, rates["loaded, narration"].fillna(0), height=0.4, color=PALETTE[1], label="narration")
axes[1].barh(y + 0.2, rates["loaded, quotation"].fillna(0), height=0.4, color=PALETTE[4], label="quotation")
axes[1].set_title("Loaded terms per 1,000 words", fontsize=10)
axes[1].legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - 0.4 / len(rates)), ncol=2)
axes[2].barh(y, agents[FIRST], color=SIDE_COLOUR[FIRST], label=f"{NAME[FIRST]} agent")
axes[2].barh(y, agents[SECOND], left=agents[FIRST], color=SIDE_COLOUR[SECOND], label=f"{NAME[SECOND]} agent")
axes[2].set_title("Attack/defence clauses by agent", fontsize=10)
axes[2].legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - 0.4 / len(rates)), ncol=2)
axes[2].xaxis.get_major_locator().set_params(integer=True)
axes[0].set_yticks(y)
axes[0].set_yticklabels(rates.index)
axes[0].invert_yaxis()
save_figure(fig, "05-hedges-loaded-agency-by-article", out_dir=OUT.figures, data=rates.join(agents).round(3), source=SOURCE,
            caption="Per article: hedges per 1,000 words; loaded terms per 1,000 words of narration and of quotation; "
                    f"number of attack/defence clauses whose agent is {NAME[FIRST]} or {NAME[SECOND]}.")
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
# Which loaded terms appear, and in whose voice (narration or quotation)?
loaded = tables.loaded[tables.loaded["article_id"].isin(detail["article_id"])]
voice = pd.Series(np.where(loaded["in_quote"], "quotation", "narration"), index=loaded.index, name="voice")
print(pd.crosstab(loaded["term"], voice, margins=True, margins_name="total").to_string())

# %% [markdown]
# ### The framing profile and a similarity map
#
# Each article's profile combines all measures (frame shares, source shares, the share of Ukrainian-aligned
# naming, hedge and loaded-language rates, the share of Russian agents). After standardising each feature, the
# cosine similarity of two profiles is 1 for the same mix and negative for opposite mixes. Standardising centres
# the features on the articles shown, so with only a few articles most pairs come out negative: read the map for
# which articles are closer than others, not for absolute values.

# %%
similarity = F.profile_similarity(detail_profiles)
fig, ax = plt.subplots(figsize=(2.5 + 0.55 * len(similarity), 1.5 + 0.5 * len(similarity)))
image = ax.imshow(similarity.to_numpy(), cmap="RdBu_r", vmin=-1, vmax=1)
ax.set_xticks(range(len(similarity)))
ax.set_xticklabels(similarity.columns, rotation=40, ha="right")
ax.set_yticks(range(len(similarity)))
ax.set_yticklabels(similarity.index)
ax.grid(False)
for (i, j), value in np.ndenumerate(similarity.to_numpy()):
    ax.text(j, i, f"{round(value, 2) + 0.0:.2f}", ha="center", va="center", fontsize=8, color="white" if abs(value) > 0.6 else "black")
fig.colorbar(image, ax=ax, label="cosine similarity of standardised profiles", fraction=0.04)
ax.set_title("How alike are the articles' framing profiles?")
save_figure(fig, "05-profile-similarity", out_dir=OUT.figures, data=similarity.round(4), source=SOURCE,
            caption="Cosine similarity between articles' framing profiles (frame shares, source shares, naming "
                    "alignment, hedge and loaded-language rates, agent share), each feature standardised.")
plt.show()

# %% [markdown]
# ### Reading view: the evidence behind every measure
#
# The article with the most evidence of the per-article set, once per measure; hover over a highlight for its
# details. All text is HTML-escaped. To read another article: `reading_view(TEXTS[article_id],
# F.evidence_spans(TEXTS[article_id], measures=("hedges",)))`.

# %%
totals = tables.articles.set_index("article_id").loc[detail["article_id"]]
focus = (totals[["frame_matches", "naming_matches", "attributions", "hedges", "agency_clauses"]].sum(axis=1)
         .sort_index().idxmax())
for measures in [("frames",), ("naming",), ("attribution",), ("hedges", "loaded", "agency")]:
    spans = F.evidence_spans(TEXTS[focus], measures=measures)
    display(reading_view(TEXTS[focus], spans, title=f"{LABEL[focus]} — {', '.join(measures)} ({len(spans)} spans)"))

# %% [markdown]
# ## How good are the dictionaries on real news text?
#
# `data/labelled/framing_real.jsonl` holds 180 sentences copied verbatim from 76 public news pages (Russian state
# media, Ukrainian and Western outlets, wire copy), each labelled with the naming variants, hedges and attributed
# sources it contains (rules in `data/labelled/README.md`). The pages were split by a hash of their URL before
# any rule was tuned; the `test` third was never read for errors. Naming and hedges are scored as F1 over their
# occurrences; an attribution is found when the labelled reporting verb is found, and its side is then checked.
# Intervals resample whole pages. The test third is small (49 sentences, 22 pages): hedges rest on 12 items.

# %%
# NBVAL_CHECK_OUTPUT
# How well do naming, hedges and attribution side read real sentences they were not tuned on?
real_framing = pd.concat([framing_scores(split).assign(split=split) for split in ("test", "tune")])
print(real_framing.pivot(index="measure", columns="split", values="value").round(3).to_string())
print()
for measure, row in real_framing[real_framing["split"] == "test"].set_index("measure").iterrows():
    print(f"test third: {measure:<26} {row['value']:.3f}  (95% interval {row['ci_low']:.3f}–{row['ci_high']:.3f}, "
          f"n = {row['n']:,})")

# %% [markdown]
# ## Precision on the team's hand-judged sample
#
# Each match the dictionaries make in the 84 sample sentences was judged correct or incorrect by hand, and what
# they should have found but did not was noted (`missed`). Precision has a 95 % Wilson interval; `recall_proxy`
# = correct / (correct + missed) is an upper bound on recall (the labeller notes only misses they saw).

# %%
# NBVAL_CHECK_OUTPUT
# How precise is each measure on the hand-labelled sample?
precision = F.precision_table()
print(precision.round(2).to_string(index=False))

# %%
sample = pd.read_csv(paths.DATA_LABELLED / "framing_precision_sample.csv", dtype=str, keep_default_na=False)
print("What the dictionaries got wrong or missed in the sample:")
sample[sample["judgement"].isin(["incorrect", "missed"])][["sentence_id", "measure", "label", "matched", "judgement",
                                                           "note"]].head(max_rows * 2)

# %% [markdown]
# ## Outlet comparison
#
# Which outlet frames the war how, names places how, and cites whom. Runs when the corpus has an `outlet` column
# with several outlets, such as a CSV with `outlet` and `text` columns (the 15-outlet corpus the findings above
# quote is one; it may not be redistributed, so it is passed by path and never stored here):
#
# ```
# .venv/bin/python -m papermill notebooks/05-narrative-framing.ipynb reports/05-media.ipynb \
#     -p corpus path/to/ukraine_media_2022.csv.gz -p output_dir reports/05-media
# ```
#
# (or `make report CORPUS=path/to/ukraine_media_2022.csv.gz OUT=reports/media`). Each comparison is made twice: on the whole corpus and on the articles matching
# `query` (Bakhmut). Every share has a 95 % cluster-bootstrap interval (resampling articles within an outlet, since
# the mentions of one article are not independent) and the number of articles behind it.

# %%
outlets = articles["outlet"].dropna()
outlets = outlets[outlets.astype(str).str.strip() != ""]
HAS_OUTLETS = outlets.nunique() >= 2
if HAS_OUTLETS:
    subsets = {"all articles": articles}
    if query:
        bakhmut, query_counts = filter_by_query(articles, query)
        print(f"query {query!r}: {query_counts['after']:,} of {query_counts['before']:,} articles")
        subsets[f"query: {query}"] = bakhmut
    OUTLET_ORDER = sorted(outlets.unique(), key=lambda o: (-int((articles["outlet"] == o).sum()), o))
    print(articles["outlet"].value_counts().reindex(OUTLET_ORDER).to_string())
else:
    subsets = {}
    display(Markdown(
        "**This corpus has no outlet column** (the five seeds are single articles without outlet metadata), so "
        "there is nothing to compare across outlets. Run the documented command above with `corpus` set to a "
        "multi-outlet file (a CSV with `outlet` and `text` columns) to produce this section."))


def groups_of(frame):
    """article_id -> outlet for the articles of one subset."""
    return frame.set_index("article_id")["outlet"]


def restrict(long, frame):
    """Rows of a long evidence table that belong to the articles of ``frame``."""
    return long[long["article_id"].isin(frame["article_id"])]


# %% [markdown]
# ### Naming by outlet
#
# For six naming choices, the share of an outlet's mentions that use the variant. An outlet counts for a concept
# only through its articles that mention the concept at all (n).

# %%
NAMING_VIEWS = [  # (concept, variant shown, variants compared, panel title)
    ("capital", "Kyiv", ["Kyiv", "Kiev"], "Kyiv (vs Kiev)"),
    ("donbas", "Donbas", ["Donbas", "Donbass"], "Donbas (vs Donbass)"),
    ("president", "Zelenskyy", ["Zelenskyy", "Zelensky", "Zelenskiy"], "Zelenskyy (vs Zelensky, Zelenskiy)"),
    ("war_naming", "invasion", None, "'invasion' among war names"),
    ("war_naming", "special military operation", None, "'special military operation' among war names"),
    ("territory_status", "liberation", None, "'liberation' among territory words"),
]


def naming_by_outlet(frame, label):
    """Dot-and-whisker panels of naming choices per outlet for one subset; returns the table behind them."""
    parts = []
    fig, axes = plt.subplots(2, 3, figsize=(14, 10), sharey=True)
    for ax, (concept, variant, compared, title) in zip(axes.ravel(), NAMING_VIEWS):
        long = restrict(tables.naming, frame)
        long = long[long["concept"] == concept]
        categories = compared or F.load_lexicon("naming.csv").query("concept == @concept")["variant"].tolist()
        long = long[long["variant"].isin(categories)]
        table = F.group_shares(long, groups_of(frame), "variant", categories, seed=seed, n_boot=n_boot)
        table = table[table["category"] == variant].assign(concept=concept)
        parts.append(table)
        F.plot_group_intervals(ax, table, OUTLET_ORDER, title=title, min_articles=min_articles)
    for ax in axes[:, 1:].ravel():
        ax.tick_params(labelleft=False)
    fig.suptitle(f"Naming choices by outlet — {label}", x=0.01, ha="left", fontweight="bold")
    fig.tight_layout()
    fig.subplots_adjust(wspace=0.3)  # room for the n= labels
    return fig, pd.concat(parts, ignore_index=True)


for index, (label, frame) in enumerate(subsets.items()):
    fig, table = naming_by_outlet(frame, label)
    suffix = "" if index == 0 else "-bakhmut"
    save_figure(fig, f"05-naming-by-outlet{suffix}", out_dir=OUT.figures, data=table.round(4), source=SOURCE,
                caption=f"Share of each outlet's mentions that use a naming variant ({label}), with 95 % "
                        f"cluster-bootstrap intervals; n = articles mentioning the concept; hollow: n < {min_articles}.")
    plt.show()

# %%
# NBVAL_CHECK_OUTPUT
# Which outlets write Kiev, Donbass or "special military operation" (whole corpus)?
if HAS_OUTLETS:
    long = tables.naming
    counts = (long.assign(outlet=long["article_id"].map(groups_of(articles)))
              .groupby(["outlet", "variant"]).size().unstack(fill_value=0))
    key = ["Kyiv", "Kiev", "Donbas", "Donbass", "Bakhmut", "Artemovsk", "invasion", "special military operation",
           "liberation", "illegally annexed"]
    counts = counts.reindex(index=OUTLET_ORDER, columns=key, fill_value=0)
    counts.to_csv(OUT.tables / "05-naming-by-outlet-counts.csv", lineterminator="\n")
    print(counts.to_string())
else:
    print("no outlet column: see the command above")

# %% [markdown]
# ### Frames by outlet
#
# The share of an outlet's frame-indicator matches that falls on each frame (pooled over its articles). The row
# label carries the number of articles with at least one match; the interval of every cell is in the CSV beside
# the figure, and the four battle narratives are drawn with their intervals below the heatmap.

# %%
FRAMES = F.frame_profile("")["frame"].tolist()  # the codebook order


def frames_by_outlet(frame, label):
    """Heatmap of frame shares per outlet plus interval panels for four narratives; returns the table."""
    table = F.group_shares(restrict(tables.frames, frame), groups_of(frame), "frame", FRAMES, seed=seed, n_boot=n_boot)
    wide = table.pivot(index="group", columns="category", values="share").reindex(index=OUTLET_ORDER, columns=FRAMES)
    n = table.drop_duplicates("group").set_index("group")["n_articles"].reindex(OUTLET_ORDER).fillna(0).astype(int)
    fig = plt.figure(figsize=(15, 13))
    grid = fig.add_gridspec(2, 4, height_ratios=[1.35, 1], hspace=0.45, wspace=0.3)
    ax = fig.add_subplot(grid[0, :])
    values = 100 * wide.to_numpy(dtype=float)  # NaN: an outlet with no article in this subset
    image = ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap=SEQUENTIAL, vmin=0,
                      vmax=max(30, np.nanmax(values)))
    ax.set_facecolor("#eeeeee")
    ax.set_xticks(range(len(FRAMES)))
    ax.set_xticklabels([f.replace("_", " ") for f in FRAMES], rotation=35, ha="right")
    ax.set_yticks(range(len(OUTLET_ORDER)))
    ax.set_yticklabels([f"{o} (n={k:,})" for o, k in zip(OUTLET_ORDER, n)])
    ax.grid(False)
    for (i, j), share in np.ndenumerate(values):
        if np.isnan(share):
            continue
        ax.text(j, i, f"{share:.0f}", ha="center", va="center", fontsize=7,
                color="white" if share < 0.6 * image.get_clim()[1] else "black")
    fig.colorbar(image, ax=ax, label="% of the outlet's frame indicators", fraction=0.02, pad=0.01)
    ax.set_title(f"Frame mix by outlet — {label}")
    for k, narrative in enumerate(["attrition", "western_support", "civilian_suffering", "symbolic_victory"]):
        panel = fig.add_subplot(grid[1, k])
        part = table[table["category"] == narrative]
        F.plot_group_intervals(panel, part, OUTLET_ORDER, title=narrative.replace("_", " "), min_articles=min_articles)
        panel.set_xlim(0, max(5, float(np.nanmax(100 * part["high"].to_numpy(dtype=float))) * 1.1)
                       if part["high"].notna().any() else 10)
        if k:
            panel.tick_params(labelleft=False)
    return fig, table


for index, (label, frame) in enumerate(subsets.items()):
    fig, table = frames_by_outlet(frame, label)
    suffix = "" if index == 0 else "-bakhmut"
    save_figure(fig, f"05-frames-by-outlet{suffix}", out_dir=OUT.figures, data=table.round(4), source=SOURCE,
                caption=f"Share of each outlet's frame-indicator matches per frame ({label}); below, four battle "
                        "narratives with 95 % cluster-bootstrap intervals; n = articles with at least one match.")
    plt.show()

# %% [markdown]
# ### Sources by outlet
#
# The share of an outlet's attributions whose source is Ukrainian, Russian, Western, independent or other.

# %%
def sources_by_outlet(frame, label):
    """Five interval panels (one per side) of source shares per outlet; returns the table."""
    table = F.group_shares(restrict(tables.attributions, frame), groups_of(frame), "side", list(SIDES),
                           seed=seed, n_boot=n_boot)
    fig, axes = plt.subplots(1, 5, figsize=(16, 6.5), sharey=True)
    for ax, side in zip(axes, SIDES):
        part = table[table["category"] == side]
        F.plot_group_intervals(ax, part, OUTLET_ORDER, title=f"{side} sources", colour=SIDE_COLOUR[side],
                               min_articles=min_articles)
        ax.set_xlim(0, 80)
    fig.suptitle(f"Whom outlets cite — {label}", x=0.01, ha="left", fontweight="bold")
    fig.tight_layout()
    fig.subplots_adjust(wspace=0.3)
    return fig, table


for index, (label, frame) in enumerate(subsets.items()):
    fig, table = sources_by_outlet(frame, label)
    suffix = "" if index == 0 else "-bakhmut"
    save_figure(fig, f"05-sources-by-outlet{suffix}", out_dir=OUT.figures, data=table.round(4), source=SOURCE,
                caption=f"Share of each outlet's attributions by the side of the source ({label}), with 95 % "
                        f"cluster-bootstrap intervals; n = articles with at least one attribution.")
    plt.show()

# %% [markdown]
# ### Hedging, loaded language and agency by outlet
#
# Rates per 1,000 words are pooled over an outlet's articles (sum of counts / sum of words) with a bootstrap
# interval over its articles; agency is the share of attack/defence clauses with a Russian agent.

# %%
def rates_by_outlet(frame, label):
    """Four interval panels: hedges, loaded (narration, quotation) per 1,000 words, Russian-agent share."""
    summary = tables.articles.set_index("article_id").loc[frame["article_id"]]
    groups = groups_of(frame)
    panels = [
        ("hedges per 1,000 words", F.group_rates(summary["hedges"], summary["words"], groups, seed=seed, n_boot=n_boot)),
        ("loaded terms per 1,000 words of narration",
         F.group_rates(summary["loaded_narration"], summary["narration_words"], groups, seed=seed, n_boot=n_boot)),
        ("loaded terms per 1,000 words of quotation",
         F.group_rates(summary["loaded_quotation"], summary["quotation_words"], groups, seed=seed, n_boot=n_boot)),
    ]
    agency_share = F.group_shares(restrict(tables.agency, frame), groups, "side", [FIRST, SECOND],
                                  seed=seed, n_boot=n_boot)
    fig, axes = plt.subplots(1, 4, figsize=(16, 6.5), sharey=True)
    parts = []
    for ax, (title, table) in zip(axes, panels):
        F.plot_group_intervals(ax, table.rename(columns={"rate": "share"}), OUTLET_ORDER, title=title,
                               percent=False, min_articles=min_articles)
        ax.set_xlim(left=0)
        ax.set_xlabel("per 1,000 words (95 % interval)")
        parts.append(table.assign(measure=title))
    part = agency_share[agency_share["category"] == FIRST]
    F.plot_group_intervals(axes[3], part, OUTLET_ORDER, title=f"{NAME[FIRST]} agent in attack/defence clauses",
                           min_articles=min_articles)
    parts.append(part.rename(columns={"share": "rate"}).assign(measure=f"{FIRST} agent share (rate = share)"))
    fig.suptitle(f"Hedging, loaded language and agency by outlet — {label}", x=0.01, ha="left", fontweight="bold")
    fig.tight_layout()
    fig.subplots_adjust(wspace=0.3)
    return fig, pd.concat(parts, ignore_index=True)


for index, (label, frame) in enumerate(subsets.items()):
    fig, table = rates_by_outlet(frame, label)
    suffix = "" if index == 0 else "-bakhmut"
    save_figure(fig, f"05-hedges-loaded-agency-by-outlet{suffix}", out_dir=OUT.figures, data=table.round(4), source=SOURCE,
                caption=f"Per outlet ({label}): hedges and loaded terms per 1,000 words (narration, quotation) and "
                        f"the share of attack/defence clauses with a {NAME[FIRST]} agent; 95 % bootstrap intervals over "
                        "articles; n = articles.")
    plt.show()

# %% [markdown]
# ### A similarity map of outlets
#
# The mean framing profile of each outlet's articles, compared as above (standardised features, cosine
# similarity), on the whole corpus.

# %%
if HAS_OUTLETS:
    outlet_profiles = profiles.join(groups_of(articles).rename("outlet")).groupby("outlet").mean(numeric_only=True)
    outlet_profiles = outlet_profiles.reindex(OUTLET_ORDER)
    outlet_similarity = F.profile_similarity(outlet_profiles)
    fig, ax = plt.subplots(figsize=(10, 8.5))
    image = ax.imshow(outlet_similarity.to_numpy(), cmap="RdBu_r", vmin=-1, vmax=1)
    ax.set_xticks(range(len(OUTLET_ORDER)))
    ax.set_xticklabels(OUTLET_ORDER, rotation=40, ha="right")
    ax.set_yticks(range(len(OUTLET_ORDER)))
    ax.set_yticklabels(OUTLET_ORDER)
    ax.grid(False)
    for (i, j), value in np.ndenumerate(outlet_similarity.to_numpy()):
        ax.text(j, i, f"{round(value, 1) + 0.0:.1f}", ha="center", va="center", fontsize=7,
                color="white" if abs(value) > 0.6 else "black")
    fig.colorbar(image, ax=ax, label="cosine similarity of standardised mean profiles", fraction=0.04)
    ax.set_title("How alike are the outlets' framing profiles?")
    save_figure(fig, "05-outlet-similarity", out_dir=OUT.figures, data=outlet_similarity.round(4), source=SOURCE,
                caption="Cosine similarity between outlets' mean framing profiles (frame shares, source shares, naming "
                        "alignment, hedge and loaded-language rates, agent share), each feature standardised.")
    plt.show()
else:
    print("no outlet column: see the command above")

# %% [markdown]
# ## Findings, computed
#
# The numbers behind the bullet points at the top.

# %%
# NBVAL_CHECK_OUTPUT
# What are the headline numbers for this corpus?
naming_all = tables.naming
def share_of(variant, concept):
    part = naming_all[naming_all["concept"] == concept]
    return (part["variant"] == variant).mean() if len(part) else float("nan")
sides = tables.attributions["side"].value_counts(normalize=True).reindex(list(SIDES), fill_value=0)
frames_total = tables.frames["frame"].value_counts(normalize=True)
print(f"articles: {len(articles):,}")
print(f"top frames: " + ", ".join(f"{f} {100 * s:.0f} %" for f, s in frames_total.head(4).items()))
if {"capital", "donbas"} <= set(naming_all["concept"]):  # the russia-ukraine profile's naming concepts
    print(f"Kyiv share of capital mentions: {100 * share_of('Kyiv', 'capital'):.0f} %; "
          f"Donbas share: {100 * share_of('Donbas', 'donbas'):.0f} %")
else:  # another profile: the commonest variant of each of its three most mentioned concepts
    for concept in naming_all["concept"].value_counts().head(3).index:
        variant = naming_all.loc[naming_all["concept"] == concept, "variant"].value_counts().idxmax()
        print(f"{variant} share of {concept} mentions: {100 * share_of(variant, concept):.0f} %")
print("attributions by side: " + ", ".join(f"{s} {100 * v:.0f} %" for s, v in sides.items()))
print(f"hedges per 1,000 words: {1000 * len(tables.hedges) / tables.articles['words'].sum():.2f}")
quoted = tables.loaded["in_quote"]
print(f"loaded terms per 1,000 words: narration {1000 * (~quoted).sum() / tables.articles['narration_words'].sum():.2f}, "
      f"quotation {1000 * quoted.sum() / max(1, tables.articles['quotation_words'].sum()):.2f}")
agency_sides = tables.agency["side"].value_counts(normalize=True)
print("agents in attack/defence clauses: " + ", ".join(f"{s} {100 * v:.0f} %" for s, v in agency_sides.items()))

# %%
show_versions()
