"""The 监管 area's models, one module per part (Django finds them through this one)."""

from govportal.monitor.links.models import LinkKind, LinkOccurrence, LinkTarget
from govportal.monitor.wording_models import WordingAcceptance, WordingEntry, WordingFinding, WordKind

__all__ = [
    "LinkKind",
    "LinkOccurrence",
    "LinkTarget",
    "WordKind",
    "WordingAcceptance",
    "WordingEntry",
    "WordingFinding",
]
