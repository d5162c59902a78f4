from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "govportal.search"
    label = "search"
    verbose_name = "站内搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from govportal.search import signals, sources

        sources.register_builtin_sources()
        signals.connect()
