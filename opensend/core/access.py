"""Permission-checked getters that record who looked at a named child's record.

DESIGN "Who sees what": reading a named child's record writes an access event. A getter in a
domain app's selectors narrows the queryset to what the user may see, then calls
`get_audited` so the view or download lands in the audit log with the child's id.
"""

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record


def get_audited(
    queryset: QuerySet,
    pk,
    *,
    user,
    subject_id=None,
    kind: AuditEventKind = AuditEventKind.VIEWED,
) -> Model:
    """The record with `pk` from an already-scoped queryset, or 404; the access is audited."""
    try:
        record = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404("Not found.") from error
    audit_record(
        actor=user,
        kind=kind,
        record=record,
        subject_id=subject_id(record) if callable(subject_id) else subject_id,
    )
    return record
