"""The machinery of the specification suite (claims, implementation under test, results, report)."""
