"""Cleaning removes furniture by its shape, records every removal, and never eats real sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import paths
from helpers.cleaning import clean_text


def rules(removals):
    return [r["rule"] for r in removals]


def test_caption_with_slash_credit_chain():
    raw = ("Fighting continued near Bakhmut, officials said.\n"
           "Rescuers try to douse a fire near Bakhmut GEORGE IVANCHENKO/EPA-EFE/Shutterstock\n"
           "The governor said more people had left.\n")
    text, removed = clean_text(raw)
    assert "Shutterstock" not in text and "Rescuers" not in text
    assert text == "Fighting continued near Bakhmut, officials said.\n\nThe governor said more people had left."
    assert rules(removed) == ["caption"]


def test_caption_with_via_credit_after_sentence():
    raw = ("A general wrote on Tuesday about the situation. UKRAINIAN PRESIDENTIAL PRESS SER/AFP via Getty Images\n"
           "Real sentence stays here.")
    text, removed = clean_text(raw)
    assert text == "Real sentence stays here." and rules(removed) == ["caption"]


def test_caption_ending_in_bare_agency_after_full_stop():
    for credit in ("AP", "Getty Images", "Reuters", "AFP"):
        raw = f"Medics render first aid to a wounded soldier near Bakhmut on Monday. {credit}\nThe war goes on."
        text, removed = clean_text(raw)
        assert text == "The war goes on.", credit
        assert rules(removed) == ["caption"]


def test_agency_mentions_mid_text_are_not_captions():
    raw = ("Reuters was not able to verify battlefield reports.\n"
           "The AP reported that 12 people were hurt, according to AP sources.\n"
           "Officials told Reuters the town was quiet. The Associated Press could not confirm it.\n"
           "He said he had spoken to Getty Images photographers on the scene.\n")
    text, removed = clean_text(raw)
    assert removed == []
    assert text.count("\n\n") == 3


def test_glued_credit_is_removed_and_the_sentence_kept():
    raw = "A man sells items at a market as the assault on Ukraine continues in Bakhmut.Portal\nNext paragraph here."
    text, removed = clean_text(raw)
    assert text.startswith("A man sells items at a market as the assault on Ukraine continues in Bakhmut.\n\n")
    assert [(r["rule"], r["removed"]) for r in removed] == [("glued_credit", "Portal")]


def test_read_more_block_with_related_headlines():
    raw = ("The enemy continues to advance, the military said.\n"
           "READ MORE\n"
           "Putin signs law to suspend Russia's participation in arms treaty\n"
           "Blinken wraps up Central Asia tour before G20 talks in India\n"
           "A Russian takeover of the small mining city would open the way to further gains.\n")
    text, removed = clean_text(raw)
    assert "Putin signs" not in text and "READ MORE" not in text
    assert text.endswith("A Russian takeover of the small mining city would open the way to further gains.")
    assert rules(removed) == ["read_more"] * 3


def test_inline_read_more_and_sign_offs():
    raw = ("Shelling hit the city overnight.\nRead more: Ukraine says it repelled attacks\n"
           "Officials said two people were hurt.\nAdditional reporting by Pavel Polityuk; Editing by Jane Doe\n"
           "With mail wires\n")
    text, removed = clean_text(raw)
    assert text == "Shelling hit the city overnight.\n\nOfficials said two people were hurt."
    assert rules(removed) == ["read_more_inline", "sign_off", "sign_off"]


def test_wire_sign_off_at_the_end_and_credit_line_in_the_middle():
    raw = "First paragraph of the story.\nGetty Images\nSecond paragraph of the story.\nReuters"
    text, removed = clean_text(raw)
    assert text == "First paragraph of the story.\n\nSecond paragraph of the story."
    assert rules(removed) == ["credit_line", "sign_off"]


def test_repeated_lede_is_removed_once():
    raw = ("The Ukrainian city of Bakhmut is slowly being approached by Russian troops.\n\n"
           "The eastern Ukrainian city of Bakhmut is slowly being approached by Russian troops.\n\n"
           "While most of the fighting has been in Kherson, the conflict is escalating.")
    text, removed = clean_text(raw)
    assert text.startswith("The eastern Ukrainian city")
    assert text.count("slowly being approached") == 1
    assert rules(removed) == ["repeated_lede"]


def test_paragraphs_that_differ_in_a_figure_are_both_kept():
    raw = ("Ukraine said 800 Russian soldiers were killed in the last day.\n"
           "Ukraine said 900 Russian soldiers were killed in the last day.\n")
    text, removed = clean_text(raw)
    assert removed == [] and "800" in text and "900" in text


def test_verbatim_repeated_paragraph_anywhere():
    raw = "Intro line of the story here.\nSame paragraph repeated twice here.\nSame paragraph repeated twice here.\n"
    text, removed = clean_text(raw)
    assert text == "Intro line of the story here.\n\nSame paragraph repeated twice here."
    assert rules(removed) == ["repeated_paragraph"]


def test_hard_wrapped_text_is_joined_into_paragraphs():
    raw = ("Russian forces pressed their assault on\nthe eastern city of Bakhmut on Monday,\n"
           "officials said, as shelling\ncontinued.\n\nA second paragraph begins here and\ncontinues on a second line\n"
           "for a while before it\nends.\n")
    text, _ = clean_text(raw)
    assert text == ("Russian forces pressed their assault on the eastern city of Bakhmut on Monday, officials said, "
                    "as shelling continued.\n\nA second paragraph begins here and continues on a second line for a "
                    "while before it ends.")


def test_seed_001_and_003_furniture():
    raw1 = (paths.DATA_RAW / "001_7c0c79053afc46ce.txt").read_text(encoding="utf-8")
    text1, removed1 = clean_text(raw1)
    assert rules(removed1) == ["caption", "caption", "caption", "glued_credit", "sign_off"]
    assert "Shutterstock" not in text1 and "Getty" not in text1 and "With mail wires" not in text1
    assert "continues in Bakhmut." in text1 and "Portal" not in text1
    raw3 = (paths.DATA_RAW / "003_e80530d7726bb50a.txt").read_text(encoding="utf-8")
    text3, removed3 = clean_text(raw3)
    assert rules(removed3) == ["read_more"] * 3 + ["caption", "caption", "sign_off"]
    assert "Reuters was not able to verify battlefield reports." in text3
    assert not text3.rstrip().endswith("Reuters")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80), max_size=12))
def test_removals_always_point_into_raw(lines):
    raw = "\n".join(lines)
    text, removed = clean_text(raw)
    for r in removed:
        assert raw[r["start"]:r["end"]] == r["removed"]
    assert "\n\n\n" not in text
    assert text == text.strip()


def test_site_boilerplate_inside_a_paragraph_is_removed_and_recorded():
    raw = ("Shelling continued near Bakhmut on Monday. The BBC is not responsible for the content of external "
           "sites. Read about our approach to external linking. Officials said two people were hurt.")
    text, removed = clean_text(raw)
    assert text == "Shelling continued near Bakhmut on Monday. Officials said two people were hurt."
    assert rules(removed) == ["site_boilerplate"]
    assert raw[removed[0]["start"]:removed[0]["end"]].startswith("The BBC is not responsible")
