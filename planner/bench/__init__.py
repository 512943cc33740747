"""Benchmarks: generated instances, the greedy baseline as a plan, a harness and its Markdown table."""
