"""The HTTP client: one persistent connection per thread, retries, binary learning rates."""
from __future__ import annotations

import array
import builtins
import email.utils
import http.client
import importlib
import json
import operator
import os
import random
import select
import socket
import sys
import threading
import time
import uuid
import weakref
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, Iterable, List, Literal, Mapping, NamedTuple, Optional, Tuple, Type, Union, overload
from urllib.parse import quote, urlsplit

from ._errors import ConnectionFailedError, ProblemError, ProtocolError
from ._schedules import schedule_to_dict, to_json

try:  # https needs the ssl module, which a Python may be built without
    import ssl
except ImportError:  # pragma: no cover
    ssl = None  # type: ignore[assignment]

__all__ = ["Client", "DEFAULT_RETRY_FOR", "MAX_STEP", "Rates", "ScheduleValues", "StepValues"]

#: The largest step the service answers (2**53 - 1, the largest integer a JSON number holds exactly).
MAX_STEP = 2**53 - 1

#: How long (seconds) a call keeps retrying by default: longer than the service takes to come back from a
#: restart (2-7 s), a rolling update, or a replica being rescheduled, so a trainer rides those out.
DEFAULT_RETRY_FOR = 60.0

#: Statuses retried like a connection error: a replica draining (503), and a gateway that found no healthy
#: upstream (502) or gave up on one (504).
RETRY_STATUSES = frozenset({502, 503, 504})

#: What a connection that the server closed while it sat idle raises when it is used again. Retried at
#: once, on a new connection, without counting as a retry.
_STALE_ERRORS: Tuple[Type[BaseException], ...] = (
    BrokenPipeError,
    ConnectionResetError,
    ConnectionAbortedError,
    http.client.RemoteDisconnected,
    http.client.BadStatusLine,
)
if ssl is not None:
    _STALE_ERRORS += (ssl.SSLEOFError, ssl.SSLZeroReturnError)

#: Everything that means "the request did not get an answer": retried with backoff.
_TRANSPORT_ERRORS = (OSError, http.client.HTTPException)

_ARRAY_CODES = {"float32": "f", "float64": "d"}

Rates = Union[List[float], Any]
"""What :meth:`Client.learning_rates` returns: a list of floats, or a numpy array with ``as_numpy=True``."""


class StepValues(NamedTuple):
    """What the optimizer holds at one step: the learning rate, and the momentum the schedule writes.

    ``momentum`` is None for a schedule that does not cycle momentum (every Keras and Hugging Face schedule,
    and torch's schedulers but OneCycleLR and CyclicLR with ``cycle_momentum=True`` and composites holding one).
    For one that does, it is the value torch writes into each param group: ``group["momentum"]`` (SGD,
    RMSprop) or ``group["betas"][0]`` (Adam, AdamW, ...).
    """

    learning_rate: float
    momentum: Optional[float]


class ScheduleValues(NamedTuple):
    """The learning rates at many steps, and the momentum at each where the schedule writes one (else None)."""

    learning_rates: Rates
    momentum: Optional[Rates]


class Decoded(NamedTuple):
    """A binary learning-rates answer: the dtype of the rates, the rates, and the momentum block if present."""

    dtype: str
    rates: "array.array[float]"
    momentum: "Optional[array.array[float]]"


class Response(NamedTuple):
    """An answer read whole."""

    status: int
    reason: str
    headers: http.client.HTTPMessage
    body: bytes


def _user_agent() -> str:
    from . import __version__

    return f"lr-schedule-client/{__version__} python/{sys.version_info[0]}.{sys.version_info[1]}"


class _OneSendMixin:
    """Sends a request's head and a bytes body in one ``send``: http.client sends them separately, which
    costs the server a second wake-up and this side a second system call per request (about half the
    round trip on a busy machine)."""

    _buffer: List[bytes]

    def _send_output(self, message_body: Any = None, encode_chunked: bool = False) -> None:
        if isinstance(message_body, bytes) and not encode_chunked:
            self._buffer.extend((b"", b""))
            head = b"\r\n".join(self._buffer)
            del self._buffer[:]
            self.send(head + message_body)  # type: ignore[attr-defined]
            return
        super()._send_output(message_body, encode_chunked)  # type: ignore[misc]


