"""Benchmarks of the helpers pipeline (``python -m benchmarks.run``); not tests, never run by ``make test``."""
