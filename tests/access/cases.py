"""The access matrix's vocabulary: outcomes, persona groups and the `Case` record.

Kept apart from routes.py so the per-app case files (routes_people.py, routes_people_api.py, …)
can import it while routes.py imports them, with no import cycle.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.personas import PERSONA_KEYS

OK = "ok"  # 2xx, or a redirect that is not to the sign-in page
LOGIN = "login"  # redirected to sign in
DENIED = "denied"  # 403 or 404
UNAUTHENTICATED = "unauthenticated"  # 401 (API and JSON endpoints)

EVERYONE = frozenset(PERSONA_KEYS)
OAK_STAFF = frozenset({"oak_senco", "oak_teacher", "oak_ta", "oak_head"})
OAK_ALL = OAK_STAFF | {"oak_governor"}
NORTH_LA = frozenset({"north_caseworker", "north_manager"})
WITH_MEMBERSHIP = frozenset(
    key for key in PERSONA_KEYS if "parent" not in key and "young_person" not in key
)


@dataclass(frozen=True)
class Case:
    name: str
    allow: frozenset[str]
    kwargs: Callable[[dict], dict] = field(default=lambda world: {})
    method: str = "get"
    data: Callable[[dict], dict] = field(default=lambda world: {})
    anonymous: str = LOGIN
    note: str = ""

    def expected(self, persona: str) -> str:
        if persona == "anonymous":
            return self.anonymous
        return OK if persona in self.allow else DENIED
