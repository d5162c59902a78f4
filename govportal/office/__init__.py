"""协同办公 — official documents exchanged between the city's agencies (issue 25)."""
