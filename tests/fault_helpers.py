"""Functions the fault tests run in worker processes (importable by spawned workers)."""

import os
import signal


def die_on_marker(chunk: list) -> list:
    """A per-chunk function whose worker is killed by a signal when the chunk holds "kill"."""
    if "kill" in chunk:
        os.kill(os.getpid(), signal.SIGKILL)
    return [f"done {x}" for x in chunk]


def failed(chunk: list, reason: str) -> list:
    return [f"failed {x}: {reason}" for x in chunk]
