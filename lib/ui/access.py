"""Who may use the instance: the password or OIDC login from the app's secrets, and read-only mode."""

from __future__ import annotations

import hmac
import os

import streamlit as st

from lib.ui import state


def is_read_only() -> bool:
    """READ_ONLY=1 in the environment, or read_only = true in the app's secrets."""
    if os.environ.get("READ_ONLY", "").strip().lower() in ("1", "true", "yes"):
        return True
    return bool(secret("read_only"))


def secret(name: str) -> object | None:
    """A value from .streamlit/secrets.toml, or None when there is no such file or key."""
    try:
        return st.secrets.get(name)
    except Exception:  # noqa: BLE001 - no or unparsable secrets file means no secret
        return None


def require_access() -> None:
    """Ask for the instance password (secrets: password) or an OIDC login (secrets: [auth])."""
    if secret("auth") and not st.user.is_logged_in:
        st.info("This instance is private. Log in to continue.")
        st.button("Log in", on_click=st.login, key="login_button")
        st.stop()
    password = secret("password")
    if not password or st.session_state.get(state.SESSION_AUTHENTICATED):
        return
    typed = st.text_input("Password", type="password", key="password_input")
    if typed and hmac.compare_digest(str(typed), str(password)):
        st.session_state[state.SESSION_AUTHENTICATED] = True
        st.rerun()
    if typed:
        st.error("Wrong password.")
    st.stop()
