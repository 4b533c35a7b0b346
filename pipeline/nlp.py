"""The one GiNZA `nlp` object of the pipeline."""

from __future__ import annotations

from functools import lru_cache

MODEL = "ja_ginza"
NER_MODES = ("gaps", "all", "none")  # see pipeline/components.py


class ModelError(Exception):
    pass


def load_nlp(model: str = MODEL, ner_mode: str = "gaps"):
    """GiNZA with the `actor_finder` component last, loaded once per process. With
    ner_mode="gaps" GiNZA's `ner` is disabled and the finder runs it only on sentences the name
    lists leave a gap in (pipeline/components.py)."""
    return _load(model, ner_mode)


@lru_cache(maxsize=None)
def _load(model: str, ner_mode: str):
    import spacy

    from . import components  # noqa: F401  (registers the factories)

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(f"cannot load the GiNZA model {model!r}: {exc}. Run `make install`.") from None
    nlp.add_pipe("actor_finder", last=True, config={"ner_mode": ner_mode})
    nlp.add_pipe("event_triggers", last=True)
    if ner_mode != "all" and "ner" in nlp.pipe_names:
        nlp.disable_pipe("ner")
    return nlp


def model_version(nlp) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
