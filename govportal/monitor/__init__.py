"""监管 — the cluster watches itself: the national website indicators (国办秘函〔2019〕19号),
alarms before a veto, 错敏词 wording checks, dashboards for the information office and the
supervision bureau, and the yearly 政府网站工作年度报表 (docs/supervision.md)."""
