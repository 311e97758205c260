from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "opensend.people"
    label = "people"
    verbose_name = "Children, families and the SEN register"

    def ready(self) -> None:
        from opensend.core.navigation import ITEMS, NavItem, register
        from opensend.organisations.models import SCHOOL_STAFF_ROLES

        # School staff keep (or read) the register every day: it is one click from any page.
        if not any(item.url_name == "register_index" for item in ITEMS):
            register(NavItem("SEN register", "register_index", roles=SCHOOL_STAFF_ROLES, order=20))
