"""Deliberately broken implementations: each breaks one or a few claims (named in its TARGETS).

``tests/test_mutants.py`` runs the spec against each and requires exactly the targeted claims to fail.
"""
