"""`opensend law sen2`: the SEN2 collection period and whether one request is in it."""

LAW_COMMAND = "sen2"


def test_the_period_and_modules_for_a_census_date(law):
    out = law("sen2", "--census-date", "2026-01-15")
    assert out["period_start"] == "2025-01-01"
    assert out["period_end"] == "2025-12-31"
    assert out["modules"][0] == {"number": "1", "name": "Person"}
    assert out["request"] is None


def test_whether_a_request_is_in_the_return(law):
    late = law("sen2", "--census-date", "2026-01-15", "--received", "2025-12-30")
    assert late["request"]["in_collection"] is True
    early = law("sen2", "--census-date", "2026-01-15", "--received", "2026-01-02")
    assert early["request"]["in_collection"] is False


def test_a_census_date_outside_january_names_the_option(bad):
    assert "--census-date: a SEN2 census date is in January" in bad(
        "sen2", "--census-date", "2026-05-21"
    )


def test_resolved_needs_received(bad):
    assert "--received" in bad("sen2", "--census-date", "2026-01-15", "--resolved", "2025-03-01")
