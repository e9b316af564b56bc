"""loky (https://github.com/joblib/loky), the robust ProcessPoolExecutor of joblib, as
``impl.futures.ProcessPoolExecutor``.

loky chooses its start method with a context object (``context=``); the contract names it
(``start_method=``). Fork, spawn and forkserver map to the standard library's own contexts, which is
what ``loky.backend.get_context`` returns for them; with no start method, the platform's default,
as the contract says, not loky's own "loky" method (under which a shared Value cannot reach the
workers). Everything else is the reference.

    concurrency-spec run --impl concurrency_spec.adapters.loky
"""

from __future__ import annotations

import multiprocessing
from typing import Any, Callable, Optional

import loky

from concurrency_spec.reference import Reference


class ProcessPoolExecutor(loky.ProcessPoolExecutor):  # type: ignore[misc]
    """loky's executor, with the contract's ``start_method``."""

    def __init__(
        self,
        max_workers: Optional[int] = None,
        *,
        start_method: Optional[str] = None,
        initializer: Optional[Callable[..., Any]] = None,
        initargs: tuple = (),
    ) -> None:
        super().__init__(
            max_workers,
            context=multiprocessing.get_context(start_method),
            initializer=initializer,
            initargs=initargs,
        )


class Implementation(Reference):
    futures = Reference.futures.replace(ProcessPoolExecutor=ProcessPoolExecutor)
