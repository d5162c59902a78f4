"""Outbox models (filled in next)."""
