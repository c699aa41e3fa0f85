"""A scripted local HTTP(S) server: answers a list of canned responses in order, records the requests."""
from __future__ import annotations

import http.server
import json
import ssl
import struct
import threading
from typing import Dict, List, Optional, Tuple

Answer = Tuple[int, Dict[str, str], bytes]


def binary_answer(values: List[float], dtype: str = "float32") -> Answer:
    code = "<%d%s" % (len(values), "f" if dtype == "float32" else "d")
    return (
        200,
        {"content-type": "application/octet-stream", "x-learning-rate-dtype": dtype, "x-learning-rate-count": str(len(values))},
        struct.pack(code, *values),
    )


def problem_answer(status: int, detail: str, errors: Optional[list] = None, headers: Optional[Dict[str, str]] = None) -> Answer:
    document = {"type": f"https://httpstatuses.io/{status}", "title": "Service Unavailable" if status == 503 else "Error", "status": status, "detail": detail}
    if errors is not None:
        document["errors"] = errors
    return status, {"content-type": "application/problem+json", **(headers or {})}, json.dumps(document).encode()


class Recorded:
    def __init__(self, method: str, path: str, headers: Dict[str, str], body: bytes) -> None:
        self.method, self.path, self.headers, self.body = method, path, headers, body


class StubServer:
    """``with StubServer([answer, ...]) as stub: ... stub.url ... stub.requests``; the last answer repeats."""

    def __init__(self, answers: List[Answer], tls: Optional[Tuple[str, str]] = None) -> None:
        self.answers = list(answers)
        self.requests: List[Recorded] = []
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                with stub._lock:
                    stub.requests.append(Recorded(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                    status, headers, payload = stub.answers.pop(0) if len(stub.answers) > 1 else stub.answers[0]
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _answer

        self._lock = threading.Lock()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> "StubServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
