"""What the directory's keepers see: stale flags on real dates, the provider's statuses, the
authority's dashboard numbers and the difference a change would make."""

from datetime import date

import pytest

from opensend.publishing.models import (
    ChangeStatus,
    Consultation,
    InformationReport,
    ServiceCategory,
    ServiceChange,
)
from opensend.publishing.selectors.directory import (
    NEEDS_CHECKING,
    PUBLISHED,
    SENT_BACK,
    WAITING,
    change_differences,
    dashboard,
    is_stale,
    la_services,
    provider_entry_rows,
    provider_home_data,
    stale_cutoff,
)
from tests.access.routes_publishing_directory import make_service, publishing_directory_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(demo):
    return {**demo, **publishing_directory_world(demo)}


@pytest.mark.parametrize(
    ("confirmed", "today", "stale"),
    [
        (date(2025, 11, 27), date(2026, 11, 27), True),
        (date(2025, 11, 28), date(2026, 11, 27), False),
        (date(2024, 2, 29), date(2025, 2, 28), True),
        (date(2024, 2, 29), date(2025, 2, 27), False),
        (date(2025, 8, 31), date(2026, 8, 31), True),
    ],
)
def test_an_entry_is_stale_12_months_after_its_last_confirmation(world, confirmed, today, stale):
    entry = world["north_entry"]
    entry.confirmed_on = confirmed
    assert is_stale(entry, today) is stale
    # The database filter agrees with the rule, month ends included.
    assert (confirmed <= stale_cutoff(today)) is stale


def test_the_providers_rows_say_where_each_entry_stands(world):
    offer, provider = world["north_offer"], world["north_provider_org"]
    today = date(2026, 11, 27)
    stale = make_service(offer, provider, name="A stale one", confirmed_on=date(2025, 11, 27))
    fresh = make_service(offer, provider, name="B fresh one", confirmed_on=date(2025, 11, 28))
    back = make_service(offer, provider, name="C sent back", is_published=False, confirmed_on=today)
    ServiceChange.objects.create(
        service=back, base_version=1, status=ChangeStatus.REJECTED, decision_note="Add times"
    )
    statuses = {row.service.name: row.status for row in provider_entry_rows(provider, today)}
    assert statuses == {
        "A stale one": NEEDS_CHECKING,
        "B fresh one": PUBLISHED,
        "C sent back": SENT_BACK,
        "Sensory play sessions": WAITING,  # the world's entry has a change waiting
    }
    home = provider_home_data(world["north_provider"], today)
    assert home["needs_checking"] == 1 and home["providers"][0]["entries"] == 4
    assert provider_home_data(world["oak_senco"], today) == {"providers": [], "needs_checking": 0}
    assert stale.pk and fresh.pk


def test_the_dashboard_counts(world):
    offer = world["north_offer"]
    today = date(2026, 11, 27)
    school_report = InformationReport.objects.create(school=world["north_oak"])
    make_service(
        offer,
        world["north_oak"],
        name="Oakfield",
        information_report=school_report,
        category=ServiceCategory.EDUCATION,
        confirmed_on=date(2020, 1, 1),
    )
    Consultation.objects.create(
        local_offer=offer,
        title="2025",
        description="d",
        opens_on=date(2025, 9, 1),
        closes_on=date(2025, 10, 1),
        response_published_on=date(2025, 11, 1),
    )
    numbers = dashboard(offer, today)
    assert numbers.published == 3
    assert dict(numbers.by_category)["Leisure and activities"] == 1
    assert numbers.pending == 1
    assert numbers.school_entries == 1
    # The world's entry was confirmed 400 days before the real today; a school's entry is
    # the report's business, never counted here.
    assert numbers.stale == (1 if world["north_entry"].confirmed_on <= date(2025, 11, 27) else 0)
    assert numbers.last_response == date(2025, 11, 1)
    assert numbers.response_due == date(2026, 11, 1) and numbers.response_overdue


def test_the_la_list_filters(world):
    offer = world["north_offer"]
    from django.utils import timezone

    today = timezone.localdate()
    names = lambda **kw: [s.name for s in la_services(offer, today, **kw)]  # noqa: E731
    assert names(category="advice") == ["Northshire SENDIASS"]
    assert names(stale_only=True) == ["Sensory play sessions"]
    assert names(provider=str(world["north_la"].pk)) == ["Northshire SENDIASS"]
    assert names(provider="not-a-uuid") == []


def test_the_difference_is_labelled_field_by_field(world):
    change = world["north_change"]
    rows = change_differences(change)
    assert [(row.label, row.old, row.new) for row in rows] == [
        ("Summary", "Messy play and sensory rooms for under-8s.", "Now on Sundays too.")
    ]
