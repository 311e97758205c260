"""Pieces the local authority's pages share: who may open them, the RAG tags, reach helpers."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from opensend.ehc import services
from opensend.law.assessment import AMBER_DAYS, Rag, rag
from opensend.organisations.models import LA_ROLES
from opensend.organisations.selectors import active_memberships
from opensend.people.selectors import la_ids

# Words as well as colour (WCAG 1.4.1): the tag says what the colour means.
RAG_TAGS = {
    Rag.RED: ("Overdue", "govuk-tag--red"),
    Rag.AMBER: (f"Due within {AMBER_DAYS} days", "govuk-tag--orange"),
    Rag.GREEN: ("On time", "govuk-tag--green"),
}


def rag_tag(due: date | None, today: date) -> dict | None:
    """{"key", "label", "css"} for a date still to be met, or None if there is no date."""
    return tag_for(rag(due=due, today=today)) if due is not None else None


def tag_for(status: Rag | None) -> dict | None:
    """{"key", "label", "css"}: the tag in words as well as colour (WCAG 1.4.1)."""
    if status is None:
        return None
    label, css = RAG_TAGS[status]
    return {"key": status.value, "label": label, "css": css}


def require_la_staff(user) -> None:
    """Pages for a council's SEND team as a whole (the work tray, a paper request): 404 for
    anyone who is not in one, as for a page that is not theirs."""
    if not (user.is_superuser or la_ids(user)):
        raise Http404("Not found.")


def authorities_of(user) -> list:
    """The councils whose SEND team the person is in, by name."""
    seen = {
        m.organisation_id: m.organisation for m in active_memberships(user) if m.role in LA_ROLES
    }
    return sorted(seen.values(), key=lambda la: la.name)


def current_schools(child) -> list:
    """The schools the child is on roll at now (prefetched by the work tray, else looked up)."""
    enrolments = getattr(child, "open_enrolments", None)
    if enrolments is None:
        enrolments = child.enrolments.filter(end__isnull=True).select_related("school")
    return [enrolment.school for enrolment in enrolments]


def current_enrolment(child):
    return child.enrolments.filter(end__isnull=True).select_related("school").first()


def advice_recipient(advice) -> str:
    """Who an advice request is addressed to, in words."""
    if advice.kind == "family":
        return "The family"
    if advice.recipient_name:
        return advice.recipient_name
    if advice.recipient_organisation_id:
        return advice.recipient_organisation.name
    return "Not chosen yet"


def send_drafts(request, drafts, *, none_message: str) -> None:
    """Send the given draft advice requests and tell the caseworker how many went."""
    if not drafts:
        messages.info(request, none_message)
        return
    try:
        sent = services.advice_requests_send(actor=request.user, advice_requests=drafts)
    except (ValidationError, PermissionDenied) as error:
        problem = " ".join(getattr(error, "messages", [str(error)]))
        messages.info(request, f"No advice requests were sent. {problem}")
        return
    noun = "advice request" if sent == 1 else "advice requests"
    messages.success(request, f"{sent} {noun} sent. Each is due back in 6 weeks")
