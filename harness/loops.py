"""The event-loop axis of asyncio claims (asyncio, uvloop) and virtual time. Being written."""
