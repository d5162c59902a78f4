"""Models of the convenience area."""
