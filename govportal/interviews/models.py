"""Models of the interviews area."""
