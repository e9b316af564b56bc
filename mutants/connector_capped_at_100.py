"""An aiohttp connector that keeps its default cap of 100 connections even when asked for none."""

import aiohttp

from concurrency_spec.reference import Reference

TARGETS = ["choosing.asyncio.many-requests-one-thread"]


def capped_connector(limit=100, **kwargs):
    return aiohttp.TCPConnector(limit=100, **kwargs)


class Implementation(Reference):
    aiohttp = Reference.aiohttp.replace(TCPConnector=capped_connector)
