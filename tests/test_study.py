"""open_corpus: the notebooks' shared opening (load, leave out duplicates, query, sort) in one call."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import paths
from helpers.corpus import filter_by_query, load_corpus
from helpers.study import Study, open_corpus

BASE = ("Ukrainian forces repelled several assaults near Bakhmut on Monday, the general staff said.\n\n"
        "Local officials said the town's water supply had been cut for a third week as shelling continued.\n\n"
        "Residents who stayed behind queue for bread at a volunteer centre in the city centre.\n") * 2


@pytest.fixture()
def folder(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {"z.txt": BASE, "b.txt": BASE, "m.txt": "Grain ships left Odesa on Tuesday under a new insurance deal.",
             "a.txt": "Shelling of Soledar and Bakhmut continued through the night, officials in Donetsk said."}
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def test_the_default_opening_equals_load_filter_sort(folder, tmp_path):
    study = open_corpus(folder, "bakhmut", output_dir=tmp_path / "out")
    loaded, report = load_corpus(folder)
    expected, counts = filter_by_query(loaded, "bakhmut")
    expected = expected.sort_values("article_id").reset_index(drop=True)
    assert isinstance(study, Study)
    pd.testing.assert_frame_equal(study.articles, expected)
    pd.testing.assert_frame_equal(study.loaded, loaded)
    pd.testing.assert_frame_equal(study.report, report)
    assert study.query_counts == counts == {"query": "bakhmut", "before": 4, "after": 3}
    assert study.articles["article_id"].is_monotonic_increasing and study.duplicates == 0
    assert study.out.tables == tmp_path / "out" / "tables" and study.out.tables.is_dir()
    assert study.name == paths.display_path(folder)


def test_no_query_and_no_sort_gives_the_articles_as_loaded(folder, tmp_path):
    study = open_corpus(folder, sort=False, output_dir=tmp_path / "out")
    loaded, _ = load_corpus(folder)
    pd.testing.assert_frame_equal(study.articles, loaded)
    assert study.query_counts == {"query": None, "before": 4, "after": 4}


def test_duplicates_are_left_out_before_the_query(folder, tmp_path):
    study = open_corpus(folder, "bakhmut", drop_duplicates=True, output_dir=tmp_path / "out")
    assert study.duplicates == 1
    assert len(study.loaded) == 3 and study.loaded["duplicate_of"].isna().all()
    assert study.query_counts == {"query": "bakhmut", "before": 3, "after": 2}


def test_load_options_reach_load_corpus_and_errors_surface(folder, tmp_path):
    study = open_corpus(folder, infer_dates=False, output_dir=tmp_path / "out")
    assert study.articles["date"].isna().all()
    with pytest.raises(ValueError, match="not a valid regular expression"):
        open_corpus(folder, "(", output_dir=tmp_path / "out")


def _real_ukrainian_page() -> str:
    """A real Ukrainian page (Voice of America, public domain) from data/labelled/sentences_uk_ru.jsonl."""
    import json

    with (paths.DATA_LABELLED / "sentences_uk_ru.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    first = records[0]["url"]
    return "\n\n".join(r["text"] for r in records if r["url"] == first)


def test_an_english_corpus_has_its_language_counts_and_no_notice(folder, tmp_path):
    import warnings

    from helpers.language import EnglishOnlyWarning

    with warnings.catch_warnings():
        warnings.simplefilter("error", EnglishOnlyWarning)
        study = open_corpus(folder, output_dir=tmp_path / "out")
    assert study.languages.to_dict() == {"en": 4}
    assert study.language_notice is None


def test_a_corpus_not_all_english_warns_once_naming_the_english_only_measures(folder, tmp_path):
    from helpers.language import ENGLISH_ONLY_MEASURES, EnglishOnlyWarning

    (folder / "u.txt").write_text(_real_ukrainian_page(), encoding="utf-8")
    with pytest.warns(EnglishOnlyWarning) as caught:
        study = open_corpus(folder, output_dir=tmp_path / "out")
    messages = [str(w.message) for w in caught]  # the loader's date cues say so too, for the undated page
    assert [m for m in messages if m.startswith("this corpus")] == [study.language_notice]
    assert study.languages.to_dict() == {"en": 4, "uk": 1}
    assert study.language_notice.startswith("this corpus is not all English: 1 of 5 articles is not English (uk 1);")
    assert all(measure in study.language_notice for measure in ENGLISH_ONLY_MEASURES)
    # the counts are those of the articles the query keeps
    with pytest.warns(EnglishOnlyWarning) as caught_again:
        subset = open_corpus(folder, "Нью Йорк|Odesa", output_dir=tmp_path / "out")
    assert sum(str(w.message).startswith("this corpus") for w in caught_again) == 1 and subset.languages.to_dict() == {"en": 1, "uk": 1}
