"""The reference implementation: the document's primitives (mapped to the standard library) and its
programs (written on top of them, as functions with parameters).

An alternate implementation is any importable module exposing the same names (see
``python -m harness contract``); the simplest one imports this package and overrides a few names.
"""

from reference.s1_concurrency import *  # noqa: F401,F403
from reference.s2_threads import *  # noqa: F401,F403
from reference.s3_processes import *  # noqa: F401,F403
from reference.s4_futures import *  # noqa: F401,F403
from reference.s5_asyncio import *  # noqa: F401,F403
from reference.s6_async_io import *  # noqa: F401,F403
from reference.s7_choosing import *  # noqa: F401,F403
from reference.s8_1_download import *  # noqa: F401,F403
from reference.s8_2_primes import *  # noqa: F401,F403
from reference.s8_3_producer_consumer import *  # noqa: F401,F403
from reference.s9_questions import *  # noqa: F401,F403
from reference.s9_async_questions import *  # noqa: F401,F403

CONTRACT_VERSION = "1.0"

#: Claims this implementation knowingly does not meet, as {claim id: reason}. They run as strict
#: expected failures. The reference meets every claim.
DEVIATIONS: dict = {}

SECTION_MODULES = (
    "reference.s1_concurrency",
    "reference.s2_threads",
    "reference.s3_processes",
    "reference.s4_futures",
    "reference.s5_asyncio",
    "reference.s6_async_io",
    "reference.s7_choosing",
    "reference.s8_1_download",
    "reference.s8_2_primes",
    "reference.s8_3_producer_consumer",
    "reference.s9_questions",
    "reference.s9_async_questions",
)
