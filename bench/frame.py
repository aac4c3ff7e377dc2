"""The second reference page for bench/browser.py: the app's shared frame and one plotly chart.

The frame is what every view draws first (``app.setup_page``: page links, filters, corpus
summary, share and download boxes); the chart is the one of ``bench/hello.py``.
"""

import streamlit as st

from bench.hello import build_reference_figure
from lib.ui import app, sidebar

app.setup_page("Frame")
# Outside the app's page registry st.page_link cannot link its pages (setup_page then draws
# none), so the same links are drawn here as plain URLs: the same elements, the same work.
with st.sidebar:
    for _path, label, icon in sidebar.PAGES:
        st.page_link(f"http://127.0.0.1/{label.replace(' ', '_')}", label=label, icon=icon)
st.plotly_chart(build_reference_figure(), key="hello")
