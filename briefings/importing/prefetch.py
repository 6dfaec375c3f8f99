"""Preparing the next documents in a second process while this one writes the last.

Cleaning and parsing a document cost about as much as writing it (bench/bench_import.py:
~9 s of CPU each per 10,000 updates), and need no database; so on a machine with a second
core an import hands them to a worker process, a document or two ahead, and keeps every
write — one transaction a document, as before — in the importing process.

Parsing reads the registry (is this name an outlet? an actor?), and the importing process
adds to it as it loads (a proposed actor, an unknown outlet), so a document parsed ahead may
have seen an older registry. The worker therefore notes every question parsing asked of
its registry and the answer (``Recorder``), and the importing process asks its own registry
the same questions before it uses the parse (``consistent``): parsing is pure but for those
answers, so when they agree the parse is the one it would have made itself; when they do not
(rare: a name proposed by the document just before), it parses the document again itself.
The worker's registry is brought up to date with each document it is sent.

The worker is forked, so it starts in milliseconds with Django, the models and the parser's
tables in place, and never uses the database connections it inherits (it leaves by
``os._exit``, which closes nothing). Never from a process with other threads (a threaded
web server): forking those can deadlock.
"""

import ctypes
import os
import signal
import threading
import types
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context

from .names import Registry, RegistryEntry

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends


class _Unchecked:
    """An answer that cannot be compared (not plain data): it never equals anything, so the
    parse that got it is done again."""

    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return 0


def _summary(answer: object) -> object:
    """What of a registry's answer parsing can have used, comparable across processes."""
    if answer is None or isinstance(answer, bool | int | str):
        return answer
    if isinstance(answer, RegistryEntry):
        return ("entry", answer.name, tuple(answer.aliases), answer.kind, answer.is_reviewed)
    return _Unchecked()


class Recorder:
    """A registry that notes what it is asked and what it answers: any method, by name, with
    its arguments (``registry.is_outlet`` handed to the parser stays a bound method, so the
    parser's ``is_outlet.__self__.actor`` is recorded too)."""

    def __init__(self, registry: Registry):
        self._registry = registry
        self.answers: list[tuple[str, tuple, object]] = []

    def __getattr__(self, name: str):
        value = getattr(self._registry, name)
        if not callable(value):
            self.answers.append((name, (), _Unchecked()))
            return value

        def ask(recorder, *args):
            answer = value(*args)
            recorder.answers.append((name, args, _summary(answer)))
            return answer

        return types.MethodType(ask, self)


def consistent(registry: Registry, answers: list[tuple[str, tuple, object]]) -> bool:
    """Whether ``registry`` gives every recorded answer: a parse made with the recorded
    answers is then the one made with ``registry``."""
    return all(_summary(getattr(registry, name)(*args)) == answer for name, args, answer in answers)


def cores() -> int:
    """The cores this process may run on (os.cpu_count() counts the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def available() -> bool:
    """Whether a worker may be started: a second core, no other thread, and fork."""
    return cores() > 1 and threading.active_count() == 1 and "fork" in get_all_start_methods()


_registry: Registry | None = None  # the worker's copy


def _start(registry: Registry, parent: int) -> None:
    global _registry
    _registry = registry
    _die_with(parent)


def _die_with(parent: int) -> None:
    """End the worker when the importing process ends, even killed (SIGKILL runs no handler).
    A worker that outlived it would keep the database connection it inherited open, and
    PostgreSQL keeps a connection's transaction — the killed import's, with its locks — until
    every process holding the socket has closed it: the next import waited on those locks."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker ends with its queue instead
        return
    if os.getppid() != parent:  # the importing process ended before prctl took effect
        os._exit(0)


def _run(work, job, sources: list[RegistryEntry], actors: list[RegistryEntry]):
    for entry in sources:
        _registry.add_source(entry)
    for entry in actors:
        _registry.add_actor(entry)
    recorder = Recorder(_registry)
    return work(job, recorder), recorder.answers


class Worker:
    """One worker process running ``work(job, registry)`` in the order jobs are sent; each
    job takes along what was added to ``registry`` since the last one."""

    def __init__(self, registry: Registry):
        self._registry = registry
        # initargs are not pickled with "fork": the child starts with this very registry,
        # as it is when the child starts, which is now.
        self._pool = ProcessPoolExecutor(
            1,
            mp_context=get_context("fork"),
            initializer=_start,
            initargs=(registry, os.getpid()),
        )
        self._pool.submit(int).result()
        self._sent = (len(registry.sources), len(registry.actors))

    def submit(self, work, job) -> Future:
        """A future of ``(work's result, the registry's answers)``."""
        sources, actors = self._sent
        self._sent = (len(self._registry.sources), len(self._registry.actors))
        return self._pool.submit(
            _run, work, job, self._registry.sources[sources:], self._registry.actors[actors:]
        )

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)
