"""Password rules: Django's validators (settings.AUTH_PASSWORD_VALIDATORS) with their zh-hans
messages. Django 5.2's catalogue lacks the minimum-length message (its msgid changed), so
that one validator says it in Chinese here; the others come from Django as they are."""

from __future__ import annotations

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return f"密码太短，至少需要 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"
