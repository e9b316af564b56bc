"""§3.4 a context whose Value stores every number as a C double, whatever its typecode: Value("i", 0)
holds a float, so 0 + 1 reads back as 1.0."""

from concurrency_spec.reference import Reference

TARGETS = ["multiprocessing.shared-memory.types"]


class FloatValues:
    def __init__(self, context):
        self._context = context

    def __getattr__(self, name):
        return getattr(self._context, name)

    def Value(self, typecode, *args, **kwargs):  # noqa: N802
        return self._context.Value("d", *args, **kwargs)


def get_context(method=None):
    return FloatValues(Reference.multiprocessing.get_context(method))


class Implementation(Reference):
    multiprocessing = Reference.multiprocessing.replace(get_context=get_context)
