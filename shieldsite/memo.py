"""Values remembered in this process for a few seconds: the check API's hot path asks the
database or the shared cache once per interval instead of once per request."""

import time
from collections.abc import Callable, Hashable
from typing import Any


class RecentMemo:
    """``key -> value`` kept ``seconds`` (given at each call, so a module constant can change);
    past ``limit`` keys (a process serving many shops) it starts over rather than grow."""

    def __init__(self, limit: int = 100_000) -> None:
        self._values: dict[Hashable, tuple[float, Any]] = {}
        self.limit = limit

    def get_or_set(self, key: Hashable, compute: Callable[[], Any], *, seconds: float) -> Any:
        now = time.monotonic()
        hit = self._values.get(key)
        if hit is not None and now - hit[0] < seconds:
            return hit[1]
        value = compute()
        if len(self._values) >= self.limit:
            self._values.clear()
        self._values[key] = (now, value)
        return value

    def pop(self, key: Hashable) -> None:
        self._values.pop(key, None)

    def clear(self) -> None:
        self._values.clear()
