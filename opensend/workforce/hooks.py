"""What the workforce app adds to the rest of OpenSEND: its menu entries and its daily sweep."""

from opensend.core.navigation import NavItem, register
from opensend.organisations.models import LA_ROLES, Role

_connected = False

WORKFORCE_READERS = frozenset({Role.SENCO, Role.HEAD, Role.GOVERNOR})
TRAINEES = frozenset({Role.TEACHER, Role.TEACHING_ASSISTANT, Role.SENCO, Role.HEAD})


def connect() -> None:
    global _connected
    if _connected:
        return
    _connected = True
    register(NavItem("Workforce", "workforce_index", roles=WORKFORCE_READERS, order=32))
    register(NavItem("Your SEND training", "workforce_my_training", roles=TRAINEES, order=33))
    register(NavItem("School workforce", "workforce_la", roles=LA_ROLES, order=28))
    from opensend.workforce import reminders  # noqa: F401  (registers the policy-review sweep)
