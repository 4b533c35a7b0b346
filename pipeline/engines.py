"""Engines: run the per-document function over chunks of jobs, yielding results in input order.

- `local`, one process: chunks are processed in this process.
- `local`, N processes: a pool of N worker processes (spawned, each loads GiNZA once).
- `dask`: a Dask cluster; with no scheduler address a local cluster of N single-threaded
  worker processes, else the cluster at that address (its workers need this package and the
  model installed; the jobs carry the articles' bytes, so they need no shared file system).

Each engine calls the same `extract.process_jobs`, so their rows are identical.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator

ENGINES = ("local", "dask")


class EngineError(Exception):
    pass


def _init_worker(ner_mode: str) -> None:
    from .nlp import load_nlp

    load_nlp(ner_mode=ner_mode)


def map_chunks(
    fn: Callable[[list], list], chunks: list[list], engine: str = "local", n_process: int = 1,
    scheduler: str | None = None, ner_mode: str = "gaps", on_fail: Callable[[list, str], list] | None = None,
) -> Iterator[list]:
    """fn(chunk) for every chunk, yielded in order, computed by the chosen engine; `on_fail(chunk,
    reason)` gives the results of a chunk whose worker died twice (error rows)."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if not chunks:
        return
    if engine == "dask":
        yield from _dask(fn, chunks, n_process, scheduler)
    elif n_process == 1 or len(chunks) == 1:
        for chunk in chunks:
            yield fn(chunk)
    else:
        yield from _pool(fn, chunks, n_process, ner_mode, on_fail)


def _pool(fn, chunks: list[list], n_process: int, ner_mode: str, on_fail) -> Iterator[list]:
    """A pool of worker processes. A worker that dies (the OOM killer, a signal) breaks the
    pool: its chunk is retried once in a fresh pool, then failed with error rows (`on_fail`),
    and the run goes on with a fresh pool for the chunks left — it never hangs."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("spawn")

    def new_pool(n: int):
        return ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_worker, initargs=(ner_mode,))

    k = 0
    while k < len(chunks):
        pool = new_pool(min(n_process, len(chunks) - k))
        futures = [pool.submit(fn, c) for c in chunks[k:]]
        try:
            for fut in futures:
                yield fut.result()
                k += 1
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            retry = new_pool(1)
            try:
                yield retry.submit(fn, chunks[k]).result()
            except BrokenProcessPool:
                if on_fail is None:
                    raise EngineError("a worker process died twice on the same documents") from None
                yield on_fail(chunks[k], "worker process died (killed by the system or a signal), twice")
            finally:
                retry.shutdown(wait=False, cancel_futures=True)
            k += 1
        else:
            pool.shutdown()


def _dask(fn, chunks: list[list], n_process: int, scheduler: str | None) -> Iterator[list]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is a pinned dependency
        raise EngineError("the dask engine needs `dask[distributed]` (pip install 'dask[distributed]')") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=n_process, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    except OSError as exc:
        raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None
    try:
        futures = client.map(fn, chunks, pure=False)
        for fut in futures:
            yield fut.result()
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
