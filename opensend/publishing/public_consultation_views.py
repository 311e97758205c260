"""The public side of consultations on the Local Offer: comment while one is open, and read
the authority's "You said, we did" (SEND Regs 2014 reg 56). No sign-in; nothing shown names
anyone who commented."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from opensend.core.forms import add_service_errors
from opensend.publishing.consultation_forms import RespondForm
from opensend.publishing.selectors import consultations as read
from opensend.publishing.selectors.public import get_public_local_offer
from opensend.publishing.services import consultations as write
from opensend.publishing.services._base import today

# Anonymous comments per address per hour: plenty for a family, a nuisance for a script.
ANONYMOUS_LIMIT = 10
LIMIT_SECONDS = 60 * 60
TOO_MANY = "You have sent a lot of comments in a short time. Wait an hour and try again, or sign in"


def you_said(request, slug):
    offer = get_public_local_offer(slug)
    context = {"offer": offer, "responses": list(read.published_responses(offer))}
    return render(request, "publishing/public_you_said.html", context)


def _limit_key(request) -> str:
    return f"publishing:comments:{request.META.get('REMOTE_ADDR', '')}"


def _over_limit(request) -> bool:
    if request.user.is_authenticated:
        return False
    return cache.get(_limit_key(request), 0) >= ANONYMOUS_LIMIT


def _count(request) -> None:
    if request.user.is_authenticated:
        return
    key = _limit_key(request)
    if not cache.add(key, 1, LIMIT_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, LIMIT_SECONDS)


def respond(request, slug, consultation_id):
    offer = get_public_local_offer(slug)
    consultation = read.get_public_consultation(offer, consultation_id)
    day = today()
    context = {"offer": offer, "consultation": consultation}
    if not read.is_open(consultation, day):
        context["not_yet"] = day < consultation.opens_on
        return render(request, "publishing/public_respond_closed.html", context)
    form = RespondForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if _over_limit(request):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            try:
                write.comment_submit(
                    consultation=consultation, submitted_by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                _count(request)
                return redirect("local_offer_respond_thanks", offer.slug, consultation.pk)
    context["form"] = form
    return render(request, "publishing/public_respond.html", context, status=status)


def thanks(request, slug, consultation_id):
    offer = get_public_local_offer(slug)
    consultation = read.get_public_consultation(offer, consultation_id)
    context = {"offer": offer, "consultation": consultation}
    return render(request, "publishing/public_respond_thanks.html", context)
