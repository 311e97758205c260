"""`opensend law sen-information-report`: Schedule 1 at the shell, with real dates."""

import json

LAW_COMMAND = "sen_information_report"

ALL_ITEMS = 22  # Sch 1 items 1, 2, 3(a)-(g), 4-13, and s69(3)(a)-(c)


def test_lists_every_schedule_1_item_for_a_mainstream_school(law):
    result = law("sen-information-report")
    assert len(result["items"]) == ALL_ITEMS
    assert result["items"][0]["number"] == "1"
    assert {"senco", "identification"} <= {item["key"] for item in result["items"]}


def test_a_special_school_need_not_answer_items_2_and_4(law):
    keys = {item["key"] for item in law("sen-information-report", "--special")["items"]}
    assert len(keys) == ALL_ITEMS - 2
    assert not keys & {"senco", "identification"}


def test_names_the_items_a_draft_still_lacks(law, tmp_path):
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps({"kinds_of_sen": "All four broad areas.", "senco": "  "}))
    result = law("sen-information-report", "--answers", str(draft))
    assert result["complete"] is False
    missing = [item["number"] for item in result["missing"]]
    assert "1" not in missing
    assert "4" in missing  # spaces only count as blank
    assert len(missing) == ALL_ITEMS - 1


def test_published_each_september_is_due_again_a_year_later(law):
    result = law("sen-information-report", "--published-on", "2026-09-14")
    assert result["next_publication_due"] == "2027-09-14"
    assert result["reminder_on"] == "2027-08-14"


def test_published_on_29_february_is_due_on_the_last_day_of_the_next_february(law):
    result = law("sen-information-report", "--published-on", "2028-02-29")
    assert result["next_publication_due"] == "2029-02-28"


def test_unknown_item_keys_are_named(bad, tmp_path):
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps({"favourite_colour": "green"}))
    assert "unknown item keys: favourite_colour" in bad(
        "sen-information-report", "--answers", str(draft)
    )


def test_a_bad_date_is_refused_in_plain_english(bad):
    assert "is not a real date" in bad("sen-information-report", "--published-on", "2026-02-30")
