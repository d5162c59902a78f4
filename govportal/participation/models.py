"""Models of the participation area."""
