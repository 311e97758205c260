"""What the reports app adds to the rest of OpenSEND: its menu entries."""

from opensend.core.navigation import NavItem, register
from opensend.organisations.models import LA_ROLES

_connected = False


def connect() -> None:
    global _connected
    if _connected:
        return
    _connected = True
    register(NavItem("SEN2 return", "sen2_start", roles=LA_ROLES, order=27))
