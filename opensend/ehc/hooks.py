"""What the EHC app plugs into the rest of OpenSEND when Django starts."""


def connect() -> None:
    from opensend.ehc.services import advice_link_invited_professional
    from opensend.organisations.services import on_invitation_accepted

    on_invitation_accepted(advice_link_invited_professional)

    # Reminders before each statutory date (a sweep) and the dates in calendar feeds.
    from opensend.core.calendar import register_event_source
    from opensend.core.sweeps import register_sweep
    from opensend.ehc.events import ehc_events
    from opensend.ehc.reminders import ehc_reminders

    register_sweep("ehc_reminders", ehc_reminders)
    register_event_source(ehc_events)

    _menu()


def _menu() -> None:
    """Each party's way in, one click from any page. The SENCO and head reach the advice asked
    of their school from "EHC requests", so the school menu gains one entry, not two."""
    from opensend.core.navigation import FAMILY, ITEMS, NavItem, register
    from opensend.organisations.models import LA_ROLES, PROFESSIONAL_ROLES, Role

    entries = (
        NavItem("EHC assessments", "ehc_work_tray", roles=LA_ROLES, order=20),
        NavItem(
            "EHC requests",
            "ehc_school_requests",
            roles=frozenset({Role.SENCO, Role.HEAD}),
            order=26,
        ),
        NavItem("EHC assessment", "ehc_family_cases", roles=frozenset({FAMILY}), order=21),
        NavItem("Advice requests", "ehc_advice_list", roles=PROFESSIONAL_ROLES, order=20),
    )
    registered = {item.url_name for item in ITEMS}
    for entry in entries:
        if entry.url_name not in registered:
            register(entry)
