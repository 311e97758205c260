import pytest

from opensend.law.plan_quality import provision_findings, vague_wording


def fields(findings):
    return [finding.field for finding in findings]


@pytest.mark.parametrize(
    "text",
    [
        "Access to a speech and language therapist",
        "Regular small-group work",
        "Opportunities for social interaction",
        "Movement breaks as appropriate",
        "Adult support as needed",
        "Up to 10 hours of TA time",
        "Support as needed in lessons",
    ],
)
def test_ipseas_vague_phrases_are_found(text):
    assert vague_wording(text), text


def test_specific_provision_has_no_findings():
    assert (
        provision_findings(
            what="Speech and language therapy targeting expressive language",
            who="A speech and language therapist (HCPC registered)",
            how_often="2 × 30 minutes a week, one to one",
            how_long="Until the next annual review",
            outcome_count=1,
        )
        == []
    )


def test_a_line_missing_who_how_often_and_how_long_says_so():
    findings = provision_findings(
        what="Phonics programme", who="", how_often="", how_long="", outcome_count=1
    )
    assert fields(findings) == ["who", "how_often", "how_long"]


def test_a_frequency_without_a_number_or_frequency_word_is_flagged():
    findings = provision_findings(
        what="Phonics",
        who="Teaching assistant",
        how_often="often",
        how_long="1 term",
        outcome_count=1,
    )
    assert fields(findings) == ["how_often"]
    assert (
        provision_findings(
            what="Phonics",
            who="Teaching assistant",
            how_often="daily",
            how_long="1 term",
            outcome_count=1,
        )
        == []
    )


def test_provision_linked_to_no_outcome_is_flagged():
    findings = provision_findings(
        what="Phonics",
        who="Teaching assistant",
        how_often="daily",
        how_long="1 term",
        outcome_count=0,
    )
    assert fields(findings) == ["outcomes"]


def test_vague_words_in_who_and_how_often_are_flagged_too():
    findings = provision_findings(
        what="Literacy support",
        who="Staff as appropriate",
        how_often="Regularly, up to 3 times a week",
        how_long="1 year",
        outcome_count=1,
    )
    assert ("who", "“as appropriate” leaves it to someone's judgement") in [
        (f.field, f.problem) for f in findings
    ]
    assert fields(findings).count("how_often") == 2  # "regular" and "up to"


def test_monitoring_with_a_frequency_is_not_flagged():
    assert not vague_wording("Progress monitored termly by the SENCO")
    assert vague_wording("Progress will be monitored")
