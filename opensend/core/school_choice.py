"""Menu links to a page every school has (its register, passports, provision map).

The menu cannot name a school, so its link goes through here: straight to the school's page
for someone at one school, a choice for someone at several (a SENCO across a federation).
"""

from django.http import Http404
from django.shortcuts import redirect, render


def to_school_page(request, schools, *, url_name: str, title: str, none_message: str):
    schools = list(schools)
    if not schools:
        raise Http404(none_message)
    if len(schools) == 1:
        return redirect(url_name, schools[0].pk)
    return render(
        request,
        "choose_school.html",
        {"schools": schools, "url_name": url_name, "title": title},
    )