class _HTTPConnection(_OneSendMixin, http.client.HTTPConnection):
    pass


if ssl is not None:

    class _HTTPSConnection(_OneSendMixin, http.client.HTTPSConnection):
        pass


class _ConnectionSlot:
    """One thread's connection, closed when the thread ends (when its thread-local storage is dropped)."""

    __slots__ = ("conn",)

    def __init__(self) -> None:
        self.conn: Optional[http.client.HTTPConnection] = None

    def __del__(self) -> None:
        conn = self.conn
        if conn is not None:
            try:
                conn.close()
            except Exception:  # pragma: no cover - interpreter shutdown
                pass


class _PerThread(threading.local):
    def __init__(self) -> None:
        self.slot = _ConnectionSlot()


class _Transport:
    """Persistent connections to one origin, one per thread, reopened when the server dropped them."""

    def __init__(self, base_url: str, timeout: Optional[float], ssl_context: Any) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https"):
            raise ValueError(f"base_url must be an http:// or https:// URL, not {base_url!r}")
        if not parts.hostname:
            raise ValueError(f"base_url has no host: {base_url!r}")
        if parts.username is not None or parts.password is not None:
            raise ValueError("credentials in base_url are not supported: pass them in headers= (e.g. Authorization)")
        if parts.query or parts.fragment:
            raise ValueError(f"base_url must not have a query or a fragment: {base_url!r}")
        if parts.scheme == "https" and ssl is None:  # pragma: no cover
            raise ValueError("https needs Python's ssl module, which this Python lacks")
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.prefix = parts.path.rstrip("/")
        self.timeout = timeout
        self.ssl_context = ssl_context
        self._local = _PerThread()
        self._all: "weakref.WeakSet[http.client.HTTPConnection]" = weakref.WeakSet()
        self._lock = threading.Lock()
        self._pid = os.getpid()
        #: Connections opened so far (all threads): for tests and diagnostics.
        self.connections_opened = 0
        #: Requests sent again at once because the reused connection turned out closed by the server.
        self.stale_resends = 0
        #: Check before reusing an idle connection whether the server has closed it (one ``select`` call).
        self.probe_idle = True

    def _open(self) -> http.client.HTTPConnection:
        conn: http.client.HTTPConnection
        if self.scheme == "https":
            context = self.ssl_context if self.ssl_context is not None else ssl.create_default_context()
            conn = _HTTPSConnection(self.host, self.port, timeout=self.timeout, context=context)
        else:
            conn = _HTTPConnection(self.host, self.port, timeout=self.timeout)
        conn.connect()
        try:
            conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except (OSError, AttributeError):  # pragma: no cover - not a TCP socket
            pass
        with self._lock:
            self.connections_opened += 1
            self._all.add(conn)
        self._local.slot.conn = conn
        return conn

    def current_connection(self) -> Optional[http.client.HTTPConnection]:
        """This thread's connection, if it has one."""
        return self._local.slot.conn

    def _idle_connection(self) -> Optional[http.client.HTTPConnection]:
        """This thread's open connection, unless the server has closed it while it was idle."""
        conn = self._local.slot.conn
        if conn is None:
            return None
        sock = conn.sock
        if sock is None:
            self.discard(conn)
            return None
        if self.probe_idle:
            try:
                # An idle keep-alive connection has nothing to read: readable means the server closed it (EOF).
                readable, _, _ = select.select([sock], [], [], 0)
            except (OSError, ValueError):
                readable = [sock]
            if readable:
                self.discard(conn)
                return None
        return conn

    def discard(self, conn: http.client.HTTPConnection) -> None:
        slot = self._local.slot
        if slot.conn is conn:
            slot.conn = None
        conn.close()

    def _after_fork(self) -> None:
        """In a forked child: forget the parent's connections (their sockets are the parent's too)."""
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._all = weakref.WeakSet()
        old, self._local = self._local, _PerThread()
        conn, old.slot.conn = old.slot.conn, None
        if conn is not None:
            conn.close()  # closes this process's copy of the socket only: the parent's connection goes on

    def request(self, method: str, path: str, body: Optional[bytes], headers: Mapping[str, str]) -> Tuple[Response, bool]:
        """Sends one request and reads the whole answer; returns it and whether the connection was a reused one."""
        if os.getpid() != self._pid:
            self._after_fork()
        conn = self._idle_connection()
        reused = conn is not None
        if conn is None:
            conn = self._open()
        try:
            conn.request(method, self.prefix + path, body=body, headers=dict(headers))
            answer = conn.getresponse()
            data = answer.read()
        except BaseException as error:
            self.discard(conn)
            try:
                error._lr_reused = reused  # type: ignore[attr-defined]
            except AttributeError:  # pragma: no cover
                pass
            raise
        if answer.will_close:
            self.discard(conn)
        return Response(answer.status, answer.reason, answer.headers, data), reused

    def close(self) -> None:
        with self._lock:
            connections = list(self._all)
        for conn in connections:
            conn.close()
        self._local = _PerThread()


