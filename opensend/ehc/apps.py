from django.apps import AppConfig


class EhcConfig(AppConfig):
    name = "opensend.ehc"
    label = "ehc"
    verbose_name = "EHC needs assessments"

    def ready(self):
        from opensend.ehc import hooks

        hooks.connect()
