from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "opensend.workforce"
    label = "workforce"
    verbose_name = "SENCO time, key workers, training and policies"

    def ready(self):
        from opensend.workforce import hooks

        hooks.connect()