def _numpy() -> Any:
    """numpy, imported only when an array is asked for (this package never needs it)."""
    return importlib.import_module("numpy")


def _is_permanent(error: BaseException) -> bool:
    """A failure that sending again cannot fix: the server's certificate is refused."""
    return ssl is not None and isinstance(error, ssl.SSLCertVerificationError)


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:  # pragma: no cover - Python < 3.10 returns None for bad dates
        return None
    return max(0.0, when.timestamp() - time.time())


def _as_step(step: Any) -> int:
    """An integer step from an int, a numpy integer, or an integral float."""
    try:
        return operator.index(step)
    except TypeError:
        if isinstance(step, (str, bytes)):
            raise TypeError(f"a step is an integer, not {step!r}") from None
    value = float(step)
    if not value.is_integer():
        raise ValueError(f"a step is an integer, not {step!r}")
    return int(value)


def _steps_list(steps: Iterable[Any]) -> List[int]:
    tolist = getattr(steps, "tolist", None)
    if callable(tolist):
        steps = tolist()
    return [_as_step(step) for step in steps]


def _range_dict(steps: Union["builtins.range", Mapping[str, Any]]) -> Dict[str, Any]:
    if isinstance(steps, builtins.range):
        return {"start": steps.start, "stop": steps.stop, "stride": steps.step}
    if isinstance(steps, Mapping):
        unknown = set(steps) - {"start", "stop", "stride"}
        if unknown:
            raise ValueError(f"a range has start, stop and optionally stride, not {sorted(unknown)}")
        return {key: _as_step(value) for key, value in steps.items()}
    raise TypeError(f"range must be a Python range or a dict {{start, stop, stride}}, not {type(steps).__name__}")


def _count_header(response: Response, name: str) -> int:
    value = response.headers.get(name)
    try:
        count = int(value or "")
    except ValueError:
        raise ProtocolError(f"binary answer with {name} {value!r}") from None
    if count < 0:
        raise ProtocolError(f"binary answer with {name} {value!r}")
    return count


def _little_endian(code: str, data: bytes) -> "array.array[float]":
    values: "array.array[float]" = array.array(code)
    values.frombytes(data)
    if sys.byteorder == "big":  # pragma: no cover - the wire is little-endian
        values.byteswap()
    return values


