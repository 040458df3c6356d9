"""Engines map ``process_chunk`` over a stream of chunks and yield results *in order*.

Each keeps a bounded window of chunks in flight, so the input stream is consumed only as
fast as the workers finish (memory stays flat for any archive size), and results come
back in input order (the report and a ``.zip`` DEST are deterministic).

- ``serial``: in-process, for ``-j 1`` (no pickling, no pool start-up).
- ``processes``: a ``ProcessPoolExecutor``; a worker that dies (segfault, OOM kill) is
  isolated: the chunks in flight are retried one item at a time in a one-worker pool,
  and the item that kills that worker becomes an ``error`` record.
- ``dask``: ``dask.bag`` partitions on a ``distributed`` cluster (``--scheduler`` or a
  ``LocalCluster``); imported lazily, an optional extra.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newsml_tools.batch.sources import InputItem
from newsml_tools.batch.work import WorkContext, process_chunk, process_one

Chunk = Sequence[InputItem]
Records = list[dict[str, Any]]

DASK_MISSING = (
    "the dask engine needs the optional extra: pip install 'newsml-tools[dask]'"
)


class EngineError(Exception):
    """The engine cannot run (missing extra, unreachable scheduler)."""


def map_serial(chunks: Iterable[Chunk], ctx: WorkContext) -> Iterator[Records]:
    for chunk in chunks:
        yield process_chunk(chunk, ctx)


def _worker_init() -> None:
    """Leave Ctrl-C to the parent (it stops handing out work and shuts the pool down),
    and die with the parent (Linux): a ``kill -9``-ed batch leaves no orphan writing to
    DEST while a ``--resume`` runs."""
    import signal

    from newsml_tools.interrupts import worker_signals

    worker_signals()
    # What the worker inherited (modules, compiled schemas) lives as long as it does:
    # keep it out of every collection, and collect the young generation less often (an
    # article makes thousands of short-lived objects, almost none in cycles): ~3 % CPU.
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
            if os.getppid() == 1:  # the parent already died before prctl
                os._exit(1)
        except OSError:  # pragma: no cover
            pass


def _warm_up(ctx: WorkContext) -> None:
    """Load the converter (and its compiled schemas) before forking, so every worker
    starts warm instead of paying the start-up cost once each."""
    with contextlib.suppress(Exception):  # a real failure shows up per article, recorded
        ctx.convert("Warm-up headline\n\nA paragraph.\n", ctx.options, source_name="<warm-up>")


def _pool(jobs: int) -> ProcessPoolExecutor:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    mp_ctx = multiprocessing.get_context(method)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=mp_ctx, initializer=_worker_init)


def map_processes(chunks: Iterable[Chunk], ctx: WorkContext, jobs: int,
                  window: int | None = None) -> Iterator[Records]:
    window = window or max(2, 3 * jobs)
    _warm_up(ctx)
    ex = _pool(jobs)
    pending: deque[tuple[Chunk, Future[Records]]] = deque()
    try:
        it = iter(chunks)
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                chunk = next(it, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.append((chunk, _submit(ex, chunk, ctx)))
            if not pending:
                return
            chunk, fut = pending.popleft()
            try:
                records = fut.result()
            except BrokenProcessPool:
                ex.shutdown(wait=False, cancel_futures=True)
                retry = [chunk, *(c for c, _f in pending)]
                pending.clear()
                for c in retry:  # sequentially, to find the input that kills a worker
                    yield _isolate(c, ctx)
                ex = _pool(jobs)
                continue
            yield records
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _submit(ex: ProcessPoolExecutor, chunk: Chunk, ctx: WorkContext) -> Future[Records]:
    return ex.submit(process_chunk, chunk, ctx)


def _isolate(chunk: Chunk, ctx: WorkContext) -> Records:
    """Run a chunk one item at a time in a one-worker pool, so an item that kills the
    worker is known exactly: it becomes an error record, the pool is replaced, and the
    rest of the chunk goes on."""
    records: Records = []
    ex = _pool(1)
    try:
        for item in chunk:
            try:
                records.append(ex.submit(process_one, item, ctx).result())
            except BrokenProcessPool:
                records.append(died_record(item, "the worker process died while converting "
                                                 "this input (crash or out of memory)"))
                ex.shutdown(wait=False, cancel_futures=True)
                ex = _pool(1)
    finally:
        ex.shutdown(wait=True)
    return records


# --------------------------------------------------------------------------- Dask


def map_dask(chunks: Iterable[Chunk], ctx: WorkContext, jobs: int,
             scheduler: str | None = None, window: int | None = None) -> Iterator[Records]:
    """One ``dask.bag`` per group of chunks (one partition per chunk), ``process_one``
    mapped over it; two groups in flight, so memory stays bounded."""
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise EngineError(DASK_MISSING) from exc
    window = window or max(2, 4 * jobs)
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=":0",  # HTTP on any free port
                                   scheduler_kwargs={"dashboard": False},
                                   silence_logs=logging.CRITICAL)
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise EngineError(f"cannot reach the Dask scheduler {scheduler!r}: {exc}") from exc
    try:
        yield from _dask_stream(db, client, chunks, ctx, window)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_stream(db: Any, client: Any, chunks: Iterable[Chunk], ctx: WorkContext,
                 window: int) -> Iterator[Records]:
    Submitted = tuple[list[Any], list[InputItem], int]

    def submit(group: list[Chunk]) -> Submitted:
        flat = [item for c in group for item in c]
        size = max(len(c) for c in group)
        bag = db.from_sequence(flat, partition_size=size).map(process_one, ctx)
        return client.compute(bag.to_delayed()), flat, size

    def collect(submitted: Submitted) -> Iterator[Records]:
        futures, flat, size = submitted
        for k, fut in enumerate(futures):
            try:
                yield fut.result()
            except Exception:  # e.g. KilledWorker: retry its inputs one per task
                yield [_one_by_one(client, item, ctx) for item in flat[k * size:(k + 1) * size]]

    groups: deque[Submitted] = deque()
    group: list[Chunk] = []
    for chunk in chunks:
        group.append(chunk)
        if len(group) >= window:
            groups.append(submit(group))
            group = []
            if len(groups) >= 2:
                yield from collect(groups.popleft())
    if group:
        groups.append(submit(group))
    while groups:
        yield from collect(groups.popleft())


def _one_by_one(client: Any, item: InputItem, ctx: WorkContext) -> dict[str, Any]:
    try:
        return client.submit(process_one, item, ctx, pure=False).result()
    except Exception as exc:
        return died_record(item, f"the Dask task failed: {type(exc).__name__}: {exc}")


def died_record(item: InputItem, reason: str) -> dict[str, Any]:
    return {"id": item.id, "source": item.source, "status": "error", "outputs": [],
            "sha256": None, "findings": [], "error": reason, "seconds": 0.0}


def check_dask() -> None:
    """Fail early (before DEST is touched) when the optional extra is missing."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise EngineError(DASK_MISSING) from exc
