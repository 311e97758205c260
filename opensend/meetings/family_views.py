"""A family's meetings with the school: answer, add views beforehand, read the notes after.

A family sees only its own places (`family_places`): at a group meeting, never the other
families' names, answers or notes. After the meeting is held they read the meeting's shared
record and their own child's notes (CoP 6.65 to 6.71: a record of the meeting is given to the
parents).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from opensend.core.forms import add_service_errors
from opensend.meetings.invitations import FAMILY_ANSWERS, add_views, can_answer, respond
from opensend.meetings.models import InviteeResponse, MeetingStatus
from opensend.meetings.selectors import family_places, get_family_place_for
from opensend.support.models import OPEN_STATUSES
from opensend.support.selectors import support_plans_visible_to


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label="Can you come to the meeting?",
        widget=forms.RadioSelect,
        choices=[
            (InviteeResponse.ACCEPTED, "Yes, I can come"),
            (InviteeResponse.ANOTHER_TIME, "I need another time"),
            (InviteeResponse.DECLINED, "No, I cannot come"),
        ],
        error_messages={"required": "Select whether you can come to the meeting"},
    )
    preferred_times = forms.CharField(
        label="Days and times that suit you (if you need another time)",
        help_text="For example, Tuesday or Thursday after 3pm",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ViewsForm(forms.Form):
    family_views = forms.CharField(
        label="Your views",
        help_text="What is going well, what worries you, and what you want to talk about",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    child_views = forms.CharField(
        label="Your child's views",
        help_text="In your child's own words if you can: what they like, what helps, what is hard",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


def _current_plans(user, child_ids) -> dict:
    """Each child's open support plan the person may see, newest first (one query)."""
    plans = {}
    for plan in (
        support_plans_visible_to(user)
        .filter(child_id__in=child_ids, status__in=OPEN_STATUSES)
        .order_by("-cycle", "-created_at")
    ):
        plans.setdefault(plan.child_id, plan)
    return plans


# The meeting's shared record, then this child's own place: never another family's place.
RECORD_FIELDS = (
    "objectives",
    "progress",
    "agreed_support",
    "parent_responsibilities",
    "pupil_responsibilities",
    "school_responsibilities",
)
PLACE_FIELDS = ("notes", "family_views", "child_views")


def _record(place) -> list[tuple[str, str]]:
    meeting = place.meeting
    rows = [
        (str(meeting._meta.get_field(name).verbose_name).capitalize(), getattr(meeting, name))
        for name in RECORD_FIELDS
    ]
    attended = {True: "Yes", False: "No", None: "Not recorded"}[place.attended]
    rows.append(("Did you come", attended))
    rows += [
        (str(place._meta.get_field(name).verbose_name).capitalize(), getattr(place, name))
        for name in PLACE_FIELDS
    ]
    return rows


@login_required
def family_meetings(request):
    places = list(
        family_places(request.user)
        .select_related("meeting", "meeting__school", "child")
        .order_by("meeting__starts_at", "child__last_name", "child__first_name")
    )
    now = timezone.now()
    upcoming = [
        place
        for place in places
        if place.meeting.status == MeetingStatus.CONFIRMED and place.meeting.starts_at >= now
    ]
    past = [place for place in reversed(places) if place not in upcoming]
    children = {place.child_id: place.child for place in places}
    plans = _current_plans(request.user, list(children))
    return render(
        request,
        "meetings/family_meetings.html",
        {
            "upcoming": upcoming,
            "past": past,
            "children": [(child, plans.get(child.pk)) for child in children.values()],
        },
    )


@login_required
def family_meeting(request, invitee_id):
    place = get_family_place_for(request.user, invitee_id)
    answer_form = AnswerForm(
        initial={
            "response": place.response if place.response in FAMILY_ANSWERS else None,
            "preferred_times": place.preferred_times,
        }
    )
    views_form = ViewsForm(
        initial={"family_views": place.family_views, "child_views": place.child_views}
    )
    open_for_answers = can_answer(place)
    if request.method == "POST" and open_for_answers:
        if request.POST.get("action") == "views":
            views_form = ViewsForm(request.POST)
            if views_form.is_valid():
                try:
                    add_views(actor=request.user, invitee=place, **views_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(views_form, error)
                else:
                    messages.success(request, "Your views are saved")
                    return redirect("family_meeting", place.pk)
        else:
            answer_form = AnswerForm(request.POST)
            if answer_form.is_valid():
                try:
                    respond(actor=request.user, invitee=place, **answer_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(answer_form, error)
                else:
                    messages.success(request, "Your answer is sent to the school")
                    return redirect("family_meeting", place.pk)
    elif request.method == "POST":
        messages.info(request, "This meeting can no longer be changed here")
        return redirect("family_meeting", place.pk)
    plan = _current_plans(request.user, [place.child_id]).get(place.child_id)
    held = place.meeting.status == MeetingStatus.HELD
    return render(
        request,
        "meetings/family_meeting.html",
        {
            "place": place,
            "meeting": place.meeting,
            "child": place.child,
            "plan": plan,
            "open_for_answers": open_for_answers,
            "held": held,
            "record": _record(place) if held else [],
            "answer_form": answer_form,
            "views_form": views_form,
        },
    )
