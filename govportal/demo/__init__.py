"""The demo cluster of the fictional city 示例市: registry data, Chinese text material,
generated images, and the loader behind ``manage.py load_demo``.

Everything is generated locally from seeded randomness — no network, stable screenshots.
"""
