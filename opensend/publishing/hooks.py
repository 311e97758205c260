"""What the publishing app adds to the rest of OpenSEND: its menu entries and its sweeps."""

from opensend.core.navigation import NavItem, register
from opensend.organisations.models import LA_ROLES, Role

_connected = False

REPORT_KEEPERS = frozenset({Role.SENCO, Role.HEAD, Role.GOVERNOR})


def connect() -> None:
    global _connected
    if _connected:
        return
    _connected = True
    register(
        NavItem("SEN information report", "publishing_report_index", roles=REPORT_KEEPERS, order=34)
    )
    register(NavItem("Local Offer", "publishing_la_index", roles=LA_ROLES, order=29))
    register(
        NavItem(
            "Your Local Offer entries",
            "publishing_entries_index",
            roles=frozenset({Role.LOCAL_OFFER_PROVIDER}),
            order=20,
        )
    )
    # Everyone signed in may be asked about the Local Offer (regs 54-56): staff, providers,
    # professionals, parents and young people.
    register(NavItem("Have your say", "publishing_my_consultations", roles=None, order=85))
    from opensend.publishing import reminders  # noqa: F401  (registers the sweeps)
