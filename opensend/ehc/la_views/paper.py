"""A request for an assessment that reached the council on paper, by email or by phone.

CFA 2014 s36(1): the clock starts on the day the council received it, not the day it is typed
in, so the form asks for that date; the service writes it to the audit log with who entered
it. The child is found by UPN, or by name and date of birth in the council's area, or added:
a family may ask before any school has told the council about the child.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.dateformat import format as date_format

from opensend.core.forms import add_service_errors
from opensend.ehc import selectors, services
from opensend.ehc.la_forms import PaperRequestForm
from opensend.ehc.la_views._common import authorities_of, require_la_staff


@login_required
def paper_request(request):
    user = request.user
    require_la_staff(user)
    form_kwargs = {"authorities": authorities_of(user), "schools": selectors.schools_in_area(user)}
    if request.method == "POST":
        form = PaperRequestForm(request.POST, **form_kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                # The child and the request together: a refused request adds no child.
                with transaction.atomic():
                    child = services.child_for_paper_request(
                        actor=user,
                        local_authority=form.chosen_authority(),
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        date_of_birth=data["date_of_birth"],
                        upn=data["upn"],
                    )
                    made = services.paper_request_record(
                        actor=user,
                        child=child,
                        requester_kind=data["requester_kind"],
                        requester_name=data["requester_name"],
                        received=data["received"],
                        views=services.Views(
                            **{name: data[name] for name in PaperRequestForm.VIEW_FIELDS}
                        ),
                        school=form.chosen_school(),
                        what_is_new=data["what_is_new"],
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                case = made.case
                if case.received == made.received and case.requests.count() == 1:
                    messages.success(
                        request,
                        f"Request recorded. The clock started on "
                        f"{date_format(made.received, 'j F Y')}: the decision whether to assess "
                        f"is due by {date_format(case.decision_to_assess_due, 'j F Y')}",
                    )
                else:
                    messages.success(
                        request,
                        "Request recorded and added to the child's open case. The case's dates "
                        "do not change",
                    )
                return redirect("ehc_case", case.pk)
    else:
        form = PaperRequestForm(**form_kwargs)
    return render(request, "ehc/la_paper_request.html", {"form": form})
