"""Waiting on a condition in Pilot tests, never on a number of pauses or a sleep."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot


async def until(pilot: Pilot[Any], condition: Callable[[], object], timeout: float = 20) -> None:
    """Let the app run until `condition()` is true; fail after `timeout` seconds saying so."""

    async def poll() -> None:
        while not condition():
            await pilot.pause()

    try:
        await asyncio.wait_for(poll(), timeout)
    except TimeoutError:
        raise AssertionError(f"condition never became true: {condition}") from None
