"""Access cases for reviews, phase transfers and programmes: see routes_reviews_world.py.

Rules shown here: a review is arranged by the SENCO or head of the school that holds it, or by
the council's SEND team (reg 20(1), 21); the council alone decides (reg 20(10)) and plans
programmes; the family sees its own child's reviews; an invited professional sees only the
invitation addressed to them. Everyone else gets 404, including Oakfield's staff for Jordan's
review at Hillside and Southmoor's team for Northshire's.

The POSTs change nothing: Jordan's review waits for the council's decision, so arranging,
recording and sending are refused with a message; an empty decision, views, next-phase or
programme form shows its errors; the programme is already accepted; Leo's statement has
already been transferred; Jordan (17) is past the age for an interim review.
"""

from tests.access.cases import EVERYONE, NORTH_LA, Case
from tests.access.routes_ehc_family import FAMILIES
from tests.access.routes_ehc_la import ANY_LA
from tests.access.routes_ehc_school import HILL, OAK, SCHOOL_MANAGERS

HILL_OR_COUNCIL = HILL | NORTH_LA
OAK_OR_COUNCIL = OAK | NORTH_LA


def _review(key):
    return lambda world: {"review_id": world[key].pk}


def _both(name, allow, **kwargs) -> list[Case]:
    return [Case(name, allow, **kwargs), Case(name, allow, method="post", **kwargs)]


def _participant(review_key, participant_key):
    return lambda world: {
        "review_id": world[review_key].pk,
        "participant_id": world[participant_key].pk,
    }


REPORTED = "the report is with the council: refused with a message"

REVIEW_CASES: list[Case] = [
    # The school (or the council) arranging and recording.
    Case("reviews_school_tray", SCHOOL_MANAGERS, note="each school sees its own reviews"),
    Case("reviews_review", HILL_OR_COUNCIL, kwargs=_review("jordan_review")),
    Case(
        "reviews_review",
        OAK_OR_COUNCIL,
        kwargs=_review("ava_transfer_review"),
        note="a statement's transfer review, at Oakfield",
    ),
    *_both("reviews_arrange", HILL_OR_COUNCIL, kwargs=_review("jordan_review"), note=REPORTED),
    *_both(
        "reviews_advice_record",
        HILL_OR_COUNCIL,
        kwargs=_participant("jordan_review", "jordan_family_participant"),
        note=REPORTED,
    ),
    Case(
        "reviews_circulate",
        HILL_OR_COUNCIL,
        method="post",
        kwargs=_review("jordan_review"),
        note=REPORTED,
    ),
    *_both("reviews_record", HILL_OR_COUNCIL, kwargs=_review("jordan_review"), note=REPORTED),
    Case(
        "reviews_report_send",
        HILL_OR_COUNCIL,
        method="post",
        kwargs=_review("jordan_review"),
        note="already sent: refused with a message",
    ),
    # Invited professionals.
    Case("reviews_invited", EVERYONE, note="lists only the person's own invitations"),
    *_both(
        "reviews_invited_advice",
        frozenset({"north_health"}),
        kwargs=lambda world: {"participant_id": world["jordan_health_participant"].pk},
        note="only the person invited; the meeting is over, so the form is closed",
    ),
    # The family.
    Case("reviews_family_list", FAMILIES, note="each family sees only its own"),
    Case(
        "reviews_family_review", frozenset({"north_young_person"}), kwargs=_review("jordan_review")
    ),
    Case(
        "reviews_family_review", frozenset({"north_parent"}), kwargs=_review("ava_transfer_review")
    ),
    *_both(
        "reviews_family_views",
        frozenset({"north_young_person"}),
        kwargs=_review("jordan_review"),
        note="the meeting is over: the page says so",
    ),
    # The council.
    Case("reviews_la_tray", ANY_LA, note="each council sees its own reviews"),
    Case("reviews_la_review", NORTH_LA, kwargs=_review("jordan_review")),
    Case("reviews_la_review", NORTH_LA, kwargs=_review("ava_transfer_review")),
    *_both("reviews_la_decide", NORTH_LA, kwargs=_review("jordan_review"), note="empty: errors"),
    Case(
        "reviews_la_interim_add",
        NORTH_LA,
        method="post",
        kwargs=lambda world: {"plan_id": world["jordan_final_plan"].plan_id},
        note="Jordan is 17: refused with a message (CoP 9.178 is for under-fives)",
    ),
    Case("reviews_la_phase_transfers", ANY_LA),
    *_both(
        "reviews_next_phase",
        HILL_OR_COUNCIL,
        kwargs=lambda world: {"child_id": world["jordan"].pk},
        note="empty: errors",
    ),
    # Programmes and statements.
    Case("reviews_programmes", ANY_LA),
    *_both("reviews_programme_new", ANY_LA, note="empty: errors"),
    Case(
        "reviews_programme",
        NORTH_LA,
        kwargs=lambda world: {"programme_id": world["statement_programme"].pk},
    ),
    *[
        Case(
            name,
            NORTH_LA,
            method="post",
            kwargs=lambda world: {"programme_id": world["statement_programme"].pk},
            note="already accepted: refused with a message",
        )
        for name in ("reviews_programme_revise", "reviews_programme_accept")
    ],
    Case("reviews_school_programme", SCHOOL_MANAGERS),
    Case("reviews_la_statements", ANY_LA),
    Case(
        "reviews_statement_transfer_start",
        NORTH_LA,
        method="post",
        kwargs=lambda world: {"statement_id": world["leo_statement"].pk},
        note="already transferred: refused with a message",
    ),
]
