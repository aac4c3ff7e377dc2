"""The reference page for bench/browser.py: one plotly chart, nothing else.

``?add=multiselect,date_input`` draws those Streamlit elements above the chart (placeholder
content), so ``bench/browser.py --elements`` can measure what one element type costs a page load.
"""

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

FIRST, LAST = dt.date(2024, 1, 1), dt.date(2025, 6, 30)
OPTIONS = ["All Israel News", "Ynetnews", "The Times of Israel", "Anadolu Agency"]


def build_reference_figure() -> go.Figure:
    """The one chart of the reference pages."""
    return go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2]))


ELEMENTS = {
    "markdown": lambda: st.markdown("**Corpus** `seeds`: 5 articles · model en_core_web_sm"),
    "metric": lambda: st.metric("Articles", 5),
    "multiselect": lambda: st.multiselect("Outlets", OPTIONS, key="multiselect", placeholder="All outlets"),
    "selectbox": lambda: st.selectbox("Outlet", OPTIONS, key="selectbox"),
    "date_input": lambda: st.date_input("Published between", value=(FIRST, LAST), key="date_input"),
    "checkbox": lambda: st.checkbox("Include undated articles", value=True, key="checkbox"),
    "radio": lambda: st.radio("Bar length", ["mentions", "articles"], horizontal=True, key="radio"),
    "slider": lambda: st.slider("Top", 5, 100, 25, key="slider"),
    "number_input": lambda: st.number_input("Top", 5, 100, 25, key="number_input"),
    "text_input": lambda: st.text_input("Word", "military pressure", key="text_input"),
    "tabs": lambda: st.tabs(["Ranking", "Network"]),
    "expander": lambda: st.expander("Share this view").caption("The link opens this view."),
    "button": lambda: st.button("Prepare", key="button"),
    "download_button": lambda: st.download_button("Download CSV", b"a,b\n", file_name="x.csv", key="download"),
    "dataframe": lambda: st.dataframe(pd.DataFrame({"outlet": OPTIONS, "articles": [1, 2, 3, 4]}), key="dataframe"),
    "chart": lambda: st.plotly_chart(go.Figure(go.Bar(x=["d", "e"], y=[2, 1])), key="second_chart"),
}

if __name__ == "__main__":  # as Streamlit runs it (bench/browser.py imports ELEMENTS)
    for name in st.query_params.get("add", "").split(","):
        if name in ELEMENTS:
            ELEMENTS[name]()
    st.plotly_chart(build_reference_figure(), key="hello")
