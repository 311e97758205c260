"""What the reports app adds to the rest of OpenSEND: its menu entry.

One "Reports" entry leads to every report the person may open (the council's dashboard, SEN2
return and timeliness; a school's dashboard, governors' report and census export), rather than
one menu entry each: the staff menu is long enough.
"""

from opensend.core.navigation import NavItem, register
from opensend.organisations.models import LA_ROLES, Role

REPORT_READERS = LA_ROLES | frozenset({Role.SENCO, Role.HEAD, Role.GOVERNOR})

_connected = False


def connect() -> None:
    global _connected
    if _connected:
        return
    _connected = True
    register(NavItem("Reports", "reports_start", roles=REPORT_READERS, order=27))
