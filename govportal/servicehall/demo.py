"""Demo data of 网上办事大厅, loaded by `govportal.demo.loader` after the cluster."""

from __future__ import annotations


def load(builder) -> None:
    """Add this area's demo data. ``builder`` is the demo loader's `_Builder`: its
    ``agencies``, ``homes`` and ``users`` dicts, ``rng``, ``now`` and ``log`` are there to use."""
