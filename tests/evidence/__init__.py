"""A few lines per library, run with the library alone (not through the suite), that show each
behaviour difference an adapter declares; the adapter's DEVIATIONS quote what they print, and
``tests/test_adapters.py`` checks that they still print it."""
