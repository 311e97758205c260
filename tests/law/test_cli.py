"""The `opensend law` command: one JSON object on stdout, exit 2 with a message on bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from opensend.law.cli import COMMAND_MODULES, main

OPENSEND = Path(sys.executable).with_name("opensend")


def run(capsys, *argv):
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def bad(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_ehc_timeline_prints_the_contract_keys(capsys):
    code, out = run(
        capsys,
        "ehc-timeline",
        "--received",
        "2026-01-12",
        "--exception",
        "absence_from_area:2026-03-01:2026-03-28",
    )
    assert code == 0
    assert out["decision_to_assess_due"] == "2026-02-23"
    assert out["advice_due"] is None
    assert out["exception_applies"] == {
        "decision_to_assess": False,
        "advice": None,
        "decision_not_to_issue": True,
        "final_plan": True,
    }
    assert out["exceptions"] == [
        {
            "kind": "absence_from_area",
            "start": "2026-03-01",
            "end": "2026-03-28",
            "applies_to": ["decision_not_to_issue", "final_plan"],
        }
    ]
    assert {"step", "due", "rule"} == set(out["stages"][0])


def test_draft_comments(capsys):
    assert run(capsys, "draft-comments", "--served", "2026-02-16")[1]["comments_close"] == (
        "2026-03-02"
    )


def test_annual_review_keys_that_do_not_apply_are_null(capsys):
    _, out = run(capsys, "annual-review", "--plan-issued", "2025-06-02")
    assert out["review_due"] == "2026-06-02"
    assert out["next_deadline"] == "2026-06-02"
    for key in (
        "invitations_due",
        "report_due",
        "under_five",
        "phase_transfer_deadline",
        "interim_review_recommended_by",
        "amended_plan_due",
    ):
        assert out[key] is None


def test_codes_lists_and_checks(capsys):
    _, out = run(capsys, "codes")
    assert {c["code"] for c in out["sen_provision"]} >= {"E", "K", "N", "S", "A", "P"}
    assert any(n["code"] == "DS" for n in out["need_types"])
    assert out["check"] is None
    _, out = run(
        capsys, "codes", "--provision", "E", "--need", "NSA:1", "--census-date", "2026-01-15"
    )
    assert out["check"]["valid"] is False


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["ehc-timeline", "--received", "2026-02-30"], "--received"),
        (["ehc-timeline"], "--received"),
        (
            [
                "ehc-timeline",
                "--received",
                "2026-01-12",
                "--exception",
                "holiday:2026-01-01:2026-01-02",
            ],
            "--exception",
        ),
        (
            ["ehc-timeline", "--received", "2026-01-12", "--school-advice-requested", "2026-01-01"],
            "--school-advice-requested",
        ),
        (
            ["annual-review", "--plan-issued", "2025-06-01", "--transfer-year", "2026"],
            "--transfer-kind",
        ),
        (
            ["annual-review", "--plan-issued", "2025-06-01", "--last-review", "2024-01-01"],
            "--last-review",
        ),
        (
            [
                "annual-review",
                "--plan-issued",
                "2025-06-01",
                "--transfer-year",
                "26",
                "--transfer-kind",
                "school",
            ],
            "--transfer-year",
        ),
        (["codes", "--provision", "E"], "--census-date"),
        (["no-such-rule"], "RULE"),
    ],
)
def test_bad_input_exits_2_naming_the_option(capsys, argv, named):
    err = bad(capsys, *argv)
    assert "usage: opensend law" in err
    assert named in err


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_every_rule_explains_itself_and_its_source(capsys, module):
    rule = module.replace("_", "-")
    with pytest.raises(SystemExit) as exit_:
        main([rule, "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert f"opensend law {rule}" in text
    # Each rule names where it comes from: a regulation, an Act, the Code, an order or guidance.
    sources = ("reg", "Act", "Code of Practice", "order", "guidance", "DfE", "CoP")
    assert any(source in text for source in sources), text


def test_the_top_level_help_lists_every_rule(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    for module in COMMAND_MODULES:
        assert module.replace("_", "-") in text


def test_the_opensend_console_script_answers_without_django():
    result = subprocess.run(
        [str(OPENSEND), "law", "draft-comments", "--served", "2026-02-16"],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["comments_close"] == "2026-03-02"
    result = subprocess.run(
        [str(OPENSEND), "law", "draft-comments", "--served", "tomorrow"],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "--served" in result.stderr and "Traceback" not in result.stderr
