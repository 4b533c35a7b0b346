"""The one GiNZA `nlp` object of the pipeline."""

from __future__ import annotations

from functools import lru_cache

MODEL = "ja_ginza"


class ModelError(Exception):
    pass


@lru_cache(maxsize=None)
def load_nlp(model: str = MODEL):
    import spacy

    from . import components  # noqa: F401  (registers the factories)

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(f"cannot load the GiNZA model {model!r}: {exc}. Run `make install`.") from None
    nlp.add_pipe("actor_finder", last=True)
    return nlp


def model_version(nlp) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
