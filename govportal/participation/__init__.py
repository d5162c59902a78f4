"""网上调查、意见征集、网上听证、网上评议 — citizens' voice before decisions (issue 22)."""
