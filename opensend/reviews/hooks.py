"""What the reviews app plugs into the rest of OpenSEND when Django starts."""


def connect() -> None:
    from opensend.core.calendar import register_event_source
    from opensend.core.sweeps import register_sweep
    from opensend.ehc.plan_services import on_plan_issued
    from opensend.reviews.events import review_events
    from opensend.reviews.reminders import review_reminders
    from opensend.reviews.services import review_on_plan_issued
    from opensend.reviews.statements import statement_on_plan_issued

    _menu()
    # SI 2014/2270 art. 17-18: a statement ends when the plan replacing it is issued; then
    # CFA s44: an issued plan opens its first annual review; an amended plan closes its review.
    on_plan_issued(statement_on_plan_issued)
    on_plan_issued(review_on_plan_issued)
    # Reminders before each statutory date (a sweep) and the dates in calendar feeds.
    register_sweep("review_reminders", review_reminders)
    register_event_source(review_events)


def _menu() -> None:
    from opensend.core.navigation import FAMILY, ITEMS, NavItem, register
    from opensend.organisations.models import LA_ROLES, PROFESSIONAL_ROLES, Role

    school_managers = frozenset({Role.SENCO, Role.HEAD})
    entries = (
        NavItem("Annual reviews", "reviews_la_tray", roles=LA_ROLES, order=22),
        NavItem("Review programmes", "reviews_programmes", roles=LA_ROLES, order=23),
        NavItem("Annual reviews", "reviews_school_tray", roles=school_managers, order=27),
        NavItem("Reviews", "reviews_family_list", roles=frozenset({FAMILY}), order=22),
        NavItem("Review meetings", "reviews_invited", roles=PROFESSIONAL_ROLES, order=21),
    )
    registered = {item.url_name for item in ITEMS}
    for entry in entries:
        if entry.url_name not in registered:
            register(entry)
