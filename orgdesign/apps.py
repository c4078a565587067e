from django.apps import AppConfig


class OrgdesignConfig(AppConfig):
    name = "orgdesign"
    verbose_name = "Org Design Advisor"
    default_auto_field = "django.db.models.BigAutoField"
