"""RemoteSchedule: a schedule callable that answers from blocks of learning rates fetched ahead."""
from __future__ import annotations

import logging
import os
import re
import threading
from collections import OrderedDict
from concurrent.futures import Future
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from ._client import MAX_STEP, Client, StepValues, _as_step
from ._errors import ConnectionFailedError, ProtocolError, ScheduleError, ServerError
from ._schedules import schedule_to_dict, to_json
from ._stops import ScheduleStop, stop_of

__all__ = ["RemoteSchedule"]

_log = logging.getLogger("lr_schedule_client")

#: Failures of a block fetch that another attempt later may not meet: the service was unreachable or
#: failing. Any other failure (a 4xx, an unreadable answer) would come back the same for the same request.
_TRANSIENT = (ConnectionFailedError, ServerError)


class _Block(NamedTuple):
    """The values of consecutive steps: learning rates, and the momentum at each when the schedule cycles it."""

    rates: List[float]
    momentum: Optional[List[float]]


_EMPTY = _Block([], None)


class RemoteSchedule:
    """A learning-rate schedule computed by the service, callable as ``schedule(step) -> float``.

    Steps are answered from a local block of ``block`` consecutive learning rates fetched with one binary
    range request. Once a step at or past ``prefetch_at`` (a fraction) of the current block is asked for, the
    next block is fetched on a background thread, so a trainer stepping forward pays one round trip per
    ``block`` steps and does not wait for one. A step outside the blocks at hand (random access, a resumed
    run) fetches its own block. The last ``cache_blocks`` blocks are kept.

    Restarts: with the default ``prefetch_at=0`` the next block is asked for as soon as a block is entered,
    with the client's retry policy (by default retrying for 60 s), so an outage of the service shorter than
    the time the trainer takes to go through one block (less the client's ``backoff_cap``, the most it waits
    between two attempts) costs the trainer nothing. A prefetch that gave up is not raised in the
    background: the step that needs its block fetches the block itself, once more with the whole policy (the
    service may be back by then), after logging the prefetch's failure on the ``lr_schedule_client`` logger;
    a prefetch that failed for good (a 4xx, an unreadable answer) is raised at that step without a new
    request. A step that needs a block while its prefetch is still retrying waits for that same fetch and
    gets its answer or its error.

    The values are the service's exact bits (a float32 answer widened exactly to a Python float), the same
    as :meth:`Client.learning_rates` answers. Thread-safe: threads share the blocks, and a block is fetched
    once however many threads ask for it at the same time.

    Momentum: for a schedule that cycles momentum (a PyTorch ``OneCycleLR`` or ``CyclicLR`` with
    ``cycle_momentum=True``, their default, and composites holding one) the blocks carry the momentum the
    scheduler writes into the optimizer at each step: :meth:`values` and :meth:`momentum` answer it.

    Where a schedule stops: a PyTorch ``OneCycleLR`` has no learning rate past ``total_steps`` (torch raises
    ``ValueError``; the service refuses those steps with a problem at ``/step``). That step is read from the
    request form (also inside ``SequentialLR`` and ``ChainedScheduler``): blocks are cut there, and a step
    from there on raises the :class:`~lr_schedule_client.ScheduleError` the service would answer, without a
    request. A schedule that stops where the form does not say (a ``CyclicLR`` ``triangular2`` overflowing)
    is cut at the first step the service refuses (found from the problem's message, or by bisection), and a
    step from there on is sent to the service alone, which raises its ``ScheduleError``.

    Negative steps are answered in blocks like the others, as far as the service answers them (a service
    that refuses negative steps refuses their block: a :class:`~lr_schedule_client.ScheduleError`). Steps
    beyond ±(2**53 - 1) are passed to the service one by one (``Client.learning_rate``), which refuses them.

    Args:
        client: the :class:`Client` to ask (its retry policy applies to every block fetch, prefetches too).
        schedule: a dict (a Keras ``serialize()`` result) or a schedule object (see ``schedule_to_dict``).
        block: steps per request.
        dtype: ``"float32"``, ``"float64"`` or None (the schedule's own).
        prefetch: fetch the next block in the background (default True; random access wants False).
        prefetch_at: the fraction of a block from which the next one is fetched (default 0: on entering it).
        cache_blocks: how many blocks to keep.

    Attributes:
        fetches: the number of block requests answered so far.
        result_dtype: the dtype the service computed in (``None`` before the first fetch).
        cycles_momentum: whether the answers carry momentum (``None`` before the first fetch).
        stop: where the schedule stops having learning rates, as read from the form
            (a :class:`~lr_schedule_client._stops.ScheduleStop`), or None.
    """

    def __init__(
        self,
        client: Client,
        schedule: Any,
        block: int = 4096,
        dtype: Optional[str] = None,
        *,
        prefetch: bool = True,
        prefetch_at: float = 0.0,
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
        self.cycles_momentum: Optional[bool] = None
        self.stop: Optional[ScheduleStop] = stop_of(self.schedule)
        self._schedule_json = to_json(self.schedule)
        self._dtype_json = "" if dtype is None else "," + to_json({"dtype": dtype})[1:-1]
        self._threshold = min(block - 1, int(block * prefetch_at)) if prefetch else block
        self._lock = threading.Lock()
        self._pid = os.getpid()
        # (block index, rates, momentum): read without the lock on the fast path (a tuple swap is atomic).
        self._current: Tuple[Optional[int], List[float], Optional[List[float]]] = (None, [], None)
        self._blocks: "OrderedDict[int, _Block]" = OrderedDict()
        self._pending: Dict[int, "Future[_Block]"] = {}
        # Prefetches that gave up before their block was needed: raised, or retried, by the step needing it.
        self._failed: Dict[int, BaseException] = {}
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
            except IndexError:  # a block cut short (at MAX_STEP, or where the schedule stops)
                pass
        return self._slow(step, index, offset).learning_rate

    def values(self, step: Any) -> StepValues:
        """The learning rate at ``step`` and the momentum the schedule writes there (None if it cycles none)."""
        if type(step) is not int:
            step = _as_step(step)
        index, offset = divmod(step, self.block)
        current = self._current
        if current[0] == index and offset < len(current[1]):
            if offset >= self._threshold and self._prefetched_after != index:
                self._prefetch(index)
            momentum = current[2]
            return StepValues(current[1][offset], None if momentum is None else momentum[offset])
        return self._slow(step, index, offset)

    def momentum(self, step: Any) -> Optional[float]:
        """The momentum the schedule writes at ``step`` (SGD's ``momentum``, Adam's ``betas[0]``), or None."""
        return self.values(step).momentum

    def _slow(self, step: int, index: int, offset: int) -> StepValues:
        stop = self.stop
        if stop is not None and stop.step <= step <= MAX_STEP:
            if self.result_dtype is None:
                # Nothing answered yet: the service may refuse the schedule itself (a bad config), and that is
                # what it would answer for this step. The block of the last step with a value tells.
                self._get_block((stop.step - 1) // self.block)
            raise stop.error(step)  # what the service answers there, without asking it
        if index * self.block < -MAX_STEP or step > MAX_STEP:
            # beyond what a JSON number holds exactly (and the first block's cut end): one request each,
            # and the service answers or refuses
            return self.client.learning_rate(self.schedule, step, self.dtype, with_momentum=True)
        block = self._get_block(index)
        if offset >= len(block.rates):  # a block cut where the service refused a step: its error
            return self.client.learning_rate(self.schedule, step, self.dtype, with_momentum=True)
        if offset >= self._threshold and self._prefetched_after != index:
            self._prefetch(index)
        return StepValues(block.rates[offset], None if block.momentum is None else block.momentum[offset])

    def _after_fork(self) -> None:
        """In a forked child: fetches in flight in the parent never finish here; the lock may be held."""
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._pending = {}
        self._failed = {}
        self._prefetched_after = None

    def _get_block(self, index: int) -> _Block:
        """Block ``index``: at hand, or the fetch under way (a prefetch included) waited for, or fetched here."""
        if os.getpid() != self._pid:
            self._after_fork()
        with self._lock:
            block = self._blocks.get(index)
            if block is not None:
                self._blocks.move_to_end(index)
                self._current = (index, block.rates, block.momentum)
                return block
            future = self._pending.get(index)
            owner = future is None
            earlier: Optional[BaseException] = None
            if future is None:
                earlier = self._failed.pop(index, None)
                if earlier is not None and not isinstance(earlier, _TRANSIENT):
                    raise earlier  # the same request would be refused again: no new one
                future = Future()
                self._pending[index] = future
        if owner:
            if earlier is not None:
                _log.warning(
                    "the prefetch of steps %d.. of %s gave up (%s); fetching them now",
                    index * self.block, self.schedule.get("class_name"), earlier,
                )
            self._run(index, future, prefetched=False)
        try:
            block = future.result()  # raises what the fetch raised: this step is the one that needs it
        except BaseException:
            if not owner:
                with self._lock:
                    self._failed.pop(index, None)  # raised here: not to be reported again
            raise
        with self._lock:
            self._current = (index, block.rates, block.momentum)
        return block

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
            if self.stop is not None and nxt * self.block >= self.stop.step:
                return  # the schedule has no values there
            current = self._blocks.get(index)
            if current is not None and len(current.rates) < self.block:
                return  # cut short: the schedule has no values after it
            future: "Future[_Block]" = Future()
            self._pending[nxt] = future
            self._failed.pop(nxt, None)
        try:
            self.client._prefetcher().submit(self._run, nxt, future, True)
        except RuntimeError:  # the executor was shut down (client closed): fetch on demand instead
            with self._lock:
                self._pending.pop(nxt, None)
            future.cancel()

    def _run(self, index: int, future: "Future[_Block]", prefetched: bool) -> None:
        """Fetches block ``index`` and settles ``future`` with it; a prefetch's failure is kept for the step
        that needs the block."""
        try:
            block = self._fetch(index)
        except BaseException as error:
            with self._lock:
                if self._pending.get(index) is future:
                    del self._pending[index]
                if prefetched:
                    self._failed[index] = error
            future.set_exception(error)
            if not isinstance(error, Exception):
                raise
            return
        with self._lock:
            self._blocks[index] = block
            self._blocks.move_to_end(index)
            while len(self._blocks) > self.cache_blocks:
                self._blocks.popitem(last=False)
            if self._pending.get(index) is future:
                del self._pending[index]
            self.fetches += 1
        future.set_result(block)

    def _fetch(self, index: int) -> _Block:
        start = index * self.block
        stop = min(start + self.block, MAX_STEP + 1)
        if self.stop is not None:
            stop = min(stop, max(start, self.stop.step))  # never ask past the known stop
        if stop <= start:
            return _EMPTY
        try:
            return self._fetch_range(start, stop)
        except ScheduleError as error:
            if not _refuses_steps(error):
                raise
            return self._answered_prefix(start, stop, error)

    def _fetch_range(self, start: int, stop: int) -> _Block:
        body = '{"schedule":%s,"range":{"start":%d,"stop":%d}%s}' % (self._schedule_json, start, stop, self._dtype_json)
        decoded = self.client._binary(body.encode())
        if len(decoded.rates) != stop - start:
            raise ProtocolError(f"asked for {stop - start} learning rates, got {len(decoded.rates)}")
        cycles = decoded.momentum is not None
        if self.cycles_momentum is not None and cycles != self.cycles_momentum:
            raise ProtocolError(
                f"steps {start}..{stop - 1} came {'with' if cycles else 'without'} momentum, earlier steps of the "
                "same schedule the other way"
            )
        self.result_dtype = decoded.dtype
        self.cycles_momentum = cycles
        return _Block(decoded.rates.tolist(), None if decoded.momentum is None else decoded.momentum.tolist())

    def _answered_prefix(self, start: int, stop: int, error: ScheduleError) -> _Block:
        """The values of ``[start, m)`` for the largest ``m`` the service answers (``[start, stop)`` was refused).

        The problem's message names the first step without a value ("at step N"); tried first, else (or if
        that range is refused too) found by bisection. Correct either way: a step past the cut is then sent
        alone, and the service answers or refuses it.
        """
        good, bad, block = start, stop, _EMPTY  # [start, good) answered (block), [start, bad) refused
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
                block = self._fetch_range(start, middle)
                good = middle
            except ScheduleError as again:
                if not _refuses_steps(again):
                    raise
                bad = middle
        return block


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
