"""Session state the pages share: language, the chosen plan, the signed-in user; the store."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from planwatch.domain.access import Actor
from planwatch.settings import Settings, load_settings
from planwatch.storage import Store


@st.cache_resource
def _settings(environment_key: tuple[tuple[str, str], ...]) -> Settings:
    return load_settings(dict(environment_key))


def settings() -> Settings:
    key = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("PLANWATCH_")))
    return _settings(key)


def store() -> Store:
    current = settings()
    return Store(Path(current.db), current.lock_timeout)


def language() -> str:
    value = st.session_state.get("language")
    return value if value in ("da", "en") else settings().language


def data_version(the_store: Store) -> tuple[int, int]:
    """Changes whenever the database file changes: the key that ends cached figures."""
    version = (0, 0)
    for path in (the_store.path, the_store.path.with_name(the_store.path.name + ".wal")):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        version = (version[0] + stat.st_mtime_ns, version[1] + stat.st_size)
    return version


ACTOR_KEY = "planwatch_actor"


def actor() -> Actor | None:
    """The user signed in to this session, or None. Set only by the sign-in gate."""
    value = st.session_state.get(ACTOR_KEY)
    return value if isinstance(value, Actor) else None
