"""A Python client for lr-schedule-service: Keras learning-rate schedules over HTTP.

Standard library only (numpy is used when asked for, never needed)::

    from lr_schedule_client import Client, RemoteSchedule

    client = Client("http://127.0.0.1:3000")
    schedule = {"class_name": "ExponentialDecay",
                "config": {"initial_learning_rate": 0.1, "decay_steps": 1000, "decay_rate": 0.96}}
    client.learning_rate(schedule, 1500)              # one step, one request
    client.learning_rates(schedule, range=range(0, 10_000, 100))   # many steps, binary, exact bits
    lr = RemoteSchedule(client, schedule)             # lr(step): one request per 4096 steps

Calls are retried for 60 s by default (exponential backoff, full jitter), so a restart of the service is
ridden out; the next block of a ``RemoteSchedule`` is fetched in the background as soon as a block is entered.

Framework adapters, importable when their framework is installed: :mod:`lr_schedule_client.keras`
(a Keras ``LearningRateSchedule``) and :mod:`lr_schedule_client.torch` (a PyTorch ``LRScheduler``, and
``describe(scheduler)``: a live torch scheduler in the service's request form).
:mod:`lr_schedule_client.huggingface` writes the request form of a Hugging Face schedule from what
``transformers.TrainingArguments`` holds (importable without transformers).
"""
from ._client import DEFAULT_RETRY_FOR, MAX_STEP, Client, Rates, ScheduleValues, StepValues
from ._errors import (
    ClientError,
    ConnectionFailedError,
    FieldProblem,
    ProblemError,
    ProtocolError,
    ScheduleError,
    ServerError,
)
from ._remote import RemoteSchedule
from ._schedules import schedule_to_dict

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_RETRY_FOR",
    "MAX_STEP",
    "Client",
    "ClientError",
    "ConnectionFailedError",
    "FieldProblem",
    "ProblemError",
    "ProtocolError",
    "Rates",
    "RemoteSchedule",
    "ScheduleError",
    "ScheduleValues",
    "ServerError",
    "StepValues",
    "__version__",
    "schedule_to_dict",
]
