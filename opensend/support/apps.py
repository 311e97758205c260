from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "opensend.support"
    label = "support"
    verbose_name = "SEN support: assess–plan–do–review plans"

    def ready(self):
        from opensend.core.sweeps import register_sweep
        from opensend.support.reminders import review_reminders

        register_sweep("support_review_reminders", review_reminders)

        from opensend.core.calendar import register_event_source
        from opensend.support.events import support_review_events

        register_event_source(support_review_events)

        from opensend.core.navigation import ITEMS, NavItem, register
        from opensend.organisations.models import SCHOOL_STAFF_ROLES

        if not any(item.url_name == "support_plans_index" for item in ITEMS):
            register(
                NavItem("Support plans", "support_plans_index", roles=SCHOOL_STAFF_ROLES, order=22)
            )
        # Teachers and assistants read passports before a lesson: one click from any page.
        if not any(item.url_name == "passport_index" for item in ITEMS):
            register(
                NavItem("Pupil passports", "passport_index", roles=SCHOOL_STAFF_ROLES, order=25)
            )
