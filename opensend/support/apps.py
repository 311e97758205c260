from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "opensend.support"
    label = "support"
    verbose_name = "SEN support: assess–plan–do–review plans"
