"""§1.2 asyncio I/O awaited one call after another instead of gathered."""

from concurrency_spec.reference import Reference

TARGETS = ["concurrency.table.asyncio-io-overlap"]


class Implementation(Reference):
    def io_bound_in_tasks(impl, n, io):
        async def main():
            return [await io(i) for i in range(n)]

        return impl.asyncio.run(main())
