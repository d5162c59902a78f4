from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "govportal.search"
    label = "search"
    verbose_name = "站内搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not at the top: apps.py loads before the models exist.
        from django.db.models.signals import post_delete, post_save

        from govportal.search import signals
        from govportal.search.models import BestBet, SynonymGroup
        from govportal.search.selectors import forget_best_bets, forget_synonyms

        # The sources themselves are declared by the areas (``<area>/publishing.py``).
        signals.connect()
        post_save.connect(forget_synonyms, sender=SynonymGroup, dispatch_uid="search_synonyms_saved")
        post_delete.connect(forget_synonyms, sender=SynonymGroup, dispatch_uid="search_synonyms_deleted")
        post_save.connect(forget_best_bets, sender=BestBet, dispatch_uid="search_best_bets_saved")
        post_delete.connect(forget_best_bets, sender=BestBet, dispatch_uid="search_best_bets_deleted")
