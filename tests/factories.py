"""Factories that build test data (plain functions with sensible defaults).

Tests create exactly the rows they need through these helpers instead of sharing fixtures.
"""
