"""Tests for helpers.topics: scaled vectorizer defaults, stop words, determinism, shapes, similarity, prevalence."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
import scipy.sparse.linalg  # noqa: F401  (sparse.linalg.norm)

from helpers import topics

WAR = [
    "Wagner fighters pressed the assault on Bakhmut as artillery shelled the eastern city.",
    "Artillery duels around Bakhmut continued; Wagner mercenaries claimed gains near Soledar salt mines.",
    "Soledar salt mine tunnels were the focus of Wagner claims, Reuters said on Tuesday.",
]
ENERGY = [
    "Gas prices rose in Europe as pipeline flows fell and energy bills climbed for households.",
    "European energy ministers discussed a gas price cap while pipeline deliveries stalled.",
    "Households face higher energy bills after gas prices jumped, the minister told reporters.",
]
AID = [
    "Western governments pledged tanks and air defence systems in a new military aid package.",
    "The aid package includes tanks, ammunition and air defence, officials in Washington said.",
    "Germany agreed to send tanks after allies pressed Berlin over military aid.",
]
CORPUS = WAR + ENERGY + AID


def larger_corpus(n_docs: int, seed: int = 0) -> list[str]:
    """Synthetic corpus of three vocabularies mixed at random, with shared filler words."""
    rng = np.random.default_rng(seed)
    pools = [" ".join(WAR).split(), " ".join(ENERGY).split(), " ".join(AID).split()]
    docs = []
    for i in range(n_docs):
        pool = pools[i % 3]
        docs.append(" ".join(rng.choice(pool, size=40)))
    return docs


def test_stop_words_include_news_furniture_and_english():
    stop = topics.news_stop_words()
    for word in ["said", "told", "reuters", "ap", "getty", "photo", "image", "mr", "ms", "the", "and"]:
        assert word in stop
    assert "bakhmut" not in stop and "wagner" not in stop


def test_stop_words_never_become_terms_or_bigram_parts():
    matrix, vocab = topics.tfidf_matrix(CORPUS)
    words = {w for term in vocab for w in term.split()}
    assert not words & {"said", "told", "reuters", "tuesday", "the"}
    assert any(" " in term for term in vocab), "bigrams expected"
    assert not any(ch.isdigit() for term in vocab for ch in term)


@pytest.mark.parametrize(
    "n_docs, expected",
    [(5, (1, 1.0)), (50, (1, 0.95)), (500, (2, 0.8)), (12_293, (6, 0.5)), (100_000, (50, 0.5))],
)
def test_vectorizer_scales_with_corpus_size(n_docs, expected):
    vectorizer = topics.build_vectorizer(n_docs)
    assert (vectorizer.min_df, vectorizer.max_df) == expected
    assert vectorizer.sublinear_tf and vectorizer.ngram_range == (1, 2)
    assert vectorizer.max_features == topics.MAX_FEATURES_TERMS


def test_tiny_corpus_works_and_empty_documents_are_safe():
    matrix, vocab = topics.tfidf_matrix(["Bakhmut shelling", "", None, "said told the"])
    assert matrix.shape[0] == 4 and len(vocab) == matrix.shape[1] > 0
    assert matrix[1].nnz == 0 and matrix[2].nnz == 0
    matrix, vocab = topics.tfidf_matrix(["said the", "told a"])
    assert matrix.shape == (2, 0)


def test_top_terms_are_ranked_and_deterministic():
    matrix, vocab = topics.tfidf_matrix(CORPUS)
    table = topics.top_terms(matrix, vocab, k=4, doc_ids=[f"a{i}" for i in range(len(CORPUS))])
    assert list(table.columns) == ["doc", "rank", "term", "weight"]
    assert table.groupby("doc").size().max() == 4
    for _, group in table.groupby("doc"):
        assert list(group["rank"]) == list(range(1, len(group) + 1))
        assert group["weight"].is_monotonic_decreasing
    pd.testing.assert_frame_equal(table, topics.top_terms(matrix, vocab, k=4, doc_ids=[f"a{i}" for i in range(9)]))


def test_fit_topics_is_deterministic_with_expected_shapes():
    terms_a, docs_a = topics.fit_topics(CORPUS, 3, random_state=0)
    terms_b, docs_b = topics.fit_topics(list(CORPUS), 3, random_state=0)
    pd.testing.assert_frame_equal(terms_a, terms_b)
    pd.testing.assert_frame_equal(docs_a, docs_b)
    assert docs_a.shape == (9, 3)
    assert list(terms_a.columns) == ["topic", "label", "rank", "term", "weight"]
    assert terms_a["label"].nunique() == 3 and list(docs_a.columns) == list(terms_a["label"].unique())
    np.testing.assert_allclose(docs_a.sum(axis=1), 1.0)
    # the three themes land in three different topics
    dominant = topics.dominant_topic(docs_a)
    assert dominant.iloc[0:3].nunique() == 1 and dominant.iloc[3:6].nunique() == 1 and dominant.iloc[6:9].nunique() == 1
    assert dominant.iloc[[0, 3, 6]].nunique() == 3


def test_fit_topics_caps_k_and_handles_five_documents():
    terms, docs = topics.fit_topics(CORPUS[:5], 20)
    assert docs.shape == (5, 5)
    assert docs.columns.str.match(r"T\d+ ").all()


def test_topic_labels_skip_terms_contained_in_earlier_terms():
    vocab = np.array(["wagner group", "wagner", "group", "soledar", "salt"])
    labels = topics.topic_labels(np.array([[5.0, 4.0, 3.0, 2.0, 1.0]]), vocab)
    assert labels == ["T1 wagner group · soledar · salt"]


def test_larger_corpus_topics_and_choose_k():
    docs = larger_corpus(600)
    table, chosen = topics.choose_k(docs, k_values=[2, 3, 4, 6])
    assert list(table.columns) == ["k", "reconstruction_error", "coherence", "n_iter", "chosen"]
    assert table["reconstruction_error"].is_monotonic_decreasing
    assert table["coherence"].between(-1, 1).all()
    assert table["chosen"].sum() == 1 and chosen in {2, 3, 4, 6}
    best = table["coherence"].max()
    assert chosen == table.loc[table["coherence"] >= best - 0.01, "k"].min()
    terms, doc_topics = topics.fit_topics(docs, 3)
    assert doc_topics.shape == (600, 3)


def test_choose_k_samples_large_corpora():
    table, _ = topics.choose_k(larger_corpus(300), k_values=[2, 3], sample_size=100)
    assert table.attrs["n_docs"] == 100


def test_npmi_bounds():
    binary = sparse.csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 0, 1]]))
    scores = topics.coherence_npmi([[0, 1], [0, 2]], binary)
    assert scores[0] == pytest.approx(1.0)
    assert scores[1] == pytest.approx(-1.0)


def test_similarity_and_near_duplicates_dense_and_sparse_agree():
    docs = CORPUS + [CORPUS[0] + " Photo: Getty Images."]
    matrix, vocab = topics.tfidf_matrix(docs)
    dense = topics.similarity(matrix)
    assert dense.shape == (10, 10)
    np.testing.assert_allclose(np.diag(dense), 1.0)
    np.testing.assert_allclose(dense, dense.T)
    pairs = topics.near_duplicates(dense, 0.8)
    assert list(pairs[["doc_a", "doc_b"]].itertuples(index=False, name=None)) == [(0, 9)]
    sparse_sim = topics.similarity(matrix, threshold=0.8, chunk_size=3)
    pairs_sparse = topics.near_duplicates(sparse_sim, 0.8)
    pd.testing.assert_frame_equal(pairs, pairs_sparse, check_dtype=False)
    named = topics.near_duplicates(dense, 0.8, ids=[f"a{i}" for i in range(10)])
    assert named.iloc[0]["doc_a"] == "a0" and named.iloc[0]["doc_b"] == "a9"


def test_prevalence_is_normalised_by_documents_per_period():
    doc_topics = pd.DataFrame({"T1 war": [1.0, 1.0, 1.0, 1.0, 0.0, 0.5], "T2 gas": [0.0, 0.0, 0.0, 0.0, 1.0, 0.5]})
    dates = ["2022-01-05", "2022-01-06", "2022-01-20", "2022-01-21", "2022-02-01", None]
    table = topics.prevalence_over_time(doc_topics, dates, freq="MS")
    wide = table.pivot(index="period", columns="topic", values="share")
    # January has 4 documents, all war; February has 1 document, all gas: shares, not counts
    assert wide.loc[pd.Timestamp("2022-01-01"), "T1 war"] == pytest.approx(1.0)
    assert wide.loc[pd.Timestamp("2022-02-01"), "T2 gas"] == pytest.approx(1.0)
    np.testing.assert_allclose(wide.sum(axis=1), 1.0)
    assert table.attrs["undated"] == 1
    assert set(table.loc[table["period"] == pd.Timestamp("2022-01-01"), "n_docs"]) == {4}


def test_hashed_tfidf_matches_shape_and_is_normalised():
    matrix = topics.hashed_tfidf(iter(CORPUS), n_features=2**12, batch_size=4)
    assert matrix.shape == (9, 2**12)
    np.testing.assert_allclose(sparse.linalg.norm(matrix, axis=1), 1.0)
    hasher = topics.hashed_vectorizer(2**12)
    said_column = hasher.transform(["said"]).nnz
    assert said_column == 0  # stop words are dropped before hashing
    sim = topics.similarity(matrix)
    assert sim[0, 1] > sim[0, 3]


def test_group_similarity_equals_mean_of_pairwise_similarities():
    matrix, _ = topics.tfidf_matrix(CORPUS)
    groups = ["war"] * 3 + ["energy"] * 3 + ["aid"] * 3
    table = topics.group_similarity(matrix, groups)
    dense = topics.similarity(matrix)
    assert list(table.index) == ["aid", "energy", "war"]
    assert table.loc["war", "energy"] == pytest.approx(dense[0:3, 3:6].mean())
    within = dense[0:3, 0:3][~np.eye(3, dtype=bool)].mean()
    assert table.loc["war", "war"] == pytest.approx(within)
    assert table.loc["war", "war"] > table.loc["war", "energy"]


def test_restrict_vocabulary_keeps_most_used_terms_normalised():
    matrix, vocab = topics.tfidf_matrix(CORPUS)
    small, small_vocab = topics.restrict_vocabulary(matrix, vocab, 10)
    assert small.shape == (9, 10) and len(small_vocab) == 10
    df = dict(zip(vocab, matrix.getnnz(axis=0)))
    assert min(df[t] for t in small_vocab) >= sorted(df.values(), reverse=True)[9]
    norms = sparse.linalg.norm(small, axis=1)
    np.testing.assert_allclose(norms[norms > 0], 1.0)


# ---------------------------------------------------------------------------------------------------------------
# the fast analyzer and counting give exactly scikit-learn's results

from sklearn.feature_extraction.text import HashingVectorizer, TfidfVectorizer  # noqa: E402
from sklearn.feature_extraction.text import strip_accents_unicode as sklearn_strip_accents  # noqa: E402

TRICKY = [
    "Zelensky’s “peace formula” — rejected by Moscow’s envoy on Tuesday — was said to be ‘dead’.",
    "Café owners in Kraków and Łódź raised €2.5bn; naïve coöperation, façade, São Paulo, Ærø, Øresund.",
    "Кремль заявил, что «спецоперация» продолжается; Київ і Харків під обстрілом. ЁЛКА Ёлка йод",
    "Greek: ΟΔΥΣΣΕΥΣ ΣΟΦΟΣ, Σίσυφος; Arabic: كِتَابٌ عَرَبِيٌّ; Hebrew: שָׁלוֹם; Hindi: हिन्दी समाचार",
    "CJK: 乌克兰战争 ウクライナ 전쟁; Thai: สงครามยูเครน; full-width ＲＵＳＳＩＡ ｕｋｒａｉｎｅ",
    "Ligatures ﬁre and ﬂood, ™ and ℠ marks, Ⅻ roman, x² and ½ cup, İstanbul, straße, ǅemal, ﬀ.",
    "Self-propelled howitzers (M109A6) fired 1,200 rounds; T-72s, HIMARS, F-16s, 24/7, 3rd brigade.",
    "snake_case words_and digits2 x1 ab1c _under_ score__ e-mail re-take co-op",
    "Decomposed accents: cafe\u0301 nai\u0308ve e\u0300 \u0301start and a lone mark \u0301 here.",
    "Mr. Biden said he told reporters the U.S. would, as Reuters and AP reported, not back down.",
    "Tabs\tand\nnewlines\r\nand\u00a0nbsp\u2009thin\u200bzero-width joiner\u200dhere",
    "Emoji 🇺🇦 🚀 and astral letters 𝐁𝐨𝐥𝐝 𝔉𝔯𝔞𝔨𝔱𝔲𝔯 𝒮𝒸𝓇𝒾𝓅𝓉 with marks 𝅘𝅥𝅮 and a surrogate \udc80 end",
    "", "the and of", "a", "Bakhmut",
]


def sklearn_reference(**options):
    """The plain scikit-learn vectorizer with the same settings as ``build_vectorizer``."""
    return TfidfVectorizer(**topics.build_vectorizer(100).get_params() | options)


def test_strip_accents_equals_sklearn():
    rng = np.random.default_rng(0)
    samples = list(TRICKY)
    for _ in range(300):  # random strings over the BMP and beyond, many combining marks among them
        points = rng.integers(0, 0x30000, size=30)
        samples.append("".join(chr(int(c)) for c in points if not 0xD800 <= c < 0xE000))
    for text in samples:
        assert topics.strip_accents_unicode(text) == sklearn_strip_accents(text), text


def test_fast_analyzer_equals_sklearn_analyzer():
    texts = TRICKY + [t.upper() for t in TRICKY] + CORPUS
    ours = topics.build_vectorizer(100).build_analyzer()
    theirs = sklearn_reference().build_analyzer()
    for text in texts:
        assert ours(text) == theirs(text), text
    for options in [dict(ngram_range=(1, 1)), dict(ngram_range=(2, 2)), dict(ngram_range=(1, 3)),
                    dict(lowercase=False), dict(stop_words=None)]:
        ours = topics.build_vectorizer(100, **options).build_analyzer()
        theirs = sklearn_reference(**options).build_analyzer()
        for text in texts:
            assert ours(text) == theirs(text), (options, text)


def test_fast_analyzer_on_real_articles(media_corpus):
    texts = pd.read_csv(media_corpus, nrows=400, usecols=["text"])["text"].fillna("").tolist()
    ours = topics.build_vectorizer(len(texts)).build_analyzer()
    theirs = sklearn_reference().build_analyzer()
    assert [ours(t) for t in texts] == [theirs(t) for t in texts]


def assert_identical(ours, theirs):
    """Same vocabulary and the same CSR arrays, bit for bit and in the same order."""
    (matrix, vocab), (ref_matrix, ref_vocab) = ours, theirs
    assert list(vocab) == list(ref_vocab)
    assert matrix.shape == ref_matrix.shape
    np.testing.assert_array_equal(matrix.indptr, ref_matrix.indptr)
    np.testing.assert_array_equal(matrix.indices, ref_matrix.indices)
    np.testing.assert_array_equal(matrix.data, ref_matrix.data)


def sklearn_tfidf(texts, max_features=topics.MAX_FEATURES_TERMS, **overrides):
    texts = [t if isinstance(t, str) else "" for t in texts]
    params = topics.build_vectorizer(len(texts), max_features=max_features, **overrides).get_params()
    vectorizer = TfidfVectorizer(**params)
    try:
        matrix = vectorizer.fit_transform(texts).tocsr()
    except ValueError:
        return sparse.csr_matrix((len(texts), 0)), np.array([], dtype=object)
    return matrix, vectorizer.get_feature_names_out()


def test_tfidf_matrix_equals_sklearn_on_seeds(seeds):
    articles, _ = seeds
    texts = list(articles["text"])
    assert_identical(topics.tfidf_matrix(texts), sklearn_tfidf(texts))
    assert_identical(topics.tfidf_matrix(texts, max_features=500), sklearn_tfidf(texts, max_features=500))


@pytest.mark.parametrize("n_docs", [9, 60, 300, 1200])
@pytest.mark.parametrize(
    "options",
    [{}, dict(max_features=40), dict(max_features=None), dict(ngram_range=(1, 1)), dict(ngram_range=(2, 2)),
     dict(binary=True, max_features=25), dict(min_df=0.05, max_df=3), dict(sublinear_tf=False, norm="l1")],
)
def test_tfidf_matrix_equals_sklearn(n_docs, options):
    # small vocabularies and max_features force many ties in the max_features cut; TRICKY adds odd scripts
    docs = (larger_corpus(n_docs) + TRICKY)[:n_docs]
    assert_identical(topics.tfidf_matrix(docs, **options), sklearn_tfidf(docs, **options))


def test_tfidf_matrix_empty_cases_equal_sklearn():
    for docs in [["said the", "told a"], ["", None], ["Bakhmut shelling", "", None, "said told the"]]:
        assert_identical(topics.tfidf_matrix(docs), sklearn_tfidf(docs))
    docs = larger_corpus(50)
    assert_identical(topics.tfidf_matrix(docs, min_df=40, max_df=2), sklearn_tfidf(docs, min_df=40, max_df=2))


def test_build_vectorizer_is_a_tfidf_vectorizer_with_its_settings():
    vectorizer = topics.build_vectorizer(12_293)
    assert isinstance(vectorizer, TfidfVectorizer)
    params = vectorizer.get_params()
    assert params["strip_accents"] == "unicode" and params["token_pattern"] == topics.TOKEN_PATTERN
    assert params["ngram_range"] == (1, 2) and params["min_df"] == 6 and params["max_features"] == 50_000
    fitted = topics.build_vectorizer(len(CORPUS)).fit(CORPUS)
    reference = sklearn_reference(min_df=1, max_df=0.95).fit(CORPUS)
    assert list(fitted.get_feature_names_out()) == list(reference.get_feature_names_out())
    np.testing.assert_array_equal(fitted.transform(TRICKY).toarray(), reference.transform(TRICKY).toarray())


def test_hashed_vectorizer_equals_sklearn():
    ours = topics.hashed_vectorizer(2**12)
    params = ours.get_params()
    assert isinstance(ours, HashingVectorizer)
    theirs = HashingVectorizer(**params)
    a, b = ours.transform(TRICKY + CORPUS), theirs.transform(TRICKY + CORPUS)
    assert (a != b).nnz == 0


def per_row_top_terms(matrix, vocab, k, doc_ids=None):
    """The original row-by-row implementation of ``top_terms``."""
    matrix = sparse.csr_matrix(matrix)
    vocab = np.asarray(vocab, dtype=object)
    ids = list(range(matrix.shape[0])) if doc_ids is None else list(doc_ids)
    rows = []
    for row in range(matrix.shape[0]):
        lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
        if hi == lo:
            continue
        weights = matrix.data[lo:hi]
        terms = vocab[matrix.indices[lo:hi]]
        order = np.lexsort((terms.astype(str), -weights))[:k]
        rows.extend((ids[row], rank + 1, terms[i], float(weights[i])) for rank, i in enumerate(order))
    return pd.DataFrame(rows, columns=["doc", "rank", "term", "weight"])


@pytest.mark.parametrize("block", [topics.TOP_TERMS_BLOCK, 7])
def test_top_terms_equals_row_by_row_version(block, monkeypatch):
    monkeypatch.setattr(topics, "TOP_TERMS_BLOCK", block)  # 7: many blocks, one of them shorter
    docs = larger_corpus(200) + ["", "said"]
    matrix, vocab = topics.tfidf_matrix(docs)
    for k in [1, 3, 10]:
        pd.testing.assert_frame_equal(topics.top_terms(matrix, vocab, k), per_row_top_terms(matrix, vocab, k),
                                      check_exact=True)
    ids = [f"doc{i}" for i in range(len(docs))]
    pd.testing.assert_frame_equal(topics.top_terms(matrix, vocab, 5, doc_ids=ids),
                                  per_row_top_terms(matrix, vocab, 5, doc_ids=ids), check_exact=True)
    # ties in weight, broken alphabetically; unsorted column indices; an empty matrix
    tied = sparse.csr_matrix((np.array([1.0, 1.0, 2.0, 1.0, 1.0]), np.array([3, 0, 2, 1, 2]), np.array([0, 3, 5])),
                             shape=(2, 4))
    terms = np.array(["delta", "alpha", "charlie", "bravo"], dtype=object)
    pd.testing.assert_frame_equal(topics.top_terms(tied, terms, 2), per_row_top_terms(tied, terms, 2), check_exact=True)
    empty = sparse.csr_matrix((3, 0))
    pd.testing.assert_frame_equal(topics.top_terms(empty, np.array([], dtype=object), 5),
                                  per_row_top_terms(empty, np.array([], dtype=object), 5))


# --- large-corpus NMF path (fit on a seeded sample, refine on all documents) ------------------------------------

def _synthetic_news(n_docs: int, n_topics: int = 8, seed: int = 0) -> list[str]:
    """Documents mixing one or two of ``n_topics`` themes (Zipf-weighted theme words) with common filler words."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    words = sorted({"".join(rng.choice(letters, 7)) for _ in range(n_topics * 60 + 400)})
    words = list(rng.permutation(words))
    themes = [words[60 * t:60 * (t + 1)] for t in range(n_topics)]
    filler = words[60 * n_topics:]
    zipf = 1.0 / np.arange(1, 61)
    zipf /= zipf.sum()
    docs = []
    for _ in range(n_docs):
        chosen = rng.choice(n_topics, rng.integers(1, 3), replace=False)
        mix = rng.dirichlet(np.ones(len(chosen)))
        length = int(rng.integers(60, 140))
        tokens = list(rng.choice(filler, length // 2))
        for theme, share in zip(chosen, mix):
            tokens += list(rng.choice(themes[theme], int(share * length), p=zipf))
        docs.append(" ".join(rng.permutation(tokens)))
    return docs


@pytest.fixture(scope="module")
def synthetic_matrix():
    return topics.tfidf_matrix(_synthetic_news(3000), max_features=topics.MAX_FEATURES_TOPICS)


def _top_sets(terms: pd.DataFrame) -> list[set]:
    return [set(group["term"]) for _, group in terms.groupby("topic")]


def test_large_corpus_path_matches_full_fit(synthetic_matrix):
    matrix, vocab = synthetic_matrix
    full_terms, full_docs = topics.fit_topics(None, 8, matrix=matrix, vocab=vocab, sample_size=None)
    terms, docs = topics.fit_topics(None, 8, matrix=matrix, vocab=vocab, sample_size=1000)
    assert not docs.equals(full_docs)  # the sampled path did run
    # topics come out in the full fit's order (same nndsvda start): compare topic by topic
    overlaps = [len(a & b) / 10 for a, b in zip(_top_sets(terms), _top_sets(full_terms))]
    assert np.mean(overlaps) >= 0.9 and min(overlaps) >= 0.7, overlaps
    assert (docs.to_numpy().argmax(axis=1) == full_docs.to_numpy().argmax(axis=1)).mean() > 0.95
    totals = docs.sum(axis=1).to_numpy()
    assert np.allclose(totals[totals > 0], 1.0) and (totals > 0).all()
    assert list(docs.index) == list(range(matrix.shape[0]))


def test_large_corpus_path_is_deterministic_and_thread_independent(synthetic_matrix):
    from threadpoolctl import threadpool_limits

    matrix, vocab = synthetic_matrix
    unsorted = matrix.copy()
    unsorted.has_sorted_indices = False  # a caller's matrix may not be sorted yet
    terms_a, docs_a = topics.fit_topics(None, 8, matrix=unsorted, vocab=vocab, sample_size=1000)
    with threadpool_limits(2):
        terms_b, docs_b = topics.fit_topics(None, 8, matrix=matrix.copy(), vocab=vocab, sample_size=1000)
    pd.testing.assert_frame_equal(terms_a, terms_b, check_exact=True)
    assert docs_a.to_numpy().tobytes() == docs_b.to_numpy().tobytes()
    assert list(docs_a.columns) == list(docs_b.columns)


def test_small_corpora_keep_the_full_fit():
    """Up to NMF_SAMPLE_DOCS documents the default is exactly the whole-matrix fit (results unchanged)."""
    assert topics.NMF_SAMPLE_DOCS >= 12_293  # the real corpus stays on the full fit
    docs = _synthetic_news(300, seed=1)
    default = topics.fit_topics(docs, 5)
    full = topics.fit_topics(docs, 5, sample_size=None)
    pd.testing.assert_frame_equal(default[0], full[0], check_exact=True)
    assert default[1].to_numpy().tobytes() == full[1].to_numpy().tobytes()
    matrix, vocab = topics.tfidf_matrix(docs, max_features=topics.MAX_FEATURES_TOPICS)
    _, weights = topics._fit_nmf(matrix, 5, 0)
    shares = weights / weights.sum(axis=1, keepdims=True)
    assert default[1].to_numpy().tobytes() == shares.tobytes()
