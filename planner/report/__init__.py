"""Reports: text summaries, JSON and the other output formats."""
