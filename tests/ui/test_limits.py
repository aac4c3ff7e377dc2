"""Each limit is one configuration value (lib/ingest/limits.py), shown once in the UI and the README,
and Streamlit's own upload limit holds the same figure (H3)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import fields

import pytest
from streamlit.testing.v1 import AppTest

from lib.ingest.limits import ConfigError, Limits, describe_limits, read_limits
from tests.conftest import ROOT


def test_streamlit_upload_limit_is_the_file_limit() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == Limits().max_file_mb == 10


def test_every_limit_is_in_the_readme_once_with_its_default() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for item in fields(Limits):
        rows = [line for line in readme.splitlines() if line.startswith(f"| `{item.name.upper()}` |")]
        assert len(rows) == 1, item.name
        assert f"| `{item.default:g}` |" in rows[0] or f"| `{item.default:,}` |" in rows[0], rows[0]


def test_the_old_figures_are_gone() -> None:
    code = "\n".join(path.read_text(encoding="utf-8") for path in [*ROOT.glob("lib/**/*.py"), *ROOT.glob("pages/*.py")])
    assert not re.search(r"\b(20|50|200) \* 1024 \* 1024\b", code)
    assert "MAX_ZIP_TOTAL_BYTES" not in code and "MAX_FILE_BYTES" not in code


@pytest.mark.parametrize("environ, message", [
    ({"MAX_FILE_MB": "ten"}, "MAX_FILE_MB='ten' is not a number"),
    ({"WORKSPACE_FILES": "2.5"}, "WORKSPACE_FILES='2.5' is not a whole number"),
    ({"UPLOADS_MB": "0"}, "UPLOADS_MB='0' must be above 0"),
    ({"PARSE_WORKERS": "-1"}, "PARSE_WORKERS='-1' must be above 0"),
])
def test_invalid_limits_are_errors(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        read_limits(environ)


def test_limits_from_the_environment() -> None:
    limits = read_limits({"MAX_FILE_MB": "2.5", "WORKSPACE_FILES": "7"})
    assert limits.max_file_bytes == int(2.5 * 1024 * 1024) and limits.workspace_files == 7


def test_the_corpus_page_shows_the_limits_once(app_env, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("WORKSPACE_DIR", str(tmp_path))
    monkeypatch.setenv("WORKSPACE_MB", "3")
    at = AppTest.from_file(str(ROOT / "pages/5_Corpus.py"), default_timeout=120).run()
    assert not at.exception
    shown = describe_limits(read_limits({"WORKSPACE_MB": "3"}))
    assert "your articles up to 3 MB" in shown
    captions = [c.value for c in at.caption]
    assert sum(shown in caption for caption in captions) == 1
    assert sum(caption.count("10 MB") for caption in captions) == 1
