"""The output folder of a run: one run at a time, its files replaced together (issue 18 item 5).

    with OutputFolder(out) as folder:
        ... write everything into folder.stage ...
        folder.commit()

- A lock (`<out>/.lock`, holding the process id) keeps a second run from writing into the same
  folder: it stops at once with a clear message. A lock left by a process that is gone is stale
  and taken over.
- Every file of the run is written into a staging folder inside `<out>` and moved into place only
  by `commit()`, so a failed or killed run leaves the previous outputs as they were; what lives
  beside them and is not written by the run (`eval/`, `.cache/`) is never touched.
- The leftovers of a killed run (temporary `.*.tmp` files, staging and Parquet temp folders) are
  removed by the next run, once it holds the lock.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

LOCK = ".lock"
STAGING_PREFIX = ".staging."
LEFTOVER_DIR_PREFIXES = (STAGING_PREFIX, ".parquet.")


class OutputBusy(Exception):
    """Another run is writing into the folder."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputFolder:
    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.lock = self.out / LOCK
        self.stage = self.out / f"{STAGING_PREFIX}{os.getpid()}"
        self._held = False

    def __enter__(self) -> "OutputFolder":
        self.out.mkdir(parents=True, exist_ok=True)
        self._acquire()
        self._remove_leftovers()
        self.stage.mkdir()
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self.stage.exists():
                shutil.rmtree(self.stage, ignore_errors=True)
        finally:
            self._release()

    def _acquire(self) -> None:
        for _ in range(2):
            try:
                fd = os.open(self.lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                try:
                    pid = int(self.lock.read_text().strip() or 0)
                except (OSError, ValueError):
                    pid = 0
                if pid and _alive(pid) and pid != os.getpid():
                    raise OutputBusy(f"another extract (process {pid}) is writing into {self.out}; wait for it to "
                                     f"finish (or remove {self.lock} if no such run exists)") from None
                self.lock.unlink(missing_ok=True)  # stale: its process is gone
                continue
            with os.fdopen(fd, "w") as fh:
                fh.write(str(os.getpid()))
            self._held = True
            return
        raise OutputBusy(f"cannot take the lock {self.lock}")

    def _release(self) -> None:
        if self._held:
            self.lock.unlink(missing_ok=True)
            self._held = False

    def _remove_leftovers(self) -> None:
        for p in self.out.iterdir():
            if p.is_dir() and p.name.startswith(LEFTOVER_DIR_PREFIXES):
                shutil.rmtree(p, ignore_errors=True)
            elif p.is_file() and p.name.startswith(".") and p.name.endswith(".tmp"):
                p.unlink(missing_ok=True)

    def commit(self) -> None:
        """Move every file and folder written into the staging folder into place."""
        for p in sorted(self.stage.iterdir()):
            target = self.out / p.name
            if p.is_dir():
                if target.exists():
                    old = self.out / f"{STAGING_PREFIX}old.{p.name}"
                    os.replace(target, old)
                    os.replace(p, target)
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    os.replace(p, target)
            else:
                os.replace(p, target)
