"""Runs the real lr-schedule-service built from this repository, for the tests and the benchmark.

``Service()`` builds ``dist/`` with ``npm run build`` when it is missing or older than ``src/``, then starts
``node dist/server.js`` on a free port of 127.0.0.1. If that build fails while an older ``dist/server.js``
exists (someone is half-way through an edit of ``src/``), the older build is used, with a warning.

Environment:
    LR_SCHEDULE_SERVER: run this ``server.js`` instead, never building (e.g. a build of another checkout).
    LR_SCHEDULE_TEST_URL: test against a service that is already running (e.g. from a chroot without Node);
        the tests that must stop, restart or configure the service themselves are skipped then.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Union

from lr_schedule_client import Client

_PARENTS = Path(__file__).resolve().parents
REPO = _PARENTS[3] if len(_PARENTS) > 3 else _PARENTS[-1]  # clients/python/tests/ -> the repository
SERVER_OVERRIDE = os.environ.get("LR_SCHEDULE_SERVER")
SERVER = Path(SERVER_OVERRIDE).resolve() if SERVER_OVERRIDE else REPO / "dist" / "server.js"
EXTERNAL_URL = os.environ.get("LR_SCHEDULE_TEST_URL")

_build_lock = threading.Lock()
_built = False


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Polls ``predicate`` every 5 ms until it holds (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.005)
    return False


def _newest_mtime(folder: Path) -> float:
    return max((path.stat().st_mtime for path in folder.rglob("*") if path.is_file()), default=0.0)


def node_missing_reason() -> Optional[str]:
    """Why the service cannot be started here, or None."""
    if shutil.which("node") is None:
        return "node is not on PATH: the tests that start the service need Node.js >= 20"
    if SERVER_OVERRIDE:
        return None if SERVER.exists() else f"LR_SCHEDULE_SERVER={SERVER_OVERRIDE} does not exist"
    if not (REPO / "package.json").exists():
        return f"the service's repository is not at {REPO}"
    return None


def ensure_built() -> None:
    """``npm run build`` if dist/server.js is missing or older than anything in src/."""
    global _built
    with _build_lock:
        if _built or SERVER_OVERRIDE:
            return
        existed = SERVER.exists()
        if not existed or SERVER.stat().st_mtime < _newest_mtime(REPO / "src"):
            print(f"building the service: npm run build in {REPO}", file=sys.stderr)
            result = subprocess.run(["npm", "run", "build"], cwd=str(REPO), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if result.returncode != 0:
                log = result.stdout.decode(errors="replace")
                if not existed:
                    raise RuntimeError("npm run build failed:\n" + log)
                print("WARNING: npm run build failed; testing against the previous dist/server.js:\n" + log[-3000:], file=sys.stderr)
        _built = True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Service:
    """One ``node dist/server.js`` process on 127.0.0.1, with its log in a temporary file."""

    def __init__(self, env: Optional[Dict[str, str]] = None, port: Optional[int] = None) -> None:
        self.env = dict(env or {})
        self.port = port or 0
        self.process: Optional[subprocess.Popen] = None  # type: ignore[type-arg]
        self._log = tempfile.NamedTemporaryFile(prefix="lr-schedule-service-", suffix=".log", delete=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return Path(self._log.name).read_text(errors="replace")

    def start(self, timeout: float = 30.0) -> "Service":
        ensure_built()
        for _ in range(5):  # a port chosen free may be taken before node binds it: choose again
            port = self.port or free_port()
            env = {**os.environ, "HOST": "127.0.0.1", "LOG_LEVEL": "warn", **self.env, "PORT": str(port)}
            self.process = subprocess.Popen(
                ["node", str(SERVER)], cwd=str(SERVER.parent.parent), env=env, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
            if self._wait_ready(port, timeout):
                self.port = port
                return self
            if self.port or "EADDRINUSE" not in self.log():
                break  # not a port taken meanwhile: starting again would fail the same way
        raise RuntimeError(f"the service did not start; its log:\n{self.log()}")

    def _wait_ready(self, port: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        assert self.process is not None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/ready")
                ready = conn.getresponse().status == 200
                conn.close()
                if ready:
                    return True
            except OSError:
                pass
            time.sleep(0.05)
        self.process.kill()
        self.process.wait()
        return False

    def stop(self) -> None:
        """SIGTERM (the service drains and exits 0), SIGKILL after 15 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        """SIGKILL: the process dies at once, its connections reset, nothing drained (a crash, an OOM kill)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.kill()
        self.process.wait()

    def restart(self) -> None:
        """Stops the service and starts a new process on the same port."""
        self.stop()
        self.start()

    def close(self) -> None:
        self.stop()
        self._log.close()
        try:
            os.unlink(self._log.name)
        except OSError:
            pass


_shared: Optional[Service] = None
_shared_lock = threading.Lock()


def shared_url() -> str:
    """The URL of a service shared by the tests that only send it requests (started once, stopped at exit)."""
    global _shared
    if EXTERNAL_URL:
        return EXTERNAL_URL.rstrip("/")
    reason = node_missing_reason()
    if reason:
        raise unittest.SkipTest(reason)
    with _shared_lock:
        if _shared is None:
            _shared = Service().start()
            import atexit

            atexit.register(_shared.close)
        return _shared.url


class SharedServiceTestCase(unittest.TestCase):
    """Tests that only send requests: ``cls.url`` is the shared service's and ``cls.client`` a Client of it,
    closed after the class (skipped, as :func:`shared_url` says, where no service can run)."""

    url: str
    client: Client

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.url = shared_url()
        cls.client = Client(cls.url)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()
        super().tearDownClass()


def own_service(env: Optional[Dict[str, str]] = None) -> Service:
    """A service of the test's own, which it may stop and restart; SkipTest where that is impossible."""
    if EXTERNAL_URL:
        raise unittest.SkipTest("LR_SCHEDULE_TEST_URL is set: this test must start and stop the service itself")
    reason = node_missing_reason()
    if reason:
        raise unittest.SkipTest(reason)
    return Service(env).start()


