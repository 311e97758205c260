"""The school's SEND dashboard and its governors' version (issue 12 item 2).

`figures` reads the exact counts, `suppression` hides small numbers for governors, `build`
turns them into the two `Report`s the views show.
"""

from opensend.reports.school_dashboard.build import (
    build_governors_dashboard,
    build_school_dashboard,
)

__all__ = ["build_governors_dashboard", "build_school_dashboard"]
