from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from govportal.core.models import Agency, User


@admin.register(User)
class GovUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("单位", {"fields": ("agency", "phone")}))


admin.site.register(Agency)
