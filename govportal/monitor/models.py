"""The monitor's models, one module per part (imported here so Django finds them)."""

from govportal.monitor.links.models import LinkKind, LinkOccurrence, LinkTarget  # noqa: F401
