"""Running the program under test in a helper thread, so that a test can act while it runs."""

from __future__ import annotations

import threading
from typing import Any, Callable, Dict

from concurrency_spec.testing.waits import TIMEOUT


class Background:
    """Runs ``fn(*args)`` in a helper thread of the test, so that the test can act while it runs."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self.returned = threading.Event()
        self._outcome: Dict[str, Any] = {}
        self._thread = threading.Thread(target=self._run, args=(fn, args), name="test-background")
        self._thread.start()

    def _run(self, fn: Callable[..., Any], args: Any) -> None:
        try:
            self._outcome["value"] = fn(*args)
        except BaseException as error:  # handed to the test by result()
            self._outcome["error"] = error
        self.returned.set()

    def finished(self, timeout: float = TIMEOUT) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def result(self) -> Any:
        assert self.finished(), f"the program did not return within {TIMEOUT} s"
        if "error" in self._outcome:
            raise self._outcome["error"]
        return self._outcome["value"]
