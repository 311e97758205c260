from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "opensend.support"
    label = "support"
    verbose_name = "SEN support: assess–plan–do–review plans"

    def ready(self):
        from opensend.core.sweeps import register_sweep
        from opensend.support.reminders import review_reminders

        register_sweep("support_review_reminders", review_reminders)
