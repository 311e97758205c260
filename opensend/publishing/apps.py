from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "opensend.publishing"
    label = "publishing"
    verbose_name = "SEN information reports, the Local Offer and consultations"

    def ready(self):
        from opensend.publishing import hooks

        hooks.connect()
