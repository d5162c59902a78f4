"""GovPortal (政府网站群平台) — a city government's whole website cluster on Django + Wagtail."""
