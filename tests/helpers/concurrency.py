"""Calls started at the same moment, for races against the platform."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import requests


def race(calls: Sequence[Callable[[], requests.Response]]) -> list[requests.Response]:
    """Run the calls at the same moment, one thread each."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], requests.Response]) -> requests.Response:
        start.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))