class AnswerLog:
    """Every attempt a client's transport makes, as it ends: the answer's status, or the exception's name.

    ``AnswerLog(client)`` starts recording (all threads, the prefetch thread included); ``close()`` stops.
    """

    def __init__(self, client: Client) -> None:
        self.outcomes: List[Union[int, str]] = []
        self._lock = threading.Lock()
        self._transport = client._transport
        self._original = client._transport.request
        original = self._original

        def request(*args: Any, **kwargs: Any) -> Any:
            try:
                response, reused = original(*args, **kwargs)
            except BaseException as error:
                with self._lock:
                    self.outcomes.append(type(error).__name__)
                raise
            with self._lock:
                self.outcomes.append(response.status)
            return response, reused

        client._transport.request = request  # type: ignore[method-assign]

    def statuses(self) -> List[int]:
        with self._lock:
            return [outcome for outcome in self.outcomes if isinstance(outcome, int)]

    def client_errors(self) -> List[int]:
        """The 4xx answers."""
        return [status for status in self.statuses() if 400 <= status < 500]

    def failures(self) -> List[str]:
        """The attempts that got no answer (the exceptions' names)."""
        with self._lock:
            return [outcome for outcome in self.outcomes if isinstance(outcome, str)]

    def close(self) -> None:
        self._transport.request = self._original  # type: ignore[method-assign]


def client_errors_answered(url: str) -> int:
    """How many 4xx answers the service has given since it started, as its own ``/metrics`` counts them."""
    host, port = url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request("GET", "/metrics")
        text = conn.getresponse().read().decode()
    finally:
        conn.close()
    total = 0
    for line in text.splitlines():
        match = re.match(r'http_requests_total\{.*status_code="4\d\d".*\} (\d+)', line)
        if match:
            total += int(match.group(1))
    return total


def raw_json(url: str, path: str, payload: object) -> dict:
    """A JSON answer fetched without the client under test (http.client, one request, one connection)."""
    host, port = url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request("POST", path, body=json.dumps(payload).encode(), headers={"content-type": "application/json", "accept": "application/json"})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise AssertionError(f"{path}: {response.status} {body!r}")
        return json.loads(body)
    finally:
        conn.close()


# Real Keras serialize() output, as the service's README shows it.
COSINE_WARMUP = {
    "module": "keras.optimizers.schedules",
    "class_name": "CosineDecay",
    "config": {
        "initial_learning_rate": 0.0,
        "decay_steps": 10000,
        "alpha": 0.01,
        "name": "CosineDecay",
        "warmup_target": 0.001,
        "warmup_steps": 1000,
    },
    "registered_name": None,
}

EXPONENTIAL = {"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.1, "decay_steps": 1000, "decay_rate": 0.96}}

#: One of each Keras schedule.
ALL_SCHEDULES = {
    "CosineDecay": COSINE_WARMUP,
    "ExponentialDecay": {
        "class_name": "ExponentialDecay",
        "config": {"initial_learning_rate": 0.1, "decay_steps": 700, "decay_rate": 0.9, "staircase": True},
    },
    "PiecewiseConstantDecay": {
        "class_name": "PiecewiseConstantDecay",
        "config": {"boundaries": [100, 2500, 7000], "values": [0.1, 0.05, 0.01, 0.001]},
    },
    "PolynomialDecay": {
        "class_name": "PolynomialDecay",
        "config": {"initial_learning_rate": 0.1, "decay_steps": 5000, "end_learning_rate": 0.0001, "power": 2.0, "cycle": True},
    },
    "InverseTimeDecay": {
        "class_name": "InverseTimeDecay",
        "config": {"initial_learning_rate": 0.1, "decay_steps": 1000, "decay_rate": 0.5},
    },
    "CosineDecayRestarts": {
        "class_name": "CosineDecayRestarts",
        "config": {"initial_learning_rate": 0.1, "first_decay_steps": 1000, "t_mul": 2.0, "m_mul": 0.9, "alpha": 0.001},
    },
}
