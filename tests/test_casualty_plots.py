"""Figures of notebook 04: nothing overlaps, close events share a number label, one legend heading per encoding."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.casualty_plots import (  # noqa: E402
    event_clusters,
    numbered_events,
    population_figure,
    short_label,
    text_overlaps,
    trend_figure,
)
from helpers.dates import timeline  # noqa: E402
from helpers.figures import use_house_style  # noqa: E402


def claims(rows):
    frame = pd.DataFrame(rows, columns=["date", "value", "category", "party", "period_days", "hedged", "bakhmut"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


SHORT = claims([
    ("2023-01-05", 800, "killed", "russian", 1.0, True, True),
    ("2023-03-07", 1600, "killed", "russian", 1.0, True, True),
    ("2022-10-28", 3, "killed", "civilian", 2.0, False, False),
])
TOTALS = claims([
    ("2022-06-01", 10_000, "killed", "ukrainian", None, False, False),
    ("2023-02-22", 50, "wounded", "civilian", None, False, True),
    ("2023-05-21", 20_000, "casualties", "unknown", None, False, False),
    ("2023-05-21", 0, "missing", "unknown", None, False, False),  # a zero cannot go on a log axis: left out
])


@pytest.fixture(autouse=True)
def style():
    use_house_style()
    yield
    plt.close("all")


def texts(fig):
    return {t.get_text() for t in fig.findobj(plt.Text) if t.get_visible()}


def test_every_timeline_event_has_a_short_label():
    for event in timeline()["event"].unique():
        label = short_label(event)
        assert label != event or len(event) <= 40, event
        assert len(label) <= 40, label


def test_events_are_numbered_in_date_order_within_the_window():
    events = numbered_events("2023-02-01", "2023-03-31")
    assert list(events["number"]) == list(range(1, len(events) + 1))
    assert events["date"].is_monotonic_increasing
    assert events["date"].between("2023-02-01", "2023-03-31").all()
    assert "Biden visits Kyiv" in set(events["label"])


def test_close_events_share_one_label_and_labels_never_overlap():
    width = {"1": 6, "2": 6, "3": 6, "4": 6, "2,3": 14, "2–4": 16}
    got = event_clusters([0, 50, 52, 55, 200], [1, 2, 3, 4, 5], lambda s: width.get(s, 6), pad=2)
    assert got == [(0, "1"), (50, "2–4"), (200, "5")]
    assert event_clusters([0, 5], [1, 2], lambda s: 8, pad=2) == [(0, "1,2")]


def test_trend_figure_has_headed_legends_and_nothing_overlaps():
    fig, axes = trend_figure(SHORT, TOTALS, "2022-05-01", "2023-09-01", title="Claims", panel_titles=("a", "b"),
                             xlabel="article date", emphasis="bakhmut",
                             emphasis_labels=("headline", "names Bakhmut", "does not"))
    assert set(axes) == {"per day", "total"}
    shown = texts(fig)
    assert {"who suffered it", "category", "hedged", "headline", "names Bakhmut"} <= shown
    assert {"Russian side", "civilians", "killed", "wounded", "casualties"} <= shown
    assert "13–16" in shown or "12–15" in shown  # 20, 21, 24 and 28 Feb 2023 share one label at this scale
    assert text_overlaps(fig) == []
    assert axes["total"].get_yscale() == "log" and axes["per day"].get_ylabel() == "people per day (log scale)"


def test_an_empty_panel_is_left_out_and_named():
    fig, axes = trend_figure(SHORT, TOTALS.iloc[:0], "2022-10-01", "2023-04-01", title="Claims",
                             panel_titles=("Per day", "Totals and figures with no stated window"), xlabel="date")
    assert list(axes) == ["per day"]
    assert any(t.startswith("Not drawn (none in this corpus): totals") for t in texts(fig))
    assert "headline" not in texts(fig)  # no emphasis asked for
    assert text_overlaps(fig) == []


def test_population_figure_does_not_overlap():
    population = pd.DataFrame({"date": pd.to_datetime(["2022-10-29", "2023-01-05", "2023-01-05"]),
                               "value": [73_000, 70_000, 10_000], "value_high": [73_000, 80_000, 10_000],
                               "pre_war": [True, True, False]})
    fig, ax = population_figure(population, "2022-07-01", "2023-06-01", title="Population", xlabel="date")
    shown = texts(fig)
    assert {"reported figure", "range (low to high)", "Zelensky visits Bakhmut", "Russia claims Bakhmut"} <= shown
    assert text_overlaps(fig) == []


def test_flagged_claims_are_ringed_and_named_in_the_key():
    short = SHORT.assign(flag=["", "total as one day's: 1,600 read as one day's killed", ""])
    fig, axes = trend_figure(short, TOTALS.assign(flag=""), pd.Timestamp("2022-05-01"), pd.Timestamp("2023-06-30"),
                             title="t", panel_titles=("per day", "totals"), xlabel="date")
    rings = [c for c in axes["per day"].collections if len(c.get_offsets()) == 1 and
             c.get_edgecolor().size and tuple(c.get_edgecolor()[0][:3]) == (0.0, 0.0, 0.0)]
    assert len(rings) == 1, "one black ring around the one flagged claim"
    assert rings[0].get_offsets()[0][1] == 1600
    assert "plausibility" in texts(fig) and any("flagged as implausible" in t for t in texts(fig))
    assert not text_overlaps(fig)
    # without flags, no plausibility key
    fig2, _ = trend_figure(SHORT, TOTALS, pd.Timestamp("2022-05-01"), pd.Timestamp("2023-06-30"),
                           title="t", panel_titles=("per day", "totals"), xlabel="date")
    assert "plausibility" not in texts(fig2)
