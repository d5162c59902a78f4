from django.apps import AppConfig


class PrerenderConfig(AppConfig):
    name = "govportal.prerender"
    label = "prerender"
    verbose_name = "静态化发布"

    def ready(self) -> None:
        from govportal.prerender import rules, signals

        rules.register_builtin_rules()
        signals.connect()
