from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "opensend.meetings"
    label = "meetings"
    verbose_name = "Parents as partners: meetings three times a year"
