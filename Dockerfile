# A read-only hosted instance on the seed corpus (or the corpus mounted at /app/corpus).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    READ_ONLY=1 \
    CACHE_DIR=/app/.cache

WORKDIR /app
RUN useradd --create-home --uid 1000 explorer

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# Parse the corpus at build time so the first visitor never waits for spaCy.
RUN python -m lib.build seeds && chown -R explorer /app/.cache

USER explorer
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status == 200 else 1)"

CMD ["streamlit", "run", "dashboard.py", "--server.port=8501", "--server.address=0.0.0.0"]
