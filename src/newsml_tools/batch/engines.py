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

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
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

TIMEOUT_ENV = "NEWSML_DASK_TIMEOUT"  # seconds to reach a --scheduler (and to reconnect)
DEFAULT_TIMEOUT = 30.0
LOCAL_START_TIMEOUT = 120.0  # seconds for a LocalCluster to start
WORKERS_NOTICE_AFTER = 10.0  # seconds without a result before looking for workers
ADDRESS_FORMS = ("tcp://HOST:PORT (or HOST:PORT), tls://HOST:PORT, ucx://HOST:PORT, "
                 "ws[s]://HOST:PORT or inproc://...")
Notify = Callable[[str], None]


class SchedulerAddressError(EngineError):
    """A ``--scheduler`` that is no Dask address (usage error)."""


class EngineFailed(EngineError):
    """The engine stopped working during the run (the scheduler was lost, the cluster
    refused the work): not a bug, and not the inputs' fault."""


def connect_timeout() -> float:
    """``$NEWSML_DASK_TIMEOUT`` seconds, else 30."""
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < 1e6:
        raise EngineError(f"{TIMEOUT_ENV}={raw!r}: give the seconds to wait for the "
                          "Dask scheduler (e.g. 30)")
    return value


def check_scheduler_address(address: str) -> None:
    """Refuse what Client() would fail on with a ValueError (or worse) before DEST is
    touched: no port, an unknown scheme (``http://``), an unbracketed IPv6 address."""
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import backends

    try:
        scheme, loc = parse_address(address, strict=False)
        if scheme not in backends:
            raise ValueError(f"unknown scheme {scheme + '://'!r}")
        if scheme == "inproc":
            if not loc:
                raise ValueError("nothing after inproc://")
            return
        try:
            host, port = parse_host_port(loc)
        except ValueError as exc:
            if "invalid literal" in str(exc):  # int() on the port
                raise ValueError("the port is not a number") from None
            raise
        if not host:
            raise ValueError("no host")
        if not 0 < int(port) < 65536:
            raise ValueError(f"port {port} is out of range")
    except ValueError as exc:
        raise SchedulerAddressError(
            f"--scheduler {address!r} is not a Dask scheduler address ({exc}); give "
            f"{ADDRESS_FORMS}") from None


def map_dask(chunks: Iterable[Chunk], ctx: WorkContext, jobs: int,
             scheduler: str | None = None, window: int | None = None,
             notify: Notify | None = None) -> DaskStream:
    """One ``dask.bag`` per group of chunks (one partition per chunk), ``process_one``
    mapped over it; two groups in flight, so memory stays bounded. Connects (or starts
    the local cluster) now: ``EngineError`` if that fails, before any input is read."""
    try:
        import dask.bag as db
        import distributed  # noqa: F401 - its loggers exist before _QuietLogs looks
    except ImportError as exc:
        raise EngineError(DASK_MISSING) from exc
    # distributed's event loop can leave a tornado coroutine unawaited when a run is
    # interrupted: Python then prints a RuntimeWarning at exit, noise and no news
    warnings.filterwarnings("ignore", message=r"coroutine '.*' was never awaited",
                            category=RuntimeWarning)
    window = window or max(2, 4 * jobs)
    timeout = connect_timeout() if scheduler else None
    quiet = _QuietLogs()  # distributed logs its reconnection attempts: we say it in one line
    try:
        client, cluster = _connect(jobs, scheduler, timeout)
    except BaseException:
        quiet.restore()
        raise
    where = scheduler or "the local cluster"
    gen = _dask_stream(db, chunks, ctx, window,
                       _Waiter(client, where, notify or _stderr_notice))
    return DaskStream(gen, client, cluster, quiet)


class DaskStream:
    """The records of a Dask run. ``close()`` stops it and closes the client and the local
    cluster, also when iteration never started (a generator's ``finally`` would not run)."""

    def __init__(self, gen: Iterator[Records], client: Any, cluster: Any,
                 quiet: _QuietLogs) -> None:
        self._gen, self._client, self._cluster, self._quiet = gen, client, cluster, quiet
        self._closed = False

    def __iter__(self) -> DaskStream:
        return self

    def __next__(self) -> Records:
        return next(self._gen)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._gen.close()
        finally:
            with _sigint_deferred():  # a cluster half shut down hangs at exit
                _close_quietly(self._client, self._cluster)
            self._quiet.restore()


