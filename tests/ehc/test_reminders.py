"""Reminders before EHC statutory dates: once each, a week ahead, never naming a child.

Time is frozen on Monday 2 March 2026 (tests/ehc/conftest.py): Mia's case is received and the
EP's advice asked for that day, so the advice and the council's decision are both due on
Monday 13 April (6 weeks: regs 5(1), 8(1)).
"""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.ehc import messages
from opensend.ehc.models import AdviceKind, AdviceRequest, EhcCase
from opensend.ehc.reminders import ehc_reminders
from opensend.ehc.services import (
    advice_request_add,
    advice_requests_send,
    advice_submit,
    case_assign,
)
from opensend.people.models import ParentLink

ADVICE_SUBJECT = "Reminder: advice for an EHC needs assessment is due soon"
CASE_SUBJECT = "A statutory date for an EHC case is coming up"


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """Run the sweep as cron would; returns (records reminded, messages sent)."""

    def run():
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            count = ehc_reminders()
        return count, list(mail.outbox)

    return run


def _by_subject(sent):
    found: dict[str, set] = {}
    for message in sent:
        found.setdefault(message.subject, set()).update(message.to)
    return found


def test_nothing_is_due_within_a_week_so_nothing_is_sent(ep_advice, sweep):
    assert sweep() == (0, [])


def test_a_week_before_the_ep_and_the_la_team_are_reminded_once(demo, ep_advice, frozen, sweep):
    frozen.move_to("2026-04-06 07:00")

    count, sent = sweep()

    assert count == 2  # the EP's advice and the case's next date (advice due 13 April)
    assert _by_subject(sent) == {
        ADVICE_SUBJECT: {"north.ep@opensend.example"},
        # Nobody owns the case yet: the whole SEND team hears of it.
        CASE_SUBJECT: {"north.caseworker@opensend.example", "north.manager@opensend.example"},
    }
    advice_message = next(m for m in sent if m.subject == ADVICE_SUBJECT)
    assert "is due on 13 April 2026" in advice_message.body
    assert f"/ehc/advice/{ep_advice.pk}/" in advice_message.body
    case_message = next(m for m in sent if m.subject == CASE_SUBJECT)
    assert "Advice due by 13 April 2026." in case_message.body
    ep_advice.refresh_from_db()
    assert ep_advice.reminded_at is not None
    assert EhcCase.objects.get().reminded_for == date(2026, 4, 13)

    # The second run, the same day or later, sends nothing again.
    assert sweep() == (0, [])
    frozen.move_to("2026-04-20 07:00")
    assert sweep() == (0, [])


def test_no_reminder_names_the_child(demo, ep_advice, frozen, sweep):
    frozen.move_to("2026-04-20 07:00")  # overdue by a week
    _, sent = sweep()
    assert sent
    for message in sent:
        assert message.subject in (ADVICE_SUBJECT, CASE_SUBJECT)
        for text in (message.subject, message.body):
            assert "Mia" not in text and "Hughes" not in text
    assert any("was due on 13 April 2026" in message.body for message in sent)


def test_the_owner_of_the_case_is_reminded_and_each_new_date_gets_its_own(
    demo, assessing_case, ep_advice, frozen, sweep
):
    case_assign(
        actor=demo["north_manager"], case=assessing_case, caseworker=demo["north_caseworker"]
    )
    frozen.move_to("2026-04-07 07:00")
    _, sent = sweep()
    assert _by_subject(sent)[CASE_SUBJECT] == {"north.caseworker@opensend.example"}

    # The advice comes in; the case's next date is the decision whether to issue (reg 10(1)).
    advice_submit(actor=demo["north_ep"], advice=ep_advice, needs="Anxiety in busy rooms.")
    assert EhcCase.objects.get().next_due == date(2026, 6, 22)
    assert sweep() == (0, [])  # eleven weeks away
    frozen.move_to("2026-06-16 07:00")
    count, sent = sweep()
    assert count == 1
    [message] = sent
    assert "Decide whether to issue a plan by 22 June 2026." in message.body
    assert sweep() == (0, [])


def test_the_family_and_the_school_are_reminded_of_the_advice_asked_of_them(
    demo, assessing_case, frozen, sweep
):
    ParentLink.objects.create(
        child=demo["mia"],
        user=demo["north_parent"],
        full_name="Lucy Martin",
        email="north.parent@opensend.example",
        relationship="mother",
    )
    caseworker = demo["north_caseworker"]
    family = advice_request_add(actor=caseworker, case=assessing_case, kind=AdviceKind.FAMILY)
    school = advice_request_add(
        actor=caseworker,
        case=assessing_case,
        kind=AdviceKind.EDUCATIONAL,
        recipient_organisation=demo["north_hill"],
    )
    advice_requests_send(actor=caseworker, advice_requests=[family, school])
    frozen.move_to("2026-04-08 07:00")

    _, sent = sweep()

    reminded = _by_subject(sent)[ADVICE_SUBJECT]
    assert "north.parent@opensend.example" in reminded
    assert "hill.senco@opensend.example" in reminded
    assert not AdviceRequest.objects.filter(reminded_at=None).exists()


def test_advice_already_given_is_not_chased(demo, ep_advice, frozen, sweep):
    advice_submit(actor=demo["north_ep"], advice=ep_advice, needs="Anxiety in busy rooms.")
    frozen.move_to("2026-04-10 07:00")
    _, sent = sweep()
    assert ADVICE_SUBJECT not in _by_subject(sent)


def test_each_reminder_is_audited_without_details(demo, ep_advice, frozen, sweep):
    frozen.move_to("2026-04-06 07:00")
    sweep()
    events = AuditEvent.objects.filter(kind=AuditEventKind.SENT, actor=None).exclude(
        record_type="message"
    )
    notes = sorted(event.note for event in events)
    assert notes == [
        f"{messages.ADVICE_REMINDER} recipients=1",
        f"{messages.CASE_REMINDER} due=2026-04-13 recipients=2",
    ]
    assert {event.subject_id for event in events} == {demo["mia"].pk}


def test_a_closed_case_is_not_chased(demo, requested_case, frozen, sweep):
    from opensend.ehc.services import case_withdraw

    case_withdraw(actor=demo["north_caseworker"], case=requested_case, reason="Family withdrew")
    frozen.move_to("2026-04-10 07:00")
    assert sweep() == (0, [])


def test_the_reminders_run_as_a_sweep(demo, ep_advice, frozen, capsys):
    frozen.move_to("2026-04-06 07:00")
    call_command("sweep")
    assert "ehc_reminders" in capsys.readouterr().out
    assert AdviceRequest.objects.get(pk=ep_advice.pk).reminded_at is not None
