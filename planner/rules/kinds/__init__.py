"""Rule kinds, grouped by what they look at."""
