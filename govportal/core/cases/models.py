"""Case models (filled in next)."""
