"""RemoteSchedule: a schedule callable that answers from blocks of learning rates fetched ahead."""
from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from concurrent.futures import Future
from typing import Any, Dict, List, Optional, Tuple

from ._client import MAX_STEP, Client, _as_step
from ._errors import ProtocolError, ScheduleError
from ._schedules import schedule_to_dict, to_json

__all__ = ["RemoteSchedule"]


class RemoteSchedule:
    """A learning-rate schedule computed by the service, callable as ``schedule(step) -> float``.

    Steps are answered from a local block of ``block`` consecutive learning rates fetched with one binary
    range request. Once a step past ``prefetch_at`` (a fraction) of the current block is asked for, the
    next block is fetched on a background thread, so a trainer stepping forward pays one round trip per
    ``block`` steps and usually never waits for one. A step outside the blocks at hand (random access, a
    resumed run) fetches its own block. The last ``cache_blocks`` blocks are kept.

    The values are the service's exact bits (a float32 answer widened exactly to a Python float), the same
    as :meth:`Client.learning_rates` answers. Thread-safe: threads share the blocks, and a block is fetched
    once however many threads ask for it at the same time.

    Negative steps are answered in blocks like the others, as far as the service answers them (a service
    that refuses negative steps refuses their block: a :class:`~lr_schedule_client.ScheduleError`). Steps
    beyond ±(2**53 - 1) are passed to the service one by one (``Client.learning_rate``), which refuses them.

    A schedule that has no learning rate from some step on (a PyTorch ``OneCycleLR`` past its
    ``total_steps``, where torch raises; the service refuses such a range with a problem at ``/step``)
    is answered up to that step: the block is cut at the first refused step (found from the problem's
    message, or by bisection), and a step from there on is sent to the service alone, which raises its
    :class:`~lr_schedule_client.ScheduleError` (a ``ValueError``, as torch raises).

    Args:
        client: the :class:`Client` to ask.
        schedule: a dict (a Keras ``serialize()`` result) or a schedule object (see ``schedule_to_dict``).
        block: steps per request.
        dtype: ``"float32"``, ``"float64"`` or None (the schedule's own).
        prefetch: fetch the next block in the background (default True).
        prefetch_at: the fraction of a block after which the next one is fetched.
        cache_blocks: how many blocks to keep.

    Attributes:
        fetches: the number of block requests made so far.
        result_dtype: the dtype the service computed in (``None`` before the first fetch).
    """

    def __init__(
        self,
        client: Client,
        schedule: Any,
        block: int = 4096,
        dtype: Optional[str] = None,
        *,
        prefetch: bool = True,
        prefetch_at: float = 0.5,
        cache_blocks: int = 4,
    ) -> None:
        if not isinstance(client, Client):
            raise TypeError(f"client must be a lr_schedule_client.Client, not {type(client).__name__}")
        block = _as_step(block)
        if block < 1:
            raise ValueError("block must be >= 1")
        if not 0.0 <= prefetch_at <= 1.0:
            raise ValueError("prefetch_at is a fraction of a block, from 0 to 1")
        if cache_blocks < 2:
            raise ValueError("cache_blocks must be >= 2 (the current block and the next)")
        self.client = client
        self.schedule: Dict[str, Any] = schedule_to_dict(schedule)
        self.block = block
        self.dtype = dtype
        self.prefetch = prefetch
        self.cache_blocks = cache_blocks
        self.fetches = 0
        self.result_dtype: Optional[str] = None
        self._schedule_json = to_json(self.schedule)
        self._dtype_json = "" if dtype is None else "," + to_json({"dtype": dtype})[1:-1]
        self._threshold = min(block - 1, int(block * prefetch_at)) if prefetch else block
        self._lock = threading.Lock()
        self._pid = os.getpid()
        # (block index, values): read without the lock on the fast path (a tuple swap is atomic).
        self._current: Tuple[Optional[int], List[float]] = (None, [])
        self._blocks: "OrderedDict[int, List[float]]" = OrderedDict()
        self._pending: Dict[int, "Future[List[float]]"] = {}
        self._prefetched_after: Optional[int] = None

    @property
    def __lr_schedule__(self) -> Dict[str, Any]:
        """The wrapped schedule, so a RemoteSchedule may be passed wherever a schedule is."""
        return self.schedule

    def __repr__(self) -> str:
        return f"RemoteSchedule({self.client!r}, {self.schedule.get('class_name')!r}, block={self.block})"

    def __getstate__(self) -> Any:
        raise TypeError("a RemoteSchedule holds connections and threads and cannot be pickled; save its schedule and block")

    def __call__(self, step: Any) -> float:
        """The learning rate at ``step`` (an int, a numpy integer or an integral float)."""
        if type(step) is not int:
            step = _as_step(step)
        index: int
        offset: int
        index, offset = divmod(step, self.block)
        current = self._current
        if current[0] == index:
            if offset >= self._threshold and self._prefetched_after != index:
                self._prefetch(index)
            try:
                return current[1][offset]
            except IndexError:  # the last block, cut at MAX_STEP
                pass
        return self._slow(step, index, offset)

    def _slow(self, step: int, index: int, offset: int) -> float:
        if index * self.block < -MAX_STEP or step > MAX_STEP:
            # beyond what a JSON number holds exactly (and the first block's cut end): one request each,
            # and the service answers or refuses
            return self.client.learning_rate(self.schedule, step, self.dtype)
        values = self._get_block(index)
        if offset >= len(values):  # a block cut where the schedule stops having values: the service's error
            return self.client.learning_rate(self.schedule, step, self.dtype)
        if offset >= self._threshold and self._prefetched_after != index:
            self._prefetch(index)
        return values[offset]

    def _after_fork(self) -> None:
        """In a forked child: fetches in flight in the parent never finish here; the lock may be held."""
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._pending = {}
        self._prefetched_after = None

    def _get_block(self, index: int) -> List[float]:
        if os.getpid() != self._pid:
            self._after_fork()
        for _ in range(2):
            with self._lock:
                values = self._blocks.get(index)
                if values is not None:
                    self._blocks.move_to_end(index)
                    self._current = (index, values)
                    return values
                future = self._pending.get(index)
                owner = future is None
                if future is None:
                    future = Future()
                    self._pending[index] = future
            if owner:
                self._run(index, future)
                values = future.result()  # raises what the fetch raised
            else:
                try:
                    values = future.result()
                except Exception:
                    continue  # another thread's fetch (a prefetch) failed: fetch it here, once
            with self._lock:
                self._current = (index, values)
            return values
        raise AssertionError("unreachable")  # pragma: no cover

    def _prefetch(self, index: int) -> None:
        """Starts fetching block ``index + 1`` in the background, once per block ``index``."""
        nxt = index + 1
        if os.getpid() != self._pid:
            self._after_fork()
        with self._lock:
            if self._prefetched_after == index:
                return
            self._prefetched_after = index
            if nxt in self._blocks or nxt in self._pending or nxt * self.block > MAX_STEP:
                return
            current = self._blocks.get(index)
            if current is not None and len(current) < self.block:
                return  # cut short: the schedule has no values after it
            future: "Future[List[float]]" = Future()
            self._pending[nxt] = future
        try:
            self.client._prefetcher().submit(self._run, nxt, future)
        except RuntimeError:  # the executor was shut down (client closed): fetch on demand instead
            with self._lock:
                self._pending.pop(nxt, None)
            future.cancel()

    def _run(self, index: int, future: "Future[List[float]]") -> None:
        """Fetches block ``index`` and settles ``future`` with it."""
        try:
            values = self._fetch(index)
        except BaseException as error:
            with self._lock:
                if self._pending.get(index) is future:
                    del self._pending[index]
            future.set_exception(error)
            if not isinstance(error, Exception):
                raise
            return
        with self._lock:
            self._blocks[index] = values
            self._blocks.move_to_end(index)
            while len(self._blocks) > self.cache_blocks:
                self._blocks.popitem(last=False)
            if self._pending.get(index) is future:
                del self._pending[index]
            self.fetches += 1
        future.set_result(values)

    def _fetch(self, index: int) -> List[float]:
        start = index * self.block
        stop = min(start + self.block, MAX_STEP + 1)
        try:
            return self._fetch_range(start, stop)
        except ScheduleError as error:
            if not _refuses_steps(error):
                raise
            return self._answered_prefix(start, stop, error)

    def _fetch_range(self, start: int, stop: int) -> List[float]:
        body = '{"schedule":%s,"range":{"start":%d,"stop":%d}%s}' % (self._schedule_json, start, stop, self._dtype_json)
        dtype, values = self.client._binary(body.encode())
        if len(values) != stop - start:
            raise ProtocolError(f"asked for {stop - start} learning rates, got {len(values)}")
        self.result_dtype = dtype
        return values.tolist()

    def _answered_prefix(self, start: int, stop: int, error: ScheduleError) -> List[float]:
        """The values of ``[start, m)`` for the largest ``m`` the service answers (``[start, stop)`` was refused).

        The problem's message names the first step without a value ("at step N"); tried first, else (or if
        that range is refused too) found by bisection. Correct either way: a step past the cut is then sent
        alone, and the service answers or refuses it.
        """
        good, bad, values = start, stop, []  # [start, good) answered (values), [start, bad) refused
        hint = _first_refused_step(error)
        if hint is not None and start < hint < stop:
            try:
                return self._fetch_range(start, hint)
            except ScheduleError as again:
                if not _refuses_steps(again):
                    raise
                bad = hint
        while bad - good > 1:
            middle = (good + bad) // 2
            try:
                values = self._fetch_range(start, middle)
                good = middle
            except ScheduleError as again:
                if not _refuses_steps(again):
                    raise
                bad = middle
        return values


_STEP_IN_MESSAGE = re.compile(r"\bat step (\d+)\b")


def _refuses_steps(error: ScheduleError) -> bool:
    """Whether the service refused the request for some of its steps (a problem at ``/step``)."""
    return any(problem.get("path") == "/step" for problem in error.errors)


def _first_refused_step(error: ScheduleError) -> Optional[int]:
    """The step the problem says the schedule stops at ("... at step 11 of this schedule ..."), if it says."""
    for problem in error.errors:
        if problem.get("path") == "/step":
            match = _STEP_IN_MESSAGE.search(str(problem.get("message", "")))
            if match:
                return int(match.group(1))
    return None
