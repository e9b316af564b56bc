"""§3.1 a Process that hands its target's return value back to the parent: join() returns it."""

import multiprocessing
from multiprocessing.process import BaseProcess

from concurrency_spec.reference import Reference

TARGETS = ["multiprocessing.process.return-value-dropped"]


class ResultProcess(BaseProcess):
    """Sends the target's return value through a pipe; join() receives it and returns it."""

    def __init__(self, *args, start_method=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._context = multiprocessing.get_context(start_method)
        self._start_method = self._context.get_start_method()
        self._reader, self._writer = multiprocessing.Pipe(duplex=False)
        self.result = None

    def _Popen(self, process_obj):
        return self._context.Process._Popen(process_obj)

    def run(self):
        self._writer.send(self._target(*self._args, **self._kwargs))

    def join(self, timeout=None):
        super().join(timeout)
        if self._reader.poll():
            self.result = self._reader.recv()
        return self.result


class _Context:
    def __init__(self, method):
        self._context = multiprocessing.get_context(method)
        self._method = method

    def __getattr__(self, name):
        return getattr(self._context, name)

    def Process(self, *args, **kwargs):
        return ResultProcess(*args, start_method=self._method, **kwargs)


def get_context(method=None):
    return _Context(method)


class Implementation(Reference):
    multiprocessing = Reference.multiprocessing.replace(get_context=get_context)
