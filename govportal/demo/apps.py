from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo cluster of 示例市 and its commands (load_demo, demo_logins, prepare_embedded,
    prepare_serve, generate_load_data …). The top layer: it may import every area, and
    nothing imports it (the import contract in pyproject.toml keeps it so)."""

    name = "govportal.demo"
    label = "demo"
    verbose_name = "演示数据"
