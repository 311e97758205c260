"""`opensend law senco-qualification`: reg 49 from the shell, with real dates."""

LAW_COMMAND = "senco_qualification"


def test_npq_started_in_time_is_due_on_the_third_anniversary(law):
    out = law(
        "senco-qualification",
        "--appointed-on",
        "2024-09-01",
        "--course",
        "npq",
        "--course-started-on",
        "2025-10-01",
        "--today",
        "2026-11-28",
    )
    assert out["status"] == "in_progress"
    assert out["due_on"] == "2027-09-01"
    assert out["warn_from"] == "2027-03-01"


def test_a_nasenco_in_progress_must_finish_by_31_august_2027(law):
    out = law(
        "senco-qualification",
        "--appointed-on",
        "2024-09-01",
        "--course",
        "nasenco",
        "--course-started-on",
        "2024-01-10",
        "--today",
        "2027-06-01",
    )
    assert (out["status"], out["due_on"]) == ("due_soon", "2027-08-31")


def test_a_head_who_is_not_a_qualified_teacher_may_be_senco(law):
    out = law(
        "senco-qualification",
        "--appointed-on",
        "2025-01-06",
        "--not-qualified-teacher",
        "--head",
        "--today",
        "2026-11-28",
    )
    assert out["problems"] == []
    no_head = law(
        "senco-qualification",
        "--appointed-on",
        "2025-01-06",
        "--not-qualified-teacher",
        "--today",
        "2026-11-28",
    )
    assert [p["code"] for p in no_head["problems"]] == ["not_a_qualified_teacher"]


def test_bad_input_names_the_option(bad):
    assert "--previous-senco-months" in bad(
        "senco-qualification", "--appointed-on", "2024-09-01", "--previous-senco-months", "-1"
    )
    assert "--course-started-on" in bad(
        "senco-qualification", "--appointed-on", "2024-09-01", "--course", "nasenco"
    )
    assert "--appointed-on" in bad("senco-qualification", "--appointed-on", "2024-02-30")
