"""Benchmarks: the engine in CPython, and the built guide in headless Chromium."""
