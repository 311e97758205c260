from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "opensend.api"
    label = "api"
    verbose_name = "JSON API"
