from django.apps import AppConfig


class AccessibilityConfig(AppConfig):
    name = "govportal.accessibility"
    label = "accessibility"
    verbose_name = "无障碍与关怀版"
