"""The side-by-side search benchmark: `make bench N=10000` (see bench/run.py)."""
