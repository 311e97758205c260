from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "opensend.meetings"
    label = "meetings"
    verbose_name = "Parents as partners: meetings three times a year"

    def ready(self):
        # Families: invitations' reminders (a sweep) and calendar entries (no child names).
        from opensend.core.calendar import register_event_source
        from opensend.core.sweeps import register_sweep
        from opensend.meetings.events import meeting_events
        from opensend.meetings.invitations import meeting_reminders

        register_sweep("meeting_reminders", meeting_reminders)
        register_event_source(meeting_events)

        # Planning: "Parent meetings" in the menu for school staff.
        from opensend.core.navigation import FAMILY, ITEMS, NavItem, register
        from opensend.organisations.models import SCHOOL_STAFF_ROLES

        if not any(item.url_name == "meetings_index" for item in ITEMS):
            register(
                NavItem("Parent meetings", "meetings_index", roles=SCHOOL_STAFF_ROLES, order=24)
            )
        # Families: their meetings with the school, one click from any page.
        if not any(item.url_name == "family_meetings" for item in ITEMS):
            register(NavItem("Meetings", "family_meetings", roles=frozenset({FAMILY}), order=20))
