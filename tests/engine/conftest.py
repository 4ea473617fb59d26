"""Shared setup for the engine tests: the `slow` marker."""


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds a wheel or starts Pyodide (seconds, not ms)")
