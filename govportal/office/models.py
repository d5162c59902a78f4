"""Models of the office area."""
