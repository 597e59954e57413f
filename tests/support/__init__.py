"""Helpers shared by the tests and the benchmarks (imported as `tests.support.<module>`)."""
