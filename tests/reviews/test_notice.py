"""The decision notice after a review (reg 20(10)): appeal rights when the council will not
amend or will cease (reg 5(3)-style elements), 15 days to comment when it amends (reg 22(2))."""

from datetime import date

import pytest

from opensend.law.assessment import REFUSAL_NOTICE_ELEMENTS, appeal_deadline
from opensend.reviews import notice
from opensend.reviews.models import Review

pytestmark = pytest.mark.django_db


def decided(review, demo, decision, reasons=""):
    review.held_on = date(2027, 5, 10)
    review.recommends = "keep"
    review.decision = decision
    review.decision_reasons = reasons
    review.decided_by = demo["north_caseworker"]
    review.amended_plan_due = date(2027, 8, 2)
    return review


@pytest.mark.parametrize("decision", ["keep", "cease"])
def test_keep_and_cease_notices_carry_every_appeal_element(demo, review, decision):
    review = decided(review, demo, decision, reasons="Her needs are met by the plan as it is.")
    html = notice.notice_html(review, sent_on=date(2027, 6, 1))
    assert notice.missing_elements(review, html) == []
    for element in REFUSAL_NOTICE_ELEMENTS:
        assert f'data-element="{element.key}"' in html
    appeal_by = appeal_deadline(letter_date=date(2027, 6, 1))  # 2 months, past the holidays
    assert f"{appeal_by:%-d %B %Y}" in html
    assert "Her needs are met by the plan as it is." in html


@pytest.mark.parametrize("element", [e.key for e in REFUSAL_NOTICE_ELEMENTS])
def test_a_missing_element_is_caught(demo, review, element):
    review = decided(review, demo, "cease", reasons="Her needs are met by SEN support.")
    html = notice.notice_html(review, sent_on=date(2027, 6, 1))
    broken = html.replace(f'data-element="{element}"', 'data-element="gone"')
    assert notice.missing_elements(review, broken)


def test_missing_reasons_are_caught(demo, review):
    review = decided(review, demo, "cease", reasons="Her needs are met by SEN support.")
    html = notice.notice_html(review, sent_on=date(2027, 6, 1))
    broken = html.replace("Her needs are met by SEN support.", "")
    assert "The reasons for the decision" in notice.missing_elements(review, broken)


def test_an_amend_notice_gives_15_days_and_no_appeal(demo, review):
    review = decided(review, demo, "amend")
    html = notice.notice_html(review, sent_on=date(2027, 6, 1))
    assert "15 days" in html
    assert "2 August 2027" in html
    assert 'data-element="right_of_appeal"' not in html
    assert notice.missing_elements(review, html) == []
    assert notice.missing_elements(review, html.replace("15 days", "a while"))


def test_the_notice_has_no_unrendered_template(demo, review):
    review = decided(review, demo, "keep")
    html = notice.notice_html(review, sent_on=date(2027, 6, 1))
    assert "{{" not in html and "{%" not in html
    assert isinstance(review, Review)
