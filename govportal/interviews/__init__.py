"""在线访谈 — online interviews with leaders, live (issue 21)."""
