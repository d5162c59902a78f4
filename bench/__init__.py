"""`make bench`: case creation and citizen lookup on PostgreSQL, measured over HTTP.

Everything here exists only for the bench: its settings (`bench.settings`) add the bench
app, its case type and its create endpoint to the real project. Run with `bin/bench`.
"""
