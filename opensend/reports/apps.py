from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "opensend.reports"
    label = "reports"
    verbose_name = "Dashboards, charts and the statutory returns"

    def ready(self):
        from opensend.reports import hooks

        hooks.connect()
