"""axe-core in a real browser: the WCAG 2.2 AA check every page must pass (DESIGN "Look and feel").

axe is vendored next to this file (version in AXE_VERSION). It is injected with
`page.evaluate`, not `add_script_tag`: the app's Content Security Policy rightly blocks inline
scripts it did not issue a nonce for, and `evaluate` runs through the DevTools protocol, which
the policy does not govern.
"""

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

AXE_SOURCE = Path(__file__).with_name("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


@cache
def _axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def check_accessibility(page: Page) -> list[dict]:
    """Run axe's WCAG 2.0-2.2 A and AA rules on the page as it is now; return the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations;
        }""",
        WCAG_TAGS,
    )


def serious_violations(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: list[dict], limit: int = 3) -> str:
    lines = []
    for violation in violations:
        targets = [
            " ".join(str(part) for part in node["target"]) for node in violation["nodes"][:limit]
        ]
        more = len(violation["nodes"]) - limit
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}; "
            f"{', '.join(targets)}{f' and {more} more' if more > 0 else ''}"
        )
    return "\n".join(lines)


def assert_no_serious_violations(page: Page, where: str = "") -> None:
    """Fail listing every serious or critical WCAG violation on the page."""
    found = serious_violations(check_accessibility(page))
    assert not found, (
        f"axe found serious accessibility problems on {where or page.url}:\n{describe(found)}"
    )
