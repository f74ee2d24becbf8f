"""Helpers shared by the store, query and export tests (fixtures, a synthetic corpus)."""
