from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "opensend.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from opensend.accounts import receivers  # noqa: F401  (connects allauth's sign-in signals)
