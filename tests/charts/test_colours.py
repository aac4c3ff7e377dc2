"""The corpus's outlet colours: made once from the whole corpus, stable under filters and uploads."""

from __future__ import annotations

import pandas as pd

from lib.charts.colours import OTHER_GREY, OUTLET_PALETTE, UNKNOWN_GREY, corpus_outlet_colours, tint, type_tints
from lib.records import UNKNOWN_OUTLET_LABEL, UPLOAD_PREFIX


def documents(outlets: list[str], *, uploaded: int = 0) -> pd.DataFrame:
    files = [f"a{i}.txt" for i in range(len(outlets) - uploaded)] + [
        f"{UPLOAD_PREFIX}b{i}.txt" for i in range(uploaded)]
    return pd.DataFrame({"outlet": outlets, "file": files})


def test_most_articles_first_and_unknown_grey() -> None:
    colours = corpus_outlet_colours(documents(["B", "A", "B", "", "C"]))
    assert colours["B"] == OUTLET_PALETTE[0]  # two articles
    assert colours["A"] == OUTLET_PALETTE[1] and colours["C"] == OUTLET_PALETTE[2]  # ties by name
    assert colours[UNKNOWN_OUTLET_LABEL] == colours[""] == UNKNOWN_GREY


def test_uploads_add_colours_after_the_shared_outlets() -> None:
    shared = corpus_outlet_colours(documents(["B", "A", "B"]))
    with_uploads = corpus_outlet_colours(documents(["B", "A", "B", "Z", "Z", "Z"], uploaded=3))
    assert {name: with_uploads[name] for name in shared} == shared  # many uploads move no shared colour
    assert with_uploads["Z"] == OUTLET_PALETTE[2]


def test_outlets_past_the_palette_are_grey() -> None:
    names = [f"outlet {i:02d}" for i in range(len(OUTLET_PALETTE) + 2)]
    colours = corpus_outlet_colours(documents(names))
    assert colours[names[-1]] == OTHER_GREY
    assert len({colours[name] for name in names[: len(OUTLET_PALETTE)]}) == len(OUTLET_PALETTE)


def test_type_tints_are_light_versions_of_the_type_colours() -> None:
    assert tint("#4C78A8", share=0.0) == "#4C78A8" and tint("#4C78A8", share=1.0) == "#FFFFFF"
    assert type_tints()["PERSON"] == tint("#4C78A8", share=0.55)


def test_a_few_short_outlets_are_listed_beside_the_plot_many_or_long_ones_under_it() -> None:
    from lib.charts.colours import LEGEND_ROW_PX, place_outlet_legend

    beside, extra = place_outlet_legend(["VOA", "Wikinews"])
    assert extra == 0 and "orientation" not in beside
    under, extra = place_outlet_legend([f"outlet-{i}.com" for i in range(24)])
    assert under["orientation"] == "h" and under["yref"] == "container"
    long, more = place_outlet_legend(["U.S. Army Corps of Engineers Great Lakes and Ohio River Division", "VOA"])
    assert long["orientation"] == "h" and more == LEGEND_ROW_PX + 30  # two entries of one long width: one row
    assert extra > more  # 24 entries take more rows
