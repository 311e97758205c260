from datetime import date

import time_machine
from django.core import mail
from django.core.management import call_command

from opensend.support.reminders import review_reminders
from opensend.support.services import outcome_add, support_plan_activate, support_plan_start


def _active_plan(demo, *, today, review_due):
    plan = support_plan_start(
        actor=demo["oak_senco"],
        child=demo["leo"],
        school=demo["north_oak"],
        review_due=review_due,
        today=today,
    )
    outcome_add(actor=demo["oak_senco"], plan=plan, description="Reads a short text aloud")
    return support_plan_activate(actor=demo["oak_senco"], plan=plan)


def test_the_senco_is_told_once_a_week_about_reviews_due_and_no_child_is_named(demo):
    with time_machine.travel("2026-01-12 08:00 +00:00", tick=False):
        _active_plan(demo, today=date(2026, 1, 12), review_due=date(2026, 1, 20))
        mail.outbox.clear()
        assert review_reminders(date(2026, 1, 12)) == 1
        assert review_reminders(date(2026, 1, 14)) == 0  # same week: nothing more
    [message] = mail.outbox
    assert message.to == ["oak.senco@opensend.example"]
    assert message.subject == "Support plan reviews are due"
    assert "1 SEN support plan at Oakfield Primary School is due" in message.body
    assert "Leo" not in message.body and "Patel" not in message.body
    # The next week, still due (now overdue): one more reminder.
    assert review_reminders(date(2026, 1, 21)) == 1
    assert "(1 overdue)" in mail.outbox[-1].body


def test_nothing_is_sent_when_no_review_is_due_within_two_weeks(demo):
    with time_machine.travel("2026-01-12 08:00 +00:00", tick=False):
        _active_plan(demo, today=date(2026, 1, 12), review_due=date(2026, 3, 20))
        mail.outbox.clear()
        assert review_reminders(date(2026, 1, 12)) == 0
    assert mail.outbox == []


def test_the_reminder_runs_as_a_sweep(demo, capsys):
    with time_machine.travel("2026-01-12 08:00 +00:00", tick=False):
        _active_plan(demo, today=date(2026, 1, 12), review_due=date(2026, 1, 20))
        call_command("sweep")
    assert "support_review_reminders" in capsys.readouterr().out
