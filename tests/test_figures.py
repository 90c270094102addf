"""save_figure: every format, the data, the manifest, and byte-identical reruns."""

from __future__ import annotations

import hashlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.figures import PALETTE, read_manifest, save_figure, use_house_style  # noqa: E402


def draw():
    use_house_style()
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2], label="claims")
    ax.set_title("A title")
    ax.set_xlabel("day")
    ax.set_ylabel("people")
    ax.legend()
    return fig


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_writes_every_format_data_and_manifest(tmp_path):
    data = pd.DataFrame({"day": [1, 2, 3], "people": [3, 1, 2]})
    files = save_figure(draw(), "99-test-figure", caption="A test figure.", data=data, source="unit test",
                        out_dir=tmp_path)
    plt.close("all")
    assert set(files) == {"png", "svg", "pdf", "csv"}
    for ext in ("png", "svg", "pdf", "csv"):
        assert (tmp_path / f"99-test-figure.{ext}").stat().st_size > 0
    manifest = read_manifest(tmp_path)
    assert manifest.to_dict("records") == [{"name": "99-test-figure", "caption": "A test figure.", "source": "unit test",
                                            "notebook": "", "files": "99-test-figure.png;99-test-figure.svg;"
                                                                     "99-test-figure.pdf;99-test-figure.csv"}]
    assert pd.read_csv(tmp_path / "99-test-figure.csv").equals(data)


def test_png_is_at_least_200_dpi(tmp_path):
    from PIL import Image

    save_figure(draw(), "x", caption="c", out_dir=tmp_path)
    plt.close("all")
    dpi = Image.open(tmp_path / "x.png").info.get("dpi")
    assert dpi and round(dpi[0]) >= 200


def test_reruns_are_byte_identical(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        save_figure(draw(), "01-same", caption="Same figure.", data=pd.DataFrame({"x": [1]}), out_dir=folder)
        plt.close("all")
    assert digest(first) == digest(second)
    svg = (first / "01-same.svg").read_text()
    assert "<dc:date>" not in svg
    assert b"CreationDate" not in (first / "01-same.pdf").read_bytes()


def test_manifest_rows_are_replaced_not_duplicated(tmp_path):
    for caption in ("first", "second"):
        save_figure(draw(), "02-a", caption=caption, out_dir=tmp_path)
    save_figure(draw(), "01-b", caption="other", out_dir=tmp_path)
    plt.close("all")
    manifest = read_manifest(tmp_path)
    assert manifest["name"].tolist() == ["01-b", "02-a"]
    assert manifest.set_index("name").loc["02-a", "caption"] == "second"


def test_notebook_is_found_from_the_name_prefix(tmp_path):
    save_figure(draw(), "01-articles-test", caption="c", out_dir=tmp_path)
    plt.close("all")
    assert read_manifest(tmp_path).loc[0, "notebook"] == "01-load-and-clean"


def test_caption_and_name_are_required(tmp_path):
    with pytest.raises(ValueError, match="caption"):
        save_figure(draw(), "x", caption=" ", out_dir=tmp_path)
    with pytest.raises(ValueError, match="file name"):
        save_figure(draw(), "../escape", caption="c", out_dir=tmp_path)
    plt.close("all")


def test_palette_is_the_colour_blind_safe_one():
    assert PALETTE[:3] == ["#0072B2", "#E69F00", "#009E73"]


def test_display_path_keeps_shared_relative_through_links():
    from helpers import paths

    assert paths.display_path(paths.SHARED / "reference" / "x.tsv") == "../shared/reference/x.tsv"
    assert paths.display_path(paths.ROOT / "notebooks" / ".." / "data" / "raw") == "data/raw"
    assert paths.display_path("data/raw") == "data/raw"


def test_display_path_outside_the_project_is_the_name_in_outputs_and_in_full_in_messages():
    from helpers import paths

    assert paths.display_path("/nonexistent/corpus/path") == "path"
    assert paths.display_path("/nonexistent/corpus/path", outside="full") == "/nonexistent/corpus/path"
    assert paths.display_path(paths.ROOT / "data" / "raw", outside="full") == "data/raw"
