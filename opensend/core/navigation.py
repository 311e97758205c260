"""The service navigation a person sees depends on what they do (DESIGN: role-aware pages).

Later apps add their own entries with `register`; each entry says which roles see it.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from opensend.organisations.selectors import active_memberships


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: everyone signed in; FAMILY: parents, carers
    order: int = 50


# A "role" for the navigation only: a parent, carer or young person (they have no memberships).
FAMILY = "family"

ITEMS: list[NavItem] = [
    NavItem("Home", "home", order=0),
    NavItem("Your organisations", "organisation_list", roles=None, order=90),
]


def register(item: NavItem) -> None:
    ITEMS.append(item)
    ITEMS.sort(key=lambda i: i.order)


def _items_for(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    memberships = list(active_memberships(user))
    roles = {m.role for m in memberships}
    if getattr(user, "family_role", ""):
        roles.add(FAMILY)
    items = []
    for item in ITEMS:
        if item.url_name == "organisation_list" and not memberships:
            continue
        if item.roles is not None and not (roles & item.roles):
            continue
        url = reverse(item.url_name)
        items.append({"label": item.label, "url": url, "active": request.path == url})
    return items


def navigation_for(request):
    # Lazy, so pages that never draw the header (feeds, downloads) run no query for it.
    return SimpleLazyObject(lambda: _items_for(request))
