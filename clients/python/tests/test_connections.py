"""Connections: reuse, a server that closed an idle connection, restarts, retries, 503, https, base paths."""
from __future__ import annotations

import email.utils
import json
import select
import shutil
import struct
import subprocess
import tempfile
import threading
import time
import unittest
from pathlib import Path

from lr_schedule_client import Client, ConnectionFailedError, ProtocolError, RemoteSchedule, ScheduleError, ServerError

from .service import EXPONENTIAL, free_port, own_service, shared_url
from .stub import StubServer, binary_answer, problem_answer


class RealServiceConnectionTest(unittest.TestCase):
    def test_one_connection_per_thread_is_reused(self) -> None:
        with Client(shared_url()) as client:
            for step in range(50):
                client.learning_rate(EXPONENTIAL, step)
            self.assertEqual(client._transport.connections_opened, 1)
            threads = [threading.Thread(target=lambda: [client.learning_rate(EXPONENTIAL, s) for s in range(20)]) for _ in range(3)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            self.assertEqual(client._transport.connections_opened, 4)

    def _idle_closed(self, probe_idle: bool) -> None:
        service = own_service({"KEEP_ALIVE_TIMEOUT_MS": "200"})
        try:
            client = Client(service.url, retries=0)  # no retries: only the reconnection of a stale connection may save the call
            client._transport.probe_idle = probe_idle
            first = client.learning_rates(EXPONENTIAL, range=range(100))
            conn = client._transport.current_connection()
            # Past the server's keep-alive timeout it closes the connection (Node adds up to 1 s to the timeout):
            # wait until the client's socket sees the end of the stream.
            readable = select.select([conn.sock], [], [], 10)[0]
            self.assertTrue(readable, "the server did not close the idle connection within 10 s")
            time.sleep(0.05)
            self.assertEqual(client.learning_rates(EXPONENTIAL, range=range(100)), first)
            self.assertEqual(client._transport.connections_opened, 2)
            self.assertIsNot(client._transport.current_connection(), conn)
            # probed: noticed before sending; not probed: the request failed on the dead socket and was sent again
            self.assertEqual(client._transport.stale_resends, 0 if probe_idle else 1)
            client.close()
        finally:
            service.close()

    def test_idle_connection_closed_by_server_probed(self) -> None:
        self._idle_closed(probe_idle=True)

    def test_idle_connection_closed_by_server_detected_on_use(self) -> None:
        # Without the select() probe the request is sent on the dead socket; RemoteDisconnected/EPIPE is retried at once.
        self._idle_closed(probe_idle=False)

    def test_service_restarted_between_calls(self) -> None:
        service = own_service()
        try:
            client = Client(service.url, retries=0)
            client._transport.probe_idle = False
            remote = RemoteSchedule(client, EXPONENTIAL, block=64, prefetch=False)
            before = [remote(step) for step in range(10)]
            self.assertEqual(client.learning_rate(EXPONENTIAL, 5), before[5])
            service.restart()
            self.assertEqual(client.learning_rate(EXPONENTIAL, 5), before[5])
            self.assertEqual(remote(200), client.learning_rate(EXPONENTIAL, 200))
            self.assertEqual(client._transport.connections_opened, 2)
            client.close()
        finally:
            service.close()

    def test_service_down_then_back_is_retried(self) -> None:
        service = own_service()
        try:
            client = Client(service.url, retries=300, backoff=0.05, backoff_cap=0.2)  # ~30 s: the service is back well before
            expected = client.learning_rates(EXPONENTIAL, range=range(10))
            service.stop()
            sleeps = []
            client._sleep = lambda seconds: (sleeps.append(seconds), time.sleep(seconds))
            result = {}
            thread = threading.Thread(target=lambda: result.setdefault("rates", client.learning_rates(EXPONENTIAL, range=range(10))))
            thread.start()
            time.sleep(0.5)
            service.start()
            thread.join(30)
            self.assertEqual(result.get("rates"), expected)
            self.assertGreater(len(sleeps), 0)
            self.assertTrue(all(0 <= s <= 0.2 for s in sleeps), sleeps)
            client.close()
        finally:
            service.close()

    def test_nothing_listening_gives_connection_failed(self) -> None:
        client = Client(f"http://127.0.0.1:{free_port()}", retries=3, backoff=0.5, backoff_cap=0.7)
        self.addCleanup(client.close)
        sleeps = []
        client._sleep = sleeps.append
        client._uniform = lambda low, high: high  # the upper bound of each jittered delay
        with self.assertRaises(ConnectionFailedError) as caught:
            client.learning_rate(EXPONENTIAL, 1)
        self.assertEqual(sleeps, [0.5, 0.7, 0.7])  # 0.5 * 2**n, capped
        self.assertIsInstance(caught.exception.__cause__, ConnectionRefusedError)
        self.assertIn("4 attempts", str(caught.exception))
        self.assertIsInstance(caught.exception, ConnectionError)


class StubTest(unittest.TestCase):
    """Behaviour that needs answers the real service does not give on demand (503s, broken bodies)."""

    def test_draining_503_is_retried_honouring_retry_after_within_cap(self) -> None:
        answers = [
            problem_answer(503, "draining", headers={"retry-after": "1"}),
            problem_answer(503, "draining", headers={"retry-after": "0"}),
            problem_answer(503, "draining", headers={"retry-after": email.utils.formatdate(time.time() + 100, usegmt=True)}),
            binary_answer([0.5, 0.25, 0.125]),
        ]
        with StubServer(answers) as stub:
            client = Client(stub.url, retries=3, backoff_cap=0.3)
            self.addCleanup(client.close)
            sleeps = []
            client._sleep = sleeps.append
            self.assertEqual(client.learning_rates(EXPONENTIAL, range=range(3)), [0.5, 0.25, 0.125])
            self.assertEqual(len(stub.requests), 4)
            self.assertEqual(sleeps, [0.3, 0.0, 0.3])
            ids = {request.headers["x-request-id"] for request in stub.requests}
            self.assertEqual(len(ids), 1)  # one logical request: the same id on every attempt
            self.assertEqual(stub.requests[0].headers["accept"], "application/octet-stream")
            self.assertEqual(json.loads(stub.requests[0].body), {"schedule": EXPONENTIAL, "range": {"start": 0, "stop": 3, "stride": 1}})

    def test_503_without_retry_after_uses_jittered_backoff_then_gives_up(self) -> None:
        with StubServer([problem_answer(503, "draining")]) as stub:
            client = Client(stub.url, retries=2, backoff=0.1, backoff_cap=1.0)
            self.addCleanup(client.close)
            bounds = []
            client._uniform = lambda low, high: (bounds.append((low, high)), high / 2)[1]
            sleeps = []
            client._sleep = sleeps.append
            with self.assertRaises(ServerError) as caught:
                client.learning_rate(EXPONENTIAL, 1)
            self.assertEqual(caught.exception.status, 503)
            self.assertEqual(caught.exception.detail, "draining")
            self.assertEqual(len(stub.requests), 3)
            self.assertEqual(bounds, [(0.0, 0.1), (0.0, 0.2)])
            self.assertEqual(sleeps, [0.05, 0.1])

    def test_4xx_is_never_retried(self) -> None:
        with StubServer([problem_answer(400, "bad", [{"path": "/step", "message": "must be >= 0"}])]) as stub:
            client = Client(stub.url, retries=5)
            self.addCleanup(client.close)
            client._sleep = lambda seconds: self.fail("slept before a retry of a 4xx")
            with self.assertRaises(ScheduleError) as caught:
                client.learning_rate(EXPONENTIAL, 1)
            self.assertEqual(len(stub.requests), 1)
            self.assertEqual(caught.exception.errors, [{"path": "/step", "message": "must be >= 0"}])
            self.assertEqual(caught.exception.request_id, stub.requests[0].headers["x-request-id"])

    def test_non_json_error_body(self) -> None:
        html = (502, {"content-type": "text/html"}, b"<html><body>502 Bad Gateway</body></html>")
        with StubServer([html]) as stub:
            client = Client(stub.url, retries=1)
            self.addCleanup(client.close)
            client._sleep = lambda seconds: None
            with self.assertRaises(ServerError) as caught:
                client.learning_rate(EXPONENTIAL, 1)
            self.assertEqual(len(stub.requests), 2)
            self.assertEqual(caught.exception.status, 502)
            self.assertIn("502 Bad Gateway", caught.exception.detail)
            self.assertTrue(str(caught.exception).startswith("502 "))

    def test_binary_length_mismatch_is_a_protocol_error(self) -> None:
        status, headers, body = binary_answer([0.5, 0.25])
        with StubServer([(status, {**headers, "x-learning-rate-count": "3"}, body)]) as stub:
            with Client(stub.url) as client, self.assertRaises(ProtocolError):
                client.learning_rates(EXPONENTIAL, range=range(3))
        with StubServer([(status, {**headers, "x-learning-rate-dtype": "float16"}, body)]) as stub:
            with Client(stub.url) as client, self.assertRaises(ProtocolError):
                client.learning_rates(EXPONENTIAL, range=range(2))

    def test_float64_binary_and_base_path_prefix_and_headers(self) -> None:
        values = [0.1, 1e-300, float("inf")]
        with StubServer([binary_answer(values, "float64"), (200, {"content-type": "application/json"}, b'{"schedules": []}')]) as stub:
            client = Client(stub.url + "/lr/api/", headers={"Authorization": "Bearer t0ken"})
            self.addCleanup(client.close)
            rates = client.learning_rates(EXPONENTIAL, steps=[1, 2, 3], dtype="float64")
            self.assertEqual(struct.pack("<3d", *rates), struct.pack("<3d", *values))
            self.assertEqual(client.schedules(), [])
            self.assertEqual([(r.method, r.path) for r in stub.requests], [("POST", "/lr/api/v1/learning-rates"), ("GET", "/lr/api/v1/schedules")])
            self.assertEqual(stub.requests[0].headers["authorization"], "Bearer t0ken")
            self.assertEqual(stub.requests[0].headers["content-type"], "application/json")
            self.assertTrue(stub.requests[0].headers["user-agent"].startswith("lr-schedule-client/"))

    @unittest.skipIf(shutil.which("openssl") is None, "openssl is not on PATH: cannot make a certificate for the https test")
    def test_https(self) -> None:
        import ssl

        with tempfile.TemporaryDirectory() as folder:
            cert, key = str(Path(folder) / "cert.pem"), str(Path(folder) / "key.pem")
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                 "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            with StubServer([binary_answer([0.5, 0.25])], tls=(cert, key)) as stub:
                self.assertTrue(stub.url.startswith("https://"))
                client = Client(stub.url + "/prefix", ssl_context=ssl.create_default_context(cafile=cert))
                self.addCleanup(client.close)
                self.assertEqual(client.learning_rates(EXPONENTIAL, range=range(2)), [0.5, 0.25])
                self.assertEqual(client.learning_rates(EXPONENTIAL, range=range(2)), [0.5, 0.25])
                self.assertEqual(client._transport.connections_opened, 1)
                self.assertEqual(stub.requests[0].path, "/prefix/v1/learning-rates")
                # an untrusted certificate is refused at once, not retried
                untrusting = Client(stub.url, retries=5)
                self.addCleanup(untrusting.close)
                untrusting._sleep = lambda seconds: self.fail("retried a certificate failure")
                with self.assertRaises(ConnectionFailedError) as caught:
                    untrusting.learning_rates(EXPONENTIAL, range=range(2))
                self.assertIsInstance(caught.exception.__cause__, ssl.SSLCertVerificationError)


if __name__ == "__main__":
    unittest.main()
