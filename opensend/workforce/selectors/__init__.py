"""Every read of workforce records goes through here, scoped to the person (DESIGN).

One module per area: `_access` (who may see a school's records), `staff`, `senco`,
`keyworkers`, `training`, `policies` and `workload` (the numbers per school and per council).
"""

from opensend.workforce.selectors._access import (  # noqa: F401
    can_manage,
    get_school_for_workforce,
    la_schools_for,
    manager_school_ids,
    reader_school_ids,
)
