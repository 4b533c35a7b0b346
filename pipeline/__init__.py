"""Japanese security/foreign-policy text -> dated event table.

The Python API (pipeline/api.py): `extract_text`, `extract_files`, `parse`, `load`.
"""

__version__ = "0.1.0"

from .api import extract_files, extract_text, load, parse  # noqa: E402

__all__ = ["extract_text", "extract_files", "parse", "load", "__version__"]
