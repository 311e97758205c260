from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "opensend.organisations"
    label = "organisations"
    verbose_name = "Organisations"