def decode_values(response: Response) -> Decoded:
    """A binary learning-rates answer, checked against its headers: ``x-learning-rate-count`` rates of
    ``x-learning-rate-dtype``, then, when ``x-momentum-count`` is present, as many float64 momentum values."""
    dtype = response.headers.get("x-learning-rate-dtype", "")
    code = _ARRAY_CODES.get(dtype)
    if code is None:
        raise ProtocolError(f"binary answer with x-learning-rate-dtype {dtype!r}; expected float32 or float64")
    count = _count_header(response, "x-learning-rate-count")
    has_momentum = response.headers.get("x-momentum-count") is not None
    momentum_count = _count_header(response, "x-momentum-count") if has_momentum else 0
    if has_momentum and momentum_count != count:
        raise ProtocolError(f"binary answer with {count} learning rates but x-momentum-count {momentum_count}")
    rate_bytes = count * array.array(code).itemsize
    expected = rate_bytes + momentum_count * 8
    if len(response.body) != expected:
        what = f"{count} {dtype} values" + (f" and {momentum_count} float64 momentum values" if has_momentum else "")
        raise ProtocolError(f"binary answer of {len(response.body)} bytes, but its headers say {what} ({expected} bytes)")
    rates = _little_endian(code, response.body[:rate_bytes])
    momentum = _little_endian("d", response.body[rate_bytes:]) if has_momentum else None
    return Decoded(dtype, rates, momentum)


def decode_rates(response: Response) -> Tuple[str, "array.array[float]"]:
    """The dtype and the learning rates of a binary answer (its momentum, if any, left out)."""
    decoded = decode_values(response)
    return decoded.dtype, decoded.rates


def _as_rates(values: "array.array[float]", dtype: str, numpy: Any) -> Rates:
    """A list of floats, or with numpy a numpy array of the values' dtype (the service's bits either way)."""
    if numpy is not None:
        return numpy.frombuffer(values.tobytes(), dtype=numpy.float32 if dtype == "float32" else numpy.float64)
    return values.tolist()


