"""Who may use the instance, failing closed: password or OIDC login, read-only mode, the limits.

A secrets file or setting that cannot be read stops every page with one message; it never means
"no password" or "writable".
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from time import sleep
from typing import Any

import streamlit as st

from lib.ingest.limits import ConfigError, Limits, read_limits
from lib.ui import state

READ_ONLY_VALUES = {"": False, "0": False, "false": False, "1": True, "true": True}
"""The documented values of READ_ONLY (case-insensitive); anything else stops the app."""
PASSWORD_KEY = "password_input"
MAX_ATTEMPTS = 10
"""Wrong passwords one browser session may type before it is refused."""
FIRST_DELAY_SECONDS = 0.5
MAX_DELAY_SECONDS = 8.0


@dataclass(frozen=True)
class Access:
    """What the secrets and environment say about access."""

    password: bytes | None
    read_only: bool
    oidc: bool
    limits: Limits


def read_secrets() -> Mapping[str, Any]:
    """The app's secrets; empty when no secrets file exists at all, ConfigError when one exists
    but cannot be read or parsed (a typo must never switch the password or read-only off)."""
    try:
        return st.secrets.to_dict()
    except Exception as error:  # noqa: BLE001 - any failure to read an existing secrets file stops the app
        present = [str(path) for path in map(Path, st.get_option("secrets.files")) if path.exists()]
        if not present:
            return {}
        raise ConfigError(f"the secrets file ({', '.join(present)}) cannot be read: {error}") from None


def parse_read_only(value: str | None) -> bool:
    """READ_ONLY: unset, empty, 0, 1, false or true; anything else raises ConfigError."""
    key = (value or "").strip().lower()
    if key not in READ_ONLY_VALUES:
        raise ConfigError(f"READ_ONLY={value!r} is not one of: unset, 0, 1, false, true")
    return READ_ONLY_VALUES[key]


def parse_access(secrets: Mapping[str, Any], environ: Mapping[str, str]) -> Access:
    """Check the secrets' and environment's access settings; ConfigError names the first bad one."""
    password = secrets.get("password")
    if password is not None and (not isinstance(password, str) or not password):
        raise ConfigError("password in the secrets file must be a non-empty quoted string")
    read_only = secrets.get("read_only", False)
    if not isinstance(read_only, bool):
        raise ConfigError("read_only in the secrets file must be true or false")
    auth = secrets.get("auth")
    if auth is not None and not isinstance(auth, Mapping):
        raise ConfigError("auth in the secrets file must be a table ([auth])")
    return Access(
        password=password.encode("utf-8") if password else None,
        read_only=read_only or parse_read_only(environ.get("READ_ONLY")),
        oidc=auth is not None,
        limits=read_limits(environ),
    )


def current_access() -> Access:
    """The access settings; stops the page with one clear message if any cannot be read."""
    try:
        return parse_access(read_secrets(), os.environ)
    except ConfigError as error:
        st.error(f"This instance is not configured correctly, so it shows nothing: {error}.")
        st.stop()
    raise AssertionError("unreachable")


def is_read_only() -> bool:
    """READ_ONLY in the environment, or read_only = true in the app's secrets."""
    return current_access().read_only


def delay_after(failures: int) -> float:
    """Seconds to wait before checking a password after this many wrong ones: 0, 0.5, 1, 2, 4, 8, 8…"""
    return 0.0 if failures <= 0 else min(FIRST_DELAY_SECONDS * 2 ** (failures - 1), MAX_DELAY_SECONDS)


def password_matches(typed: str, password: bytes) -> bool:
    """Compare as UTF-8 bytes in constant time (their SHA-256 digests, so not even the length leaks)."""
    digest = hashlib.sha256(typed.encode("utf-8", errors="surrogatepass")).digest()
    return hmac.compare_digest(digest, hashlib.sha256(password).digest())


def check_password(password: bytes) -> None:
    """The password box's callback: wait out the delay, compare, count a failure."""
    typed = st.session_state.get(PASSWORD_KEY) or ""
    st.session_state[PASSWORD_KEY] = ""
    if not typed:
        return
    failures = st.session_state.get(state.SESSION_FAILED_LOGINS, 0)
    sleep(delay_after(failures))
    if password_matches(typed, password):
        st.session_state[state.SESSION_AUTHENTICATED] = True
    else:
        st.session_state[state.SESSION_FAILED_LOGINS] = failures + 1


def require_password(password: bytes) -> None:
    """Ask for the instance password; wrong ones wait longer each time, and a session gets MAX_ATTEMPTS."""
    failures = st.session_state.get(state.SESSION_FAILED_LOGINS, 0)
    if failures >= MAX_ATTEMPTS:
        st.error("Too many wrong passwords in this browser session. Try again later in a new one.")
        st.stop()
    st.text_input("Password", type="password", key=PASSWORD_KEY, on_change=check_password, args=(password,))
    if failures:
        st.error(f"Wrong password ({MAX_ATTEMPTS - failures} attempts left in this session).")
    st.stop()


def require_access() -> Access:
    """Stop the page unless the visitor may see it: OIDC login (secrets: [auth]) or the password."""
    access = current_access()
    if access.oidc and not st.user.is_logged_in:
        st.info("This instance is private. Log in to continue.")
        st.button("Log in", on_click=st.login, key="login_button")
        st.stop()
    if access.password and not st.session_state.get(state.SESSION_AUTHENTICATED):
        require_password(access.password)
    return access
