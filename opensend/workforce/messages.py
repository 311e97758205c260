"""The workforce app's emails: the Code of Practice briefing reminder (issue 10 item 3).

The subject is fixed and never names anyone (DESIGN "Look and feel"; core.notifications); the
body greets the teacher, says what to do and names the next planned briefing. Messages go on
commit, so nothing is sent for a reminder that was not recorded.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from opensend.core.notifications import MessageKind, notify, register_message_kind

BRIEFING_REMINDER = "workforce_briefing_reminder"

register_message_kind(
    BRIEFING_REMINDER,
    MessageKind(
        subject="Reminder: the SEND Code of Practice briefing",
        body_template="workforce/training/briefing_reminder.txt",
    ),
)


def site_link(path: str) -> str:
    return settings.SITE_URL + path


def _when(briefing) -> str:
    """'Wednesday 25 November 2026, 13:30 to 15:30' in UK time."""
    start, end = timezone.localtime(briefing.starts_at), timezone.localtime(briefing.ends_at)
    return f"{start:%A %-d %B %Y}, {start:%H:%M} to {end:%H:%M}"


def briefing_reminder(*, member, school, briefing, link: str, actor) -> None:
    """Seed: "all teachers are informed about how the Code has changed"."""
    if briefing is not None:
        next_step = (
            f"The next briefing at {school.name} is on {_when(briefing)}: {briefing.title}. "
            "Please go to it, or ask your SENCO for another time."
        )
    else:
        next_step = (
            f"{school.name} has not planned the next briefing yet. Your SENCO will tell you "
            "when it is."
        )
    personalisation = {
        "name": member.full_name.split(" ")[0],
        "school": school.name,
        "next_step": next_step,
        "link": link,
    }
    transaction.on_commit(
        lambda: notify(
            to=member.email,
            kind=BRIEFING_REMINDER,
            personalisation=personalisation,
            actor=actor,
        )
    )
