from django.apps import AppConfig


class OrgdesignConfig(AppConfig):
    name = "orgdesign"
    verbose_name = "Org Design Advisor"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from orgdesign.ratelimit import count_failed_signin

        user_login_failed.connect(count_failed_signin, dispatch_uid="orgdesign-signin-limit")
