from django.apps import AppConfig


class ProvisionConfig(AppConfig):
    name = "opensend.provision"
    label = "provision"
    verbose_name = "Provision map: the school's interventions, their pupils and their cost"

    def ready(self) -> None:
        from opensend.core.navigation import ITEMS, NavItem, register
        from opensend.organisations.models import SCHOOL_ROLES

        # Staff plan and cost their interventions here; governors read the costs and counts.
        if not any(item.url_name == "provision_index" for item in ITEMS):
            register(NavItem("Provision map", "provision_index", roles=SCHOOL_ROLES, order=30))