class Client:
    """A client of the lr-schedule service.

    Args:
        base_url: the service's URL, ``http://`` or ``https://``, with an optional path prefix the service is
            mounted under (e.g. ``https://ml.example.com/lr``).
        timeout: seconds to wait to connect and for each read (``None``: forever).
        retries: the most times a request that got no answer (connection refused, reset, timed out) or a
            503/502/504 is sent again; ``None`` (the default): as many times as ``retry_for`` allows. A
            connection that the server closed while it was idle is reopened at once without counting. 4xx
            answers are never retried.
        headers: sent with every request (e.g. ``{"Authorization": "Bearer ..."}``).
        backoff: the first retry waits a random time in ``[0, backoff]`` seconds, the n-th in
            ``[0, backoff * 2**(n-1)]`` (full jitter), never more than ``backoff_cap``.
        backoff_cap: the longest wait between two attempts, in seconds; a ``Retry-After`` header is
            honoured up to this cap. It bounds how long a call may take to notice that the service is back.
        retry_for: seconds, from a call's first attempt, during which it keeps retrying (``None``: no time
            limit, only ``retries``). A wait that would end past this deadline is shortened so that the last
            attempt is made at the deadline: an outage shorter than ``retry_for`` is ridden out (an attempt
            that is under way may still take up to ``timeout`` more).
        ssl_context: for https, an :class:`ssl.SSLContext` (default: the system's trusted CAs).

    Every route the service has is a pure computation (the POSTs compute and store nothing), so every request
    is idempotent and safe to send again, however often: that is why a POST is retried like a GET. The
    default policy (``retry_for=60``, ``backoff=0.1``, ``backoff_cap=2``) rides out a restart of the service
    (2-7 s) or a minute without it; then :class:`ConnectionFailedError` says how long it tried, how many
    attempts it made and why the last one failed. The client is thread-safe: each thread gets its own
    persistent connection.
    """

    def __init__(
        self,
        base_url: str,
        timeout: Optional[float] = 30.0,
        retries: Optional[int] = None,
        headers: Optional[Mapping[str, str]] = None,
        *,
        backoff: float = 0.1,
        backoff_cap: float = 2.0,
        retry_for: Optional[float] = DEFAULT_RETRY_FOR,
        ssl_context: Any = None,
    ) -> None:
        if retries is not None and retries < 0:
            raise ValueError("retries must be >= 0 (or None: as many as retry_for allows)")
        if backoff < 0 or backoff_cap < 0:
            raise ValueError("backoff and backoff_cap must be >= 0")
        if retry_for is not None and not retry_for >= 0:
            raise ValueError("retry_for must be >= 0 seconds (or None: no time limit)")
        self.base_url = base_url
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.backoff_cap = backoff_cap
        self.retry_for = retry_for
        self.headers: Dict[str, str] = {"User-Agent": _user_agent()}
        self.headers.update(headers or {})
        self._transport = _Transport(base_url, timeout, ssl_context)
        self._executor: Optional[ThreadPoolExecutor] = None
        self._executor_lock = threading.Lock()
        # A client dropped without close() (e.g. one a framework adapter made) still closes its connections.
        self._finalizer = weakref.finalize(self, _Transport.close, self._transport)
        # Indirections for tests: the retry policy's clock, sleep and jitter.
        self._clock: Callable[[], float] = time.monotonic
        self._sleep: Callable[[float], Any] = time.sleep
        self._uniform: Callable[[float, float], float] = random.uniform
        self._pid = os.getpid()

    def __repr__(self) -> str:
        return f"Client({self.base_url!r})"

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def close(self) -> None:
        """Closes every connection and stops the prefetch thread. The client may still be used: it reconnects."""
        with self._executor_lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False)
        self._transport.close()

    # --- the routes ---------------------------------------------------------------------------------

    @overload
    def learning_rate(self, schedule: Any, step: int, dtype: Optional[str] = None, *, with_momentum: Literal[False] = False) -> float: ...

    @overload
    def learning_rate(self, schedule: Any, step: int, dtype: Optional[str] = None, *, with_momentum: Literal[True]) -> StepValues: ...

    def learning_rate(self, schedule: Any, step: int, dtype: Optional[str] = None, *, with_momentum: bool = False) -> Union[float, StepValues]:
        """The learning rate at ``step`` (``POST /v1/learning-rate``).

        A float32 answer is returned as the Python float holding exactly that float32 (the JSON's shortest
        decimal is read back to its float32), so it equals the corresponding element of
        :meth:`learning_rates`. A step where Keras answers inf or NaN (JSON has neither) comes back as NaN;
        :meth:`learning_rates` gives the exact value.

        Args:
            schedule: a dict (a Keras ``serialize()`` result) or a schedule object (see :func:`schedule_to_dict`).
            step: the step, an integer (negative or too large steps are refused by the service).
            dtype: ``"float32"`` or ``"float64"``; by default the schedule's own (float32 unless its
                initial learning rate is a float64 tensor).
            with_momentum: return :class:`StepValues` ``(learning_rate, momentum)`` instead of the rate alone;
                ``momentum`` is None for a schedule that does not cycle momentum.
        """
        payload: Dict[str, Any] = {"schedule": schedule_to_dict(schedule), "step": _as_step(step)}
        if dtype is not None:
            payload["dtype"] = dtype
        answer = self._json("POST", "/v1/learning-rate", payload)
        rate = answer.get("learning_rate")
        value = float("nan") if rate is None else float(rate)
        if answer.get("dtype") == "float32":
            value = array.array("f", [value])[0]
        if not with_momentum:
            return value
        momentum = answer.get("momentum")
        return StepValues(value, None if momentum is None else float(momentum))

    @overload
    def learning_rates(
        self,
        schedule: Any,
        steps: Optional[Iterable[int]] = None,
        range: Optional[Union["builtins.range", Mapping[str, int]]] = None,
        dtype: Optional[str] = None,
        *,
        as_numpy: bool = False,
        with_momentum: Literal[False] = False,
    ) -> Rates: ...

    @overload
    def learning_rates(
        self,
        schedule: Any,
        steps: Optional[Iterable[int]] = None,
        range: Optional[Union["builtins.range", Mapping[str, int]]] = None,
        dtype: Optional[str] = None,
        *,
        as_numpy: bool = False,
        with_momentum: Literal[True],
    ) -> ScheduleValues: ...

    def learning_rates(
        self,
        schedule: Any,
        steps: Optional[Iterable[int]] = None,
        range: Optional[Union["builtins.range", Mapping[str, int]]] = None,
        dtype: Optional[str] = None,
        *,
        as_numpy: bool = False,
        with_momentum: bool = False,
    ) -> Union[Rates, ScheduleValues]:
        """The learning rates at many steps, fetched as binary (``POST /v1/learning-rates``,
        ``Accept: application/octet-stream``): exactly the service's bits, inf and NaN included.

        Give exactly one of ``steps`` (any iterable of integers, a numpy array included) and ``range``
        (a Python ``range`` or a dict ``{"start", "stop", "stride"?}``; ``stop`` is exclusive). One request
        answers at most the service's ``MAX_POINTS`` steps (1,000,000 by default; more: a 422 ScheduleError).

        Returns:
            A list of Python floats (each float32 value widened exactly), or with ``as_numpy=True`` a numpy
            array of dtype float32 or float64 as the service computed (numpy must be installed). With
            ``with_momentum=True``, :class:`ScheduleValues` ``(learning_rates, momentum)``: the momentum
            the schedule writes at each step (float64, from the same answer), or None for a schedule that
            does not cycle momentum.
        """
        if (steps is None) == (range is None):
            raise ValueError("give exactly one of steps and range")
        numpy = _numpy() if as_numpy else None  # fail before the request if numpy is missing
        payload: Dict[str, Any] = {"schedule": schedule_to_dict(schedule)}
        if steps is not None:
            payload["steps"] = _steps_list(steps)
        else:
            payload["range"] = _range_dict(range)  # type: ignore[arg-type]
        if dtype is not None:
            payload["dtype"] = dtype
        decoded = self._binary(to_json(payload).encode())
        rates = _as_rates(decoded.rates, decoded.dtype, numpy)
        if not with_momentum:
            return rates
        momentum = None if decoded.momentum is None else _as_rates(decoded.momentum, "float64", numpy)
        return ScheduleValues(rates, momentum)

    def normalize(self, schedule: Any, dtype: Optional[str] = None) -> Dict[str, Any]:
        """How the service reads ``schedule`` (``POST /v1/schedules/normalize``).

        Returns:
            The answer: ``{"schedule": <Keras serialize() form, defaults filled in>, "dtype": "float32"|"float64"}``.
        """
        payload: Dict[str, Any] = {"schedule": schedule_to_dict(schedule)}
        if dtype is not None:
            payload["dtype"] = dtype
        return self._json("POST", "/v1/schedules/normalize", payload)

    def schedules(self) -> List[Dict[str, Any]]:
        """The schedules the service knows (``GET /v1/schedules``): each with ``class_name``, ``module``,
        ``description`` and the JSON Schema of its config (``config_schema``)."""
        return list(self._json("GET", "/v1/schedules", None)["schedules"])

    def schedule(self, class_name: str) -> Dict[str, Any]:
        """One schedule's description (``GET /v1/schedules/{class_name}``); a ScheduleError (404) for an unknown name."""
        return self._json("GET", "/v1/schedules/" + quote(class_name, safe=""), None)

    # --- plumbing -----------------------------------------------------------------------------------

    def _json(self, method: str, path: str, payload: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
        body = None if payload is None else to_json(payload).encode()
        response = self._send(method, path, body, "application/json")
        try:
            answer = json.loads(response.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise ProtocolError(f"{method} {path}: the answer is not JSON: {error}") from error
        if not isinstance(answer, dict):
            raise ProtocolError(f"{method} {path}: the answer is not a JSON object")
        return answer

    def _binary(self, body: bytes) -> Decoded:
        """POST /v1/learning-rates as binary: the dtype, the rates and the momentum (if the schedule writes one)."""
        return decode_values(self._send("POST", "/v1/learning-rates", body, "application/octet-stream"))

    def _next_wait(self, attempt: int, retry_after: Optional[float], started: float) -> Optional[float]:
        """How long to wait before retry ``attempt + 1`` (0-based ``attempt``: the retries made so far), or None
        to give up: no retries left, or the deadline (``retry_for`` after ``started``) reached.

        The wait is the ``Retry-After`` the service sent, else full jitter over the capped exponential
        backoff (a random time in ``[0, min(backoff_cap, backoff * 2**attempt)]``, so that many clients
        cut off at once do not come back at once); either way at most ``backoff_cap``, and cut short at
        the deadline, so the last attempt is made at the deadline rather than before it.
        """
        if self.retries is not None and attempt >= self.retries:
            return None
        if retry_after is not None:
            wait = min(self.backoff_cap, retry_after)
        else:
            # 2.0 ** 1024 overflows: past 2 ** 64 the cap has long been reached anyway
            wait = self._uniform(0.0, min(self.backoff_cap, self.backoff * 2.0 ** min(attempt, 64)))
        if self.retry_for is None:
            return wait
        remaining = started + self.retry_for - self._clock()
        if remaining <= 0:
            return None
        return min(wait, remaining)

    def _send(self, method: str, path: str, body: Optional[bytes], accept: str) -> Response:
        """Sends a request, retrying as documented on :class:`Client`; returns a 2xx answer or raises.

        Safe to send again whatever the method: every route computes and changes nothing (idempotent).
        """
        request_id = uuid.uuid4().hex
        headers = dict(self.headers)
        headers["Accept"] = accept
        headers["X-Request-Id"] = request_id
        if body is not None:
            headers["Content-Type"] = "application/json"
        started = self._clock()
        attempt = 0
        stale_retried = False
        while True:
            failure: Union[BaseException, Response]
            retry_after: Optional[float] = None
            try:
                response, _ = self._transport.request(method, path, body, headers)
            except _STALE_ERRORS as error:
                if getattr(error, "_lr_reused", False) and not stale_retried:
                    stale_retried = True  # the server closed the idle connection: reopen at once
                    self._transport.stale_resends += 1
                    continue
                failure = error
            except _TRANSPORT_ERRORS as error:
                if _is_permanent(error):
                    raise self._failed(method, path, attempt, started, error) from error
                failure = error
            else:
                if 200 <= response.status < 300:
                    return response
                if response.status not in RETRY_STATUSES:
                    raise self._problem(response, request_id)
                failure, retry_after = response, _retry_after(response.headers.get("retry-after"))
            wait = self._next_wait(attempt, retry_after, started)
            if wait is None:
                if isinstance(failure, Response):
                    raise self._problem(failure, request_id)
                raise self._failed(method, path, attempt, started, failure) from failure
            self._sleep(wait)
            attempt += 1

    @staticmethod
    def _problem(response: Response, request_id: str) -> ProblemError:
        return ProblemError.from_response(
            response.status,
            response.reason,
            response.headers.get("content-type", ""),
            response.body,
            response.headers.get("x-request-id") or request_id,
        )

    def _failed(self, method: str, path: str, attempt: int, started: float, error: BaseException) -> ConnectionFailedError:
        """The error for a call that got no answer: what, where, how many attempts over how long, the last cause."""
        tries = attempt + 1
        elapsed = max(0.0, self._clock() - started)
        if _is_permanent(error):
            policy = "not retried"
        elif self.retries is not None and attempt >= self.retries:
            policy = f"retries={self.retries} used up"
        elif self.retry_for is not None:
            policy = f"retry_for={self.retry_for:g} s used up"
        else:  # pragma: no cover - unreachable: without a limit the client never gives up
            policy = "gave up"
        failed = ConnectionFailedError(
            f"{method} {self._transport.prefix}{path} on {self.base_url}: no answer after {tries} attempt"
            f"{'s' if tries != 1 else ''} in {elapsed:.1f} s ({policy}): last error {type(error).__name__}: {error}"
        )
        failed.attempts = tries
        failed.elapsed = elapsed
        return failed

    def _prefetcher(self) -> ThreadPoolExecutor:
        """The single background thread that RemoteSchedules of this client fetch their next block on
        (one thread, so one persistent connection, for all of them)."""
        if os.getpid() != self._pid:  # a forked child: the parent's prefetch thread does not exist here
            self._pid = os.getpid()
            self._executor_lock = threading.Lock()
            self._executor = None
        with self._executor_lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lr-schedule-prefetch")
                weakref.finalize(self, self._executor.shutdown, False)
            return self._executor
