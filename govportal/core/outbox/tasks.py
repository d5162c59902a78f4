"""Outbox tasks (filled in next)."""
