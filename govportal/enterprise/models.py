"""Models of the enterprise area."""
