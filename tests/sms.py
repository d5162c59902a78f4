"""The one thing tests mock: the SMS gateway. `Gateway` records what it was asked to send;
`deliver()` runs the outbox delivery a worker would run. The ``gateway`` fixture
(tests/conftest.py) installs it."""

from __future__ import annotations

import re

from govportal.core.outbox.actions import outbox_deliver_due


class Gateway:
    sent: list[tuple[str, str]] = []  # (phone, text)

    def send(self, *, key, phone, text):
        Gateway.sent.append((phone, text))


def deliver() -> list[tuple[str, str]]:
    """Deliver what is due; return every SMS the gateway has received so far."""
    outbox_deliver_due()
    return list(Gateway.sent)


def code_in(text: str, digits: int | None = None) -> str:
    if digits:
        return re.search(rf"\b(\d{{{digits}}})\b", text).group(1)
    return re.search(r"新查询码：(\w+)", text).group(1)
