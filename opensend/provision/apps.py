from django.apps import AppConfig


class ProvisionConfig(AppConfig):
    name = "opensend.provision"
    label = "provision"
    verbose_name = "Provision map: the school's interventions, their pupils and their cost"
