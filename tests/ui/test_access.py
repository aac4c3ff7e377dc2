"""Access fails closed: unreadable secrets or settings stop every page; passwords are compared as
UTF-8 bytes in constant time; wrong ones wait longer each time and a session gets ten."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit import config
from streamlit.testing.v1 import AppTest

from lib.ingest.limits import ConfigError
from lib.ui import access
from tests.conftest import ROOT

DASHBOARD = str(ROOT / "dashboard.py")


@pytest.fixture()
def secrets_file(tmp_path: Path):
    """Point Streamlit at a secrets file of the test's own (the repository's is never touched)."""
    saved = config.get_option("secrets.files")
    path = tmp_path / "secrets.toml"

    def use(text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        config.set_option("secrets.files", [str(path)])
        st.secrets._reset()
        return path

    yield use
    config.set_option("secrets.files", saved)
    st.secrets._reset()


def shows_nothing_but_the_error(at: AppTest) -> None:
    assert not at.exception
    assert len(at.error) == 1 and "not configured correctly" in at.error[0].value
    assert len(at.dataframe) == 0 and len(at.metric) == 0 and len(at.sidebar.caption) == 0


# H1: an unquoted value made the secrets unreadable, which silently switched off the password and read-only.
def test_unparsable_secrets_stop_every_page(app_env, secrets_file) -> None:
    secrets_file('read_only = true\npassword = change me\n')
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    shows_nothing_but_the_error(at)
    assert "secrets file" in at.error[0].value and "cannot be read" in at.error[0].value


def test_readable_secrets_file_still_asks_for_the_password(app_env, secrets_file) -> None:
    secrets_file('read_only = true\npassword = "change me"\n')
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    assert not at.exception and len(at.error) == 0
    assert at.text_input(key="password_input") is not None and len(at.dataframe) == 0


@pytest.mark.parametrize("secrets, message", [
    ({"read_only": "true"}, "read_only in the secrets file must be true or false"),
    ({"password": 1234}, "password in the secrets file must be a non-empty quoted string"),
    ({"password": ""}, "password in the secrets file must be a non-empty quoted string"),
    ({"auth": "google"}, "auth in the secrets file must be a table"),
])
def test_secrets_of_the_wrong_type_are_errors(secrets: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        access.parse_access(secrets, {})


@pytest.mark.parametrize("value, expected", [
    (None, False), ("", False), ("0", False), ("false", False), ("FALSE", False), ("1", True), ("true", True),
    (" True ", True),
])
def test_read_only_documented_values(value: str | None, expected: bool) -> None:
    assert access.parse_read_only(value) is expected


@pytest.mark.parametrize("value", ["yes", "on", "2", "ture", "1 # read-only"])
def test_read_only_anything_else_is_an_error(value: str) -> None:
    with pytest.raises(ConfigError, match="READ_ONLY"):
        access.parse_read_only(value)


def test_an_undocumented_read_only_value_stops_the_app(app_env, monkeypatch) -> None:
    monkeypatch.setenv("READ_ONLY", "yes please")
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    shows_nothing_but_the_error(at)


def test_an_invalid_limit_stops_the_app(app_env, monkeypatch) -> None:
    monkeypatch.setenv("WORKSPACE_MB", "lots")
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    shows_nothing_but_the_error(at)
    assert "WORKSPACE_MB='lots' is not a number" in at.error[0].value


def test_read_only_from_secrets_or_environment() -> None:
    assert access.parse_access({"read_only": True}, {}).read_only
    assert access.parse_access({}, {"READ_ONLY": "1"}).read_only
    assert not access.parse_access({"read_only": False}, {"READ_ONLY": "0"}).read_only


# M8: a non-ASCII password crashed the login (str compare_digest takes ASCII only).
def test_non_ascii_password_logs_in(app_env) -> None:
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.secrets["password"] = "Pässwörd-שלום-✓"
    at.run()
    assert not at.exception and len(at.dataframe) == 0
    at.text_input(key="password_input").input("Pässwörd-שלום-✓").run()
    assert not at.exception
    assert len(at.dataframe) >= 1 and at.metric[0].value == "5"


def test_passwords_compare_as_utf8_bytes() -> None:
    password = "Pässwörd-✓".encode()
    assert access.password_matches("Pässwörd-✓", password)
    assert not access.password_matches("Passwort-✓", password)
    assert not access.password_matches("Pässwörd-✓ ", password)
    assert not access.password_matches("", password)


# M9: password guesses were unlimited.
def test_wrong_passwords_wait_longer_each_time_and_a_session_gets_ten(app_env, monkeypatch) -> None:
    waited: list[float] = []
    monkeypatch.setattr(access, "sleep", waited.append)
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.secrets["password"] = "right"
    at.run()
    for attempt in range(access.MAX_ATTEMPTS):
        at.text_input(key="password_input").input(f"wrong {attempt}").run()
        assert not at.exception
    assert waited == [0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0, 8.0]
    assert "Too many wrong passwords" in at.error[0].value
    assert len(at.text_input) == 0 and len(at.dataframe) == 0
    at.run()  # the right password cannot be typed any more in this session
    assert len(at.text_input) == 0 and len(at.dataframe) == 0


def test_the_right_password_after_wrong_ones_still_works(app_env, monkeypatch) -> None:
    monkeypatch.setattr(access, "sleep", lambda seconds: None)
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.secrets["password"] = "right"
    at.run()
    at.text_input(key="password_input").input("wrong").run()
    assert "9 attempts left" in at.error[0].value
    at.text_input(key="password_input").input("right").run()
    assert not at.exception and len(at.error) == 0 and at.metric[0].value == "5"
