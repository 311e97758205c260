"""The step counter itself: a tiny two-page journey whose counts are known exactly."""

from playwright.sync_api import expect

from tests.browser.steps import StepCounter, markdown_table

ORIGIN = "http://steps.invalid"
FIRST = """<!DOCTYPE html><html lang="en"><title>First</title><body>
<form method="post" action="/second">
  <label>Name <input name="full_name"></label>
  <label>Email <input name="email"></label>
  <label><input type="radio" name="colour" value="red"> Red</label>
  <label><input type="radio" name="colour" value="blue"> Blue</label>
  <label>Note <input name="note" value="filled in by the page"></label>
  <input type="hidden" name="token" value="x">
  <button>Continue</button>
</form>
<button type="button" id="ping" onclick="fetch('/ping', {method: 'POST'})">Ping</button>
</body></html>"""
SECOND = """<!DOCTYPE html><html lang="en"><title>Second</title><body>
<form method="post" action="/done"><label>Name <input name="full_name"></label>
<button>Finish</button></form></body></html>"""
DONE = "<!DOCTYPE html><html lang='en'><title>Done</title><body><h1>Done</h1></body></html>"


def serve(route):
    path = route.request.url.removeprefix(ORIGIN)
    pages = {"/first": FIRST, "/second": SECOND, "/done": DONE, "/ping": "ok"}
    route.fulfill(status=200, content_type="text/html", body=pages[path])


def test_the_step_counter_counts_submissions_and_distinct_fields_exactly(page):
    page.route(f"{ORIGIN}/**", serve)
    counter = StepCounter()
    page.goto(f"{ORIGIN}/first")
    counter.watch(page)  # after the first page loaded: it must still see this page's fields
    page.get_by_label("Name").fill("not counted: before any task")

    with counter.task("Tiny journey") as tiny:
        name = page.get_by_label("Name")
        name.fill("Ann")
        name.fill("Ann Smith")  # corrected: still one field
        page.get_by_label("Email").press_sequentially("ann@example.com")  # key by key: one
        page.get_by_label("Red").check()
        page.get_by_label("Blue").check()  # the same radio group: one choice
        with page.expect_response(f"{ORIGIN}/ping"):
            page.get_by_role("button", name="Ping").click()  # a fetch POST: not a submission
        page.get_by_role("button", name="Continue").click()
        expect(page).to_have_title("Second")
        page.get_by_label("Name").fill("Ann Smith")  # same name, another page: counts again
        page.keyboard.press("Enter")
        expect(page).to_have_title("Done")

    with counter.task("Look only"):
        page.goto(f"{ORIGIN}/first")  # a GET navigation: not a submission

    assert (tiny.page_submissions, tiny.typed_fields) == (2, 4), tiny.fields
    assert tiny.fields == [
        "1:/first|full_name",
        "1:/first|email",
        "1:/first|colour",
        "1:/second|full_name",
    ]
    looked = counter.tasks["Look only"]
    assert (looked.page_submissions, looked.typed_fields) == (0, 0)
    assert markdown_table([t.as_dict() for t in counter.tasks.values()]).splitlines()[2:] == [
        "| Tiny journey | 2 | 4 |",
        "| Look only | 0 | 0 |",
    ]


def test_the_step_counter_counts_across_several_browser_contexts(page, new_context):
    # A journey often has two people in it (the head invites, the colleague joins).
    other = new_context().new_page()
    for each in (page, other):
        each.route(f"{ORIGIN}/**", serve)
    counter = StepCounter()
    counter.watch(page)
    counter.watch(other)
    counter.watch(page)  # watching twice is harmless

    with counter.task("Two people") as two:
        for each in (page, other):
            each.goto(f"{ORIGIN}/second")
            each.get_by_label("Name").fill("Ann")
            each.get_by_role("button", name="Finish").click()
            expect(each).to_have_title("Done")

    # The same field, filled in by two people: two fields.
    assert (two.page_submissions, two.typed_fields) == (2, 2)
    assert two.fields == ["1:/second|full_name", "2:/second|full_name"]
