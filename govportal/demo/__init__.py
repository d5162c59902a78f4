"""The demo cluster of the fictional city 示例市, for every area: registry data, Chinese text
material, generated images, the loader behind ``manage.py load_demo`` and each area's demo
data (``demo/<area>.py``, each with ``load(builder)``, called by the loader in order), the
large generated cluster of the render benchmark (`loadgen`), and the demo commands
(``load_demo``, ``demo_loaded``, ``demo_logins``, ``demo_set_port``, ``prepare_embedded`` for
``make run``, ``prepare_serve`` for ``make serve``, ``generate_load_data``).

The top layer: the demo may import every area; nothing imports the demo (except tests) —
the import contract in pyproject.toml keeps it so. A new area adds ``demo/<area>.py`` and a
line in `loader._Builder._areas`.

Everything is generated locally from seeded randomness — no network, stable screenshots.
"""
