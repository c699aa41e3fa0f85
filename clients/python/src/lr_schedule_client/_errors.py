"""Exceptions raised by the client.

Every exception derives from :class:`ClientError`. An answer that is not a
success is a :class:`ProblemError` carrying the service's RFC 9457 problem
document: :class:`ScheduleError` for a 4xx (the request or the schedule is
wrong; never retried), :class:`ServerError` for anything else (a 5xx still
failing after the retries). :class:`ConnectionFailedError` means the service
could not be reached at all, even after the retries.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, TypedDict

__all__ = [
    "ClientError",
    "ConnectionFailedError",
    "FieldProblem",
    "ProblemError",
    "ProtocolError",
    "ScheduleError",
    "ServerError",
]


class FieldProblem(TypedDict):
    """One entry of a problem document's ``errors``: a JSON pointer into the request body and what is wrong there."""

    path: str
    message: str


class ClientError(Exception):
    """Base class of every exception this package raises."""


class ConnectionFailedError(ClientError, ConnectionError):
    """The service could not be reached (refused, reset, timed out...) even after the retries.

    The message says how many attempts were made over how long, and why the last one failed; that last
    underlying error is the exception's ``__cause__``.

    Attributes:
        attempts: how many times the request was sent (0 when unknown).
        elapsed: seconds from the first attempt to giving up.
    """

    attempts: int = 0
    elapsed: float = 0.0


class ProtocolError(ClientError):
    """The service answered something this client cannot read (e.g. a binary body whose length
    does not match its ``x-learning-rate-count`` header)."""


class ProblemError(ClientError):
    """The service answered an error status with a problem document.

    Attributes:
        status: the HTTP status code.
        title: the status's title (e.g. ``"Bad Request"``).
        detail: what went wrong, in one sentence.
        errors: the fields at fault, each ``{"path": <JSON pointer into the request body>, "message": ...}``;
            empty when the problem is not about particular fields.
        request_id: the request's id (the ``x-request-id`` response header), to find it in the service's logs.
        type: the problem type URI.
        document: the whole problem document as received (or ``{}`` when the body was not JSON).
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        errors: Optional[List[FieldProblem]] = None,
        request_id: Optional[str] = None,
        type: Optional[str] = None,
        document: Optional[Mapping[str, Any]] = None,
    ) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.errors: List[FieldProblem] = list(errors or [])
        self.request_id = request_id
        self.type = type
        self.document: Dict[str, Any] = dict(document or {})
        super().__init__(status, title, detail)

    def __str__(self) -> str:
        lines = [f"{self.status} {self.title}: {self.detail}".rstrip(": ")]
        for problem in self.errors:
            lines.append(f"  {problem['path'] or '(body)'}: {problem['message']}")
        if self.request_id:
            lines.append(f"  (request id {self.request_id})")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, detail={self.detail!r}, errors={self.errors!r}, request_id={self.request_id!r})"

    def __reduce__(self) -> Any:
        return (type(self), (self.status, self.title, self.detail, self.errors, self.request_id, self.type, self.document))

    @classmethod
    def from_response(
        cls, status: int, reason: str, content_type: str, body: bytes, request_id: Optional[str]
    ) -> "ProblemError":
        """The exception for an error answer: :class:`ScheduleError` for 4xx, :class:`ServerError` otherwise.

        Reads an ``application/problem+json`` (or any JSON object) body; any other body (e.g. a proxy's
        HTML error page) becomes the ``detail``, shortened.
        """
        kind = ScheduleError if 400 <= status < 500 else ServerError
        document: Dict[str, Any] = {}
        if "json" in content_type.lower():
            try:
                parsed = json.loads(body.decode("utf-8"))
                if isinstance(parsed, dict):
                    document = parsed
            except (UnicodeDecodeError, ValueError):
                pass
        if document:
            detail = str(document.get("detail", ""))
            title = str(document.get("title", reason))
        else:
            text = body.decode("utf-8", "replace").strip()
            detail = text[:500] + ("…" if len(text) > 500 else "")
            title = reason
        errors: List[FieldProblem] = []
        raw_errors = document.get("errors")
        if isinstance(raw_errors, list):
            for item in raw_errors:
                if isinstance(item, dict):
                    errors.append({"path": str(item.get("path", "")), "message": str(item.get("message", ""))})
        instance = document.get("instance")
        return kind(
            status=status,
            title=title or reason,
            detail=detail,
            errors=errors,
            request_id=request_id or (str(instance) if instance is not None else None),
            type=document.get("type"),
            document=document,
        )


class ScheduleError(ProblemError, ValueError):
    """A 4xx answer: the request or the schedule is invalid (400), unknown (404), too large (413, 422)...

    Never retried: the same request would be refused again. ``str()`` shows the status, the detail
    and each ``path: message``.
    """


class ServerError(ProblemError):
    """A 5xx (or otherwise unexpected) answer, still failing after the retries (503 and gateway errors are retried)."""
