"""Children, enrolments and the SEN register through /api/v1/, scoped like the pages."""

from ninja import Router

router = Router(tags=["children"])
