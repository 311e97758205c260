from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "opensend.core"
    label = "core"
    verbose_name = "OpenSEND core"
