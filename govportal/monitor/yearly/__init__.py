"""政府网站工作年度报表 — the yearly website report of each site (docs/supervision.md)."""
