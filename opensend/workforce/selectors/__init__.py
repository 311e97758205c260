"""Every read of workforce records goes through here, scoped to the person (DESIGN)."""

from opensend.workforce.selectors._access import (  # noqa: F401
    can_manage,
    get_school_for_workforce,
    la_schools_for,
    manager_school_ids,
    reader_school_ids,
)
