"""A wait for input that never blocks in the read: it polls a non-blocking pipe in a loop."""

import os
import time

from concurrency_spec.reference import Reference

TARGETS = ["gil.blocking-io-releases"]


def wait_for_input(fd, size=1):
    os.set_blocking(fd, False)
    while True:
        try:
            return os.read(fd, size)  # breaks §9.1's setting: the thread is never blocked in I/O
        except BlockingIOError:
            time.sleep(0.001)


class Implementation(Reference):
    wait_for_input = staticmethod(wait_for_input)
