"""Distinctive terms, topics and similarity from TF-IDF, with defaults that work from 5 to 100,000 documents.

- ``build_vectorizer(n_docs)`` -> a ``TfidfVectorizer`` whose settings scale with the corpus size (table below)
- ``tfidf_matrix(texts)`` -> ``(matrix, vocab)``; ``hashed_tfidf(texts)`` -> the same without a vocabulary in
  memory, for corpora too large for a vocabulary pass
- ``top_terms(matrix, vocab, k)`` -> the ``k`` highest-weighted terms of every document (long table)
- ``fit_topics(texts, n_topics)`` -> ``(topic_terms, doc_topics)``: NMF on TF-IDF, deterministic
- ``choose_k(texts, k_values)`` -> reconstruction error and NPMI coherence for each k, and the chosen k
- ``similarity(matrix)`` cosine similarity; ``near_duplicates(sim, threshold)`` pairs above a threshold;
  ``group_similarity(matrix, groups)`` mean similarity between and within groups (outlets) for large corpora
- ``prevalence_over_time(doc_topics, dates, freq)`` topic share per period, normalised by documents per period

Vectorizer defaults (``n`` = number of documents):

=====================  ==========  =========  ===========================================================
corpus size            min_df      max_df     why
=====================  ==========  =========  ===========================================================
n < 10                 1           1.0        every term counts; IDF alone down-weights shared words
10 <= n < 100          1           0.95       drop words in (nearly) every document
100 <= n < 1,000       2           0.8        drop hapaxes (typos, names mentioned once)
n >= 1,000             max(2,      0.5        a term must appear in 1 document per 2,000; terms in half the
                       n // 2000)             corpus ("ukraine", "russia") carry no topic information
=====================  ==========  =========  ===========================================================

Tokens are runs of two or more letters (numbers are dropped: casualty figures are not topics), lower-cased,
accents stripped; unigrams and bigrams; sublinear tf (``1 + log tf``); L2-normalised rows. Stop words are
scikit-learn's English list plus the news furniture in ``data/stopwords_news.txt`` (reporting verbs, honorifics,
agency and outlet names, photo credits, week days). Stop words are removed before bigrams are formed, so
"said Tuesday" never becomes a term. ``max_features`` bounds the vocabulary (50,000 for distinctive terms,
10,000 for topic models), which keeps a 100,000-document topic model in memory and fast.

The vectorizers are scikit-learn's ``TfidfVectorizer`` / ``HashingVectorizer`` with public options only.

Modules: ``vectorize`` (TF-IDF, stop words, distinctive terms), ``nmf`` (topic models, coherence, choosing k,
prevalence), ``similarity`` (cosine similarity, near-duplicate pairs, group similarity). Their public names are
re-exported here: ``from helpers.topics import fit_topics``.

Topic models: NMF (``init="nndsvda"``, which is deterministic; ``random_state`` fixed all the same) on the TF-IDF
matrix. A topic's label is its number and its three highest-weighted terms, skipping a term already contained in
an earlier one ("wagner" after "wagner group"). Always one BLAS thread, so the weights are the same bytes whatever
the machine's thread count. NMF defaults (``n`` = number of documents, ``fit_topics``):

=====================  ======================================================  ====================================
corpus size            fit                                                     why
=====================  ======================================================  ====================================
n <= 20,000            coordinate descent on all documents until the relative  converges in seconds (12,293
(``NMF_SAMPLE_DOCS``)  violation is below 1e-4, at most 400 iterations         articles: 126 iterations, 3.5 s CPU)
n > 20,000             nndsvda start from all documents; at most 100           full fit: ~200 iterations, linear
                       iterations on a seeded sample of 20,000; every          cost each (100,000 articles: 43 s
                       document's weights for those topics                     CPU). Sampled: 11 s CPU, linear in
                       (``NMF.transform``); 10 iterations on all documents     n; 99 % of the top-10 terms of the
                                                                               full fit, same topic order, same
                                                                               NPMI coherence
=====================  ======================================================  ====================================
"""

from helpers.topics.nmf import (
    NMF_SAMPLE_DOCS,
    choose_k,
    coherence_npmi,
    distinct_top_terms,
    dominant_topic,
    fit_topics,
    prevalence_over_time,
    topic_labels,
)
from helpers.topics.similarity import group_similarity, near_duplicates, similarity
from helpers.topics.vectorize import (
    MAX_FEATURES_TERMS,
    MAX_FEATURES_TOPICS,
    TOKEN_PATTERN,
    build_vectorizer,
    hashed_tfidf,
    hashed_vectorizer,
    news_stop_words,
    restrict_vocabulary,
    tfidf_matrix,
    top_terms,
)

import sys as _sys  # noqa: E402

# every public name of the three modules (read from sys.modules: the function `similarity` shadows its module here)
__all__ = [name for part in ("vectorize", "nmf", "similarity") for name in _sys.modules[f"helpers.topics.{part}"].__all__]
