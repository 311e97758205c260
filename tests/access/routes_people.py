"""Access cases for the children, families and register pages (see routes.py for the format)."""

PEOPLE_CASES: list = []
