"""The second reference page for bench/browser.py: the app's shared frame and N plotly charts (one unless asked).

The frame is what every view draws first (``app.setup_page``: page links, filters, corpus
summary, share and download boxes); each chart is the one of ``bench/hello.py``.
``?charts=N`` draws N of them (0 to ``MOST_CHARTS``), so a view that draws N charts can be
compared with a frame that draws as many; any other value draws one.
"""

import streamlit as st

from bench.hello import build_reference_figure

CHARTS = "charts"
"""The query parameter naming the number of charts."""
MOST_CHARTS = 20


def read_chart_count(value: str | None) -> int:
    """The number of charts a ``?charts=`` value asks for: 0 to MOST_CHARTS, else one."""
    try:
        count = int(value or "")
    except ValueError:
        return 1
    return count if 0 <= count <= MOST_CHARTS else 1


if __name__ == "__main__":  # as Streamlit runs it (bench/browser.py imports the names above)
    from lib.ui import app, sidebar  # the app's adapter, which makes its caches on import

    app.setup_page("Frame")
    # Outside the app's page registry st.page_link cannot link its pages (setup_page then draws
    # none), so the same links are drawn here as plain URLs: the same elements, the same work.
    with st.sidebar:
        for _path, label, icon in sidebar.PAGES:
            st.page_link(f"http://127.0.0.1/{label.replace(' ', '_')}", label=label, icon=icon)
    for index in range(read_chart_count(st.query_params.get(CHARTS))):
        st.plotly_chart(build_reference_figure(), key="hello" if index == 0 else f"hello_{index}")
