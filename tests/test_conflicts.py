"""``helpers.conflicts`` and ``helpers.sides``: the conflict profile, and the one table of who is on which side."""

import shutil

import pandas as pd
import pytest

from helpers import conflicts, dates, paths, sides
from helpers.casualties import extract_claims, parties
from helpers.framing import attributions, agency


@pytest.fixture
def conflict():
    """Switch the active profile inside a test and always switch back to the default."""
    def switch(name):
        return conflicts.use(name)
    yield switch
    conflicts.use(conflicts.DEFAULT)


def test_shipped_profiles_load_with_two_sides():
    assert {"russia-ukraine", "israel-gaza", "sudan"} <= set(conflicts.available())
    for name in conflicts.available():
        profile = conflicts.profile(name)
        assert len(profile.sides) == 2 and profile.window[0] < profile.start <= profile.window[1]
        table = conflicts.sides_table(profile)
        assert set(profile.sides) <= set(table["side"])


def test_default_profile_is_russia_ukraine():
    profile = conflicts.active()
    assert profile.name == "russia-ukraine" and profile.start == pd.Timestamp("2022-02-24")
    assert parties() == ("russian", "ukrainian", "civilian", "unknown")


def test_unknown_profile_says_what_to_do():
    with pytest.raises(conflicts.ConflictError, match="use one of .*russia-ukraine"):
        conflicts.profile("atlantis")


def test_a_profile_folder_given_by_path(tmp_path, conflict):
    folder = tmp_path / "my-war"
    shutil.copytree(paths.PACKAGE_DATA / "conflicts" / "russia-ukraine", folder)
    profile = conflict(str(folder))
    assert profile.folder == str(folder.resolve()) and conflicts.active() == profile
    assert len(conflicts.sides_table()) == len(conflicts.sides_table(conflicts.profile(conflicts.DEFAULT)))
    # a folder's tables are parsed as the shipped ones are (helpers.package_data): same strings, "" for empty cells
    for name in ("sides.csv", "timeline.csv", "naming.csv"):
        pd.testing.assert_frame_equal(conflicts.read_profile_table(name),
                                      conflicts.read_profile_table(name, conflicts.profile(conflicts.DEFAULT)))


def test_a_bad_sides_row_names_its_line(tmp_path):
    folder = tmp_path / "broken"
    shutil.copytree(paths.PACKAGE_DATA / "conflicts" / "russia-ukraine", folder)
    table = pd.read_csv(folder / "sides.csv", dtype=str, keep_default_na=False)
    table.loc[3, "side"] = "martian"
    table.to_csv(folder / "sides.csv", index=False)
    with pytest.raises(conflicts.ConflictError, match=r"sides.csv row 5 .*'martian' is not one of"):
        conflicts.sides_table(conflicts.profile(str(folder)))


def test_token_cues_skip_acronyms_and_find_kinds():
    assert sides.token_match("russian", "np") == ("russian", "demonym")
    assert sides.token_match("kyiv", "context") == ("ukrainian", "capital")
    assert sides.token_match("enemy", "np") == ("opposite", "enemy")
    assert sides.token_side("us", "context") is None  # "US" is an acronym: lower-cased it is the pronoun
    assert sides.token_side("american", "context") is None  # third parties are never a claim's party
    assert sides.both_sides_regex().search("russia and ukraine swap 200 prisoners")


def test_a_capital_named_as_a_place_is_not_its_government():
    text = "Explosions in Kyiv. Kyiv said the attack failed. Kyiv region was shelled."
    assert sides.names_a_place(text, 14, 18)
    assert not sides.names_a_place(text, 20, 24)
    assert sides.names_a_place(text, 49, 53)


def test_every_reader_reads_the_same_person():
    """Zelensky is one row: the speaker of a claim, a cited source, a sentiment actor, an agent."""
    for reader in sides.READERS:
        table, lexicon = sides.lexicon(reader)
        found = [table.at[row, "side"] for _s, _e, row in lexicon.finditer("Zelensky")]
        assert found == ["ukrainian"], reader


def test_gaza_war_age_gives_no_date_in_the_ukraine_profile(conflict):
    text = "Aid agencies warned that the year-long war in Gaza had left most of its people displaced."
    assert dates.infer_date(text)["estimate"] is None  # the Russia-Ukraine profile: another war
    conflict("israel-gaza")
    result = dates.infer_date(text)
    assert result["earliest"] >= pd.Timestamp("2024-09-01") and result["latest"] <= pd.Timestamp("2025-01-31")


def test_party_values_come_from_the_profile(conflict):
    conflict("israel-gaza")
    assert parties() == ("israeli", "palestinian", "civilian", "unknown")
    claims = extract_claims("Israeli forces said 30 Hamas fighters were killed in Khan Younis on Tuesday.")
    assert list(claims["party"]) == ["palestinian"]
    found = attributions("Netanyahu said the operation would continue.")
    assert list(found["side"]) == ["israeli"]


def test_sudan_profile_reads_its_own_sides(conflict):
    conflict("sudan")
    found = attributions("Burhan said the army would not negotiate.")
    assert list(found["side"]) == ["saf"]
    clauses = agency("RSF fighters stormed the town of Geneina.")
    assert list(clauses["side"]) == ["rsf"]
