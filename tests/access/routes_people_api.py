"""Access cases for the children and register API operations (see routes.py for the format)."""

PEOPLE_API_CASES: list = []
