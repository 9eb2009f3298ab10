"""Data pipeline: build, validate, import, demo, names, paths."""