def _connect(jobs: int, scheduler: str | None, timeout: float | None) -> tuple[Any, Any]:
    """``(client, local cluster or None)``, made in a helper thread, for two reasons:
    Client() waits forever on a scheduler that accepts the connection and never answers,
    so the wait is bounded here; and that thread blocks SIGINT, as do the threads it
    starts (distributed's event loop) and the worker processes those spawn (a signal
    mask is inherited): Ctrl-C reaches this process alone, which shuts the cluster down
    in order, instead of every worker printing a KeyboardInterrupt traceback, and never
    stops a cluster half-started."""
    box: dict[str, Any] = {}
    lock = threading.Lock()

    def start() -> None:
        _block_sigint(local=scheduler is None)
        try:
            value = _open_cluster(jobs, scheduler, timeout)
        except BaseException as exc:  # handed to the main thread
            box["error"] = exc
            return
        with lock:
            if not box.get("abandoned"):
                box["value"] = value
                return
        _close_quietly(*value)  # too late: the run has given up on it

    helper = threading.Thread(target=start, name="newsml-dask-connect", daemon=True)
    helper.start()
    # distributed gives up on a refused connection after `timeout` itself; on one that
    # is never answered, we do a little later
    wait = LOCAL_START_TIMEOUT if timeout is None else timeout + min(timeout, 2.0)
    try:
        helper.join(wait)
    except KeyboardInterrupt:
        with _sigint_deferred():  # shut down in order what it started (no half cluster)
            helper.join(wait)
            with lock:
                box["abandoned"] = True
            if "value" in box:
                _close_quietly(*box["value"])
        raise
    with lock:
        box["abandoned"] = "value" not in box and "error" not in box
    if box["abandoned"]:
        if timeout is None:
            raise EngineError(f"the local Dask cluster did not start within {wait:g} s")
        raise EngineError(f"the Dask scheduler {scheduler} did not answer within "
                          f"{timeout:g} s (is it a Dask scheduler? {TIMEOUT_ENV} sets "
                          "the wait)")
    if "error" in box:
        raise _connect_error(box["error"], scheduler) from None
    client, cluster = box["value"]
    return client, cluster


def _block_sigint(local: bool) -> None:
    """Block SIGINT in this thread and in what it starts. multiprocessing's resource
    tracker, launched with the first worker process, unblocks SIGINT in the thread that
    launches it (bpo-33613: it does not restore the mask): so launch it first."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        return
    if local:
        with contextlib.suppress(Exception):  # (without it, only the tracebacks are back)
            from multiprocessing import resource_tracker

            resource_tracker.ensure_running()
    with contextlib.suppress(ValueError, OSError):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


@contextlib.contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Ctrl-C waits (in this thread) until the block is done, then is raised."""
    try:
        before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
        yield
        return
    try:
        yield
    finally:
        if signal.SIGINT not in before:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _open_cluster(jobs: int, scheduler: str | None,
                  timeout: float | None) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout=f"{timeout}s"), None
    # the worker processes inherit the environment: the same RuntimeWarning filter as
    # here (see map_dask), for an interrupted worker's event loop
    before = os.environ.get("PYTHONWARNINGS")
    os.environ["PYTHONWARNINGS"] = ",".join(
        w for w in (before, "ignore:coroutine:RuntimeWarning") if w)
    try:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                               dashboard_address=":0",  # HTTP on any free port
                               scheduler_kwargs={"dashboard": False},
                               silence_logs=logging.CRITICAL)
    finally:
        if before is None:
            os.environ.pop("PYTHONWARNINGS", None)
        else:
            os.environ["PYTHONWARNINGS"] = before
    try:
        return Client(cluster), cluster
    except BaseException:
        _close_quietly(None, cluster)
        raise


def _connect_error(exc: BaseException, scheduler: str | None) -> BaseException:
    """Whatever connecting raised, as one line (KeyboardInterrupt stays itself)."""
    if not isinstance(exc, Exception):
        return exc
    if scheduler is None:
        return EngineError(f"cannot start a local Dask cluster: {_describe(exc)}")
    if isinstance(exc, MemoryError):  # a frame length read from an HTTP answer
        why = ("what answers there does not speak the Dask protocol (the scheduler's "
               "port, not its dashboard's)")
    else:
        why = _describe(exc)
    return EngineError(f"cannot connect to the Dask scheduler {scheduler}: {why}")


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())  # one line
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _close_quietly(client: Any, cluster: Any) -> None:
    """Close what was opened; a scheduler already gone makes closing fail (or wait)."""
    for thing in (client, cluster):
        if thing is not None:
            with contextlib.suppress(Exception):
                thing.close(timeout=10)


