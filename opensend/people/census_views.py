"""The census check page: counts by provision and need, and every pupil whose SEN data would
fail the school census rules, with the fix one click away for those who keep the register.

Who sees it: the school's staff who read its register (SENCO, head, teacher, TA); everyone else
gets 404. Only the SENCO and head see the links to fix a record (teachers and TAs read it).
"""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from opensend.core.charts import bar_chart
from opensend.people import selectors
from opensend.people.census import census_summary, next_spring_census_day

BAD_DATE = "Enter the census date as a real date in the format YYYY-MM-DD, for example 2027-01-21"


def _census_date(raw: str | None, today: date) -> tuple[date, str]:
    """The census date asked for with `?date=`, or the next spring census day; and any error."""
    default = next_spring_census_day(today)
    if not raw:
        return default, ""
    try:
        return date.fromisoformat(raw.strip()), ""
    except ValueError:
        return default, BAD_DATE


@login_required
def census_check(request, school_id):
    school = selectors.get_register_school_for(request.user, school_id)
    raw_date = request.GET.get("date", "")
    census_date, date_error = _census_date(raw_date, timezone.localdate())
    summary = census_summary(request.user, school, census_date)
    chart = bar_chart(
        [(count.label, count.count) for count in summary.by_primary_need],
        title="Pupils by primary need",
        label_heading="Primary need",
        value_heading="Pupils",
    )
    return render(
        request,
        "people/census_check.html",
        {
            "school": school,
            "summary": summary,
            "chart": chart,
            "census_date": census_date,
            "raw_date": raw_date if date_error else census_date.isoformat(),
            "date_error": date_error,
            "can_edit": selectors.can_edit_register(request.user, school),
        },
    )
