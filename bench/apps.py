from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "bench"
    label = "bench"
    verbose_name = "Bench"

    def ready(self) -> None:
        from bench import casetype  # noqa: F401 — registers the bench case type
