from django.apps import AppConfig


class PrerenderConfig(AppConfig):
    name = "govportal.prerender"
    label = "prerender"
    verbose_name = "静态化发布"

    def ready(self) -> None:
        # The rules themselves are declared by the areas (``<area>/publishing.py``). Imported
        # here, not at the top: apps.py loads before the models exist.
        from govportal.prerender import signals

        signals.connect()