class _QuietLogs:
    """distributed's loggers at CRITICAL while the engine runs (a lost scheduler is one
    EngineFailed line, not a page of reconnection logs); ``restore()`` puts them back."""

    def __init__(self) -> None:
        names = [n for n in logging.root.manager.loggerDict
                 if n == "distributed" or n.startswith("distributed.")]
        self._saved = {n: logging.getLogger(n).level for n in ["distributed", *names]}
        for name in self._saved:
            logging.getLogger(name).setLevel(logging.CRITICAL)

    def restore(self) -> None:
        for name, level in self._saved.items():
            logging.getLogger(name).setLevel(level)
        self._saved = {}


def _stderr_notice(message: str) -> None:
    print(f"newsml: {message}", file=sys.stderr, flush=True)


class _Waiter:
    """Waits for Dask futures: says once (``notify``) when the cluster has no worker to
    run them (a scheduler with none waits for ever), and turns a lost scheduler into
    ``EngineFailed``."""

    def __init__(self, client: Any, where: str, notify: Notify) -> None:
        self.client, self.where, self.notify = client, where, notify
        self.noticed = False

    def result(self, fut: Any) -> Any:
        while True:
            try:
                return fut.result(timeout=WORKERS_NOTICE_AFTER)
            except TimeoutError:
                self._look_for_workers()
            except asyncio.CancelledError as exc:  # (a BaseException: not a task's failure)
                self.check(exc)
                raise EngineFailed(f"the Dask scheduler {self.where} cancelled the work") from exc
            except Exception as exc:
                self.check(exc)
                raise  # the task's own failure (KilledWorker ...): the caller's to handle

    def _look_for_workers(self) -> None:
        if self.noticed:
            return
        try:
            workers = self.client.nthreads()
        except Exception as exc:
            self.check(exc)
            return
        if not workers:
            self.noticed = True
            self.notify(f"waiting for workers on the Dask scheduler {self.where}: it has "
                        f"none (start some: dask worker {self.where})")

    def check(self, exc: BaseException) -> None:
        """Raise ``EngineFailed`` when ``exc`` comes from losing the scheduler."""
        if getattr(self.client, "status", "running") != "running":
            raise EngineFailed(f"lost the Dask scheduler {self.where} "
                               f"({type(exc).__name__})") from exc

    def compute(self, what: Any) -> Any:
        try:
            return self.client.compute(what)
        except Exception as exc:  # a closed client, a graph the scheduler refused ...
            self.check(exc)
            raise EngineFailed(f"the Dask scheduler {self.where} did not take the work: "
                               f"{_describe(exc)}") from exc

    def one(self, item: InputItem, ctx: WorkContext) -> dict[str, Any]:
        """Run one input alone; an input whose task fails is an error record."""
        try:
            return self.result(self.client.submit(process_one, item, ctx, pure=False))
        except EngineFailed:
            raise
        except Exception as exc:
            self.check(exc)
            return died_record(item, f"the Dask task failed: {_describe(exc)}")


def _dask_stream(db: Any, chunks: Iterable[Chunk], ctx: WorkContext, window: int,
                 waiter: _Waiter) -> Iterator[Records]:
    Submitted = tuple[list[Any], list[InputItem], int]

    def submit(group: list[Chunk]) -> Submitted:
        flat = [item for c in group for item in c]
        size = max(len(c) for c in group)
        bag = db.from_sequence(flat, partition_size=size).map(process_one, ctx)
        return waiter.compute(bag.to_delayed()), flat, size

    def collect(submitted: Submitted) -> Iterator[Records]:
        futures, flat, size = submitted
        for k, fut in enumerate(futures):
            try:
                records = waiter.result(fut)
            except EngineFailed:
                raise
            except Exception:  # e.g. KilledWorker: retry its inputs one per task
                records = [waiter.one(item, ctx) for item in flat[k * size:(k + 1) * size]]
            yield records

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


def died_record(item: InputItem, reason: str) -> dict[str, Any]:
    return {"id": item.id, "source": item.source, "status": "error", "outputs": [],
            "sha256": None, "findings": [], "error": reason, "seconds": 0.0}


def check_dask(scheduler: str | None = None) -> None:
    """Fail early (before DEST is touched) when the optional extra is missing, the
    ``--scheduler`` address is malformed or ``$NEWSML_DASK_TIMEOUT`` is no number."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise EngineError(DASK_MISSING) from exc
    if scheduler:  # (an empty one means the local cluster, as it always did)
        check_scheduler_address(scheduler)
        connect_timeout()
