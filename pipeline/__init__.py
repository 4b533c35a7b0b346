"""Japanese security/foreign-policy text -> dated event table."""

__version__ = "0.1.0"
