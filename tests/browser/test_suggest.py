"""The suggest page as an editor uses it: filling in the form, the problems it names, the preview,
the record's file (accepted by `library check`), copying, downloading and proposing it on GitHub."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Watch
from tests.browser.suggest_support import NEW_FILE, SuggestSite, open_form, suggest_site  # noqa: F401

LIBRARY = Path(sys.executable).parent / "library"
HOSTILE = '<img src=x onerror="document.title=1">Sheriff\'s "Hold" Policy: ICE & <script>alert(1)</script>'


def fill_valid(page: Page, title: str = "Alpha County Detainer Policy") -> None:
    page.fill("#suggest-title", title)
    page.fill("#suggest-summary", "Ends the jail's honoring of detainer requests: without a warrant, no hold.")
    page.select_option("#suggest-document_type", "Policy")
    page.check("input[name=policy_areas][value='Immigration']")
    page.check("input[name=policy_areas][value='Policing']")
    page.select_option("#suggest-level", "County")
    page.fill("#suggest-states", "washington, OR")
    page.fill("#suggest-jurisdiction", "Alpha County")
    page.fill("#suggest-date", "2021-5-3")
    page.fill("#suggest-organization", "Alpha County Sheriff")
    page.fill("#suggest-source_url", "https://example.org/alpha/policy.pdf")
    page.fill("#suggest-tags", "detainers, yes, jail")
    page.fill("#suggest-related", "alpha-ordinance")
    page.select_option("#suggest-status", "Enacted")
    page.fill("#suggest-adopted", "2021-05-01")
    page.fill("#suggest-minutes", "https://example.org/minutes/alpha")
    page.fill("#suggest-sponsor", "Commissioner Ada Quill")
    page.fill("#suggest-body", "The policy's text, in short.\n\nA second paragraph.")


def submit(page: Page) -> None:
    page.click("form[data-suggest-form] button[type=submit]")


def run_check(project: Path, tmp_path: Path, name: str, text: str) -> subprocess.CompletedProcess[str]:
    """`library check` on a copy of the test library with the form's file added."""
    copy = tmp_path / "library"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site"))
    (copy / "docs" / name).write_text(text, encoding="utf-8", newline="\n")
    return subprocess.run([str(LIBRARY), "check"], cwd=copy, capture_output=True, text=True, timeout=120)


def test_filled_form_gives_a_file_library_check_accepts(watched: tuple[Page, Watch], suggest_site: SuggestSite, tmp_path: Path) -> None:  # noqa: F811
    page, watch = watched
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    open_form(page, suggest_site)
    fill_valid(page)
    submit(page)
    output = page.locator("[data-suggest-output]")
    expect(output).to_be_visible()
    expect(page.locator("#suggest-output-heading")).to_be_focused()
    name = page.locator("[data-record-filename]").inner_text()
    text = page.locator("[data-record-markdown]").input_value()
    assert name == "records/alpha-county-detainer-policy.md"
    assert text == (
        "---\n"
        'title: "Alpha County Detainer Policy"\n'
        'summary: "Ends the jail\'s honoring of detainer requests: without a warrant, no hold."\n'
        "document_type: Policy\n"
        "policy_areas: [Immigration, Policing]\n"
        "level: County\n"
        "states: [WA, OR]\n"
        "jurisdiction: Alpha County\n"
        "date: 2021-05-03\n"
        "organization: Alpha County Sheriff\n"
        'source_url: "https://example.org/alpha/policy.pdf"\n'
        'tags: [detainers, "yes", jail]\n'
        "related: [alpha-ordinance]\n"
        "status: Enacted\n"
        "adopted: 2021-05-01\n"
        'minutes: "https://example.org/minutes/alpha"\n'
        "sponsor: Commissioner Ada Quill\n"
        "---\n\n"
        "The policy's text, in short.\n\nA second paragraph.\n"
    )
    checked = run_check(suggest_site.project, tmp_path, name, text)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "alpha-county-detainer-policy" not in checked.stdout + checked.stderr  # no warning about it either
    assert watch.foreign_requests() == [] and watch.page_errors == []
    # mkdocs-material looks for sitemap.xml beside a page with language alternates (its language switch), which a
    # site without site_url does not have there: the only failures allowed, and not the form's.
    assert all(url.endswith("/sitemap.xml") for url in failed), failed
    assert len(watch.console_errors) == len(failed), watch.console_errors


def test_preview_shows_the_record_as_its_page_will(page: Page, suggest_site: SuggestSite) -> None:  # noqa: F811
    open_form(page, suggest_site)
    fill_valid(page)
    preview = page.locator("[data-suggest-preview]")
    expect(preview.locator(".library-kicker")).to_have_text("Policy · Alpha County · May 3, 2021")
    expect(preview.locator(".library-preview-title")).to_have_text("Alpha County Detainer Policy")
    expect(preview.locator(".library-actions a")).to_have_text("Read the original document (example.org)")
    facts = dict(zip(preview.locator("dt").all_inner_texts(), preview.locator("dd").all_inner_texts(), strict=True))
    assert facts["Policy areas"] == "Immigration, Policing"
    assert facts["States"] == "Washington, Oregon"
    assert facts["Level of government"] == "County"
    assert facts["Status"] == "Enacted" and facts["Adopted"] == "May 1, 2021" and facts["Sponsor"] == "Commissioner Ada Quill"
    assert "Related records" not in facts  # listed in a section of its own on the page, as on the record's page
    # A home page is not the document.
    page.fill("#suggest-source_url", "https://example.org/")
    expect(preview.locator(".library-actions a")).to_have_text("Publisher's website (example.org)")


def test_hostile_text_is_shown_as_text(watched: tuple[Page, Watch], suggest_site: SuggestSite) -> None:  # noqa: F811
    page, watch = watched
    open_form(page, suggest_site)
    fill_valid(page, HOSTILE)
    page.fill("#suggest-body", HOSTILE)
    page.fill("#suggest-jurisdiction", HOSTILE)
    submit(page)
    preview = page.locator("[data-suggest-preview]")
    expect(preview.locator(".library-preview-title")).to_have_text(HOSTILE)
    assert page.locator("[data-library-suggest] img, [data-library-suggest] script:not([type])").count() == 0
    assert page.title() != "1" and watch.dialogs == [] and watch.page_errors == []
    # The id is made from the title as `library new` makes it: at most 80 characters, cut at a hyphen.
    assert page.locator("[data-record-filename]").inner_text() == "records/img-src-x-onerror-document-title-1-sheriff-s-hold-policy-ice-script-alert-1.md"


# Each kind of invalid value, with what its message says, and the field's valid value (fill_valid's) to put back.
INVALID = [
    ("title", "", "Title is required", "Alpha County Detainer Policy"),
    ("summary", "   ", "Summary is required", "Ends the jail's honoring of detainer requests: without a warrant, no hold."),
    ("states", "WA, Washingon", "“Washingon” is not a US state", "washington, OR"),
    ("date", "2017-02-30", "February 2017 has no day 30", "2021-5-3"),
    ("date", "May 2017", "write YYYY, YYYY-MM or YYYY-MM-DD", "2021-5-3"),
    ("source_url", "ftp://example.org/doc", "only addresses starting with http:// or https://", "https://example.org/alpha/policy.pdf"),
    ("source_url", "example.org/doc", "starting with https://", "https://example.org/alpha/policy.pdf"),
    ("related", "Alpha Ordinance", "“Alpha Ordinance” is not a record's id", "alpha-ordinance"),
    ("related", "alpha-county-detainer-policy", "this record cannot name itself", "alpha-ordinance"),
    ("adopted", "2021-13", "there is no month 13", "2021-05-01"),
    ("minutes", "javascript:alert(1)", "Minutes: only addresses starting with http:// or https://", "https://example.org/minutes/alpha"),
]


def test_each_kind_of_invalid_value_is_named_with_its_fix(page: Page, suggest_site: SuggestSite) -> None:  # noqa: F811
    # One form, one wrong value at a time: each sending names it alone, and putting the value right brings the file.
    open_form(page, suggest_site)
    fill_valid(page)
    summary = page.locator("[data-error-summary]")
    for field, value, words, valid in INVALID:
        page.fill(f"#suggest-{field}", value)
        submit(page)
        control = page.locator(f"#suggest-{field}")
        expect(control, f"{field}={value!r}").to_have_attribute("aria-invalid", "true")
        error = page.locator(f"#suggest-{field}-error")
        expect(error).to_contain_text(words)
        assert f"suggest-{field}-error" in (control.get_attribute("aria-describedby") or "").split(), (field, value)
        expect(summary).to_be_focused()
        expect(summary.locator("h2")).to_have_text("1 problem to fix")
        expect(summary.locator("li a")).to_have_text(error.inner_text())
        expect(page.locator("[data-suggest-output]")).to_be_hidden()
        # The summary's link leads to the field; fixing it brings the file.
        summary.locator("li a").click()
        expect(control).to_be_focused()
        page.fill(f"#suggest-{field}", valid)
        submit(page)
        expect(page.locator("[data-suggest-output]"), f"{field} put right").to_be_visible()
        expect(control).not_to_have_attribute("aria-invalid", "true")


def test_what_the_checker_only_warns_about_is_advice_not_a_problem(page: Page, suggest_site: SuggestSite) -> None:  # noqa: F811
    open_form(page, suggest_site)
    fill_valid(page)
    page.fill("#suggest-summary", "One. Two. Three. Four.")
    submit(page)
    summary = page.locator("#suggest-summary")
    expect(page.locator("#suggest-summary-error")).to_have_text("Summary is longer than 3 sentences; keep it to one to 3 and put the rest in the description.")
    expect(summary).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-suggest-output]")).to_be_visible()
    assert 'summary: "One. Two. Three. Four."' in page.locator("[data-record-markdown]").input_value()


def test_required_choices_are_named_and_marked(page: Page, suggest_site: SuggestSite) -> None:  # noqa: F811
    open_form(page, suggest_site)
    submit(page)
    expect(page.locator("[data-error-summary] h2")).to_have_text("4 problems to fix")
    expect(page.locator("#suggest-document_type")).to_have_attribute("aria-invalid", "true")
    boxes = page.locator("input[name=policy_areas]")
    for i in range(boxes.count()):
        expect(boxes.nth(i)).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#suggest-policy_areas-error")).to_contain_text("Policy areas is required")
    page.check("input[name=policy_areas][value='Housing']")
    expect(page.locator("#suggest-policy_areas-error")).to_be_empty()
    expect(boxes.first).not_to_have_attribute("aria-invalid", "true")


def test_download_gives_the_file(page: Page, suggest_site: SuggestSite) -> None:  # noqa: F811
    open_form(page, suggest_site)
    fill_valid(page)
    submit(page)
    with page.expect_download() as info:
        page.click("[data-download-record]")
    download = info.value
    assert download.suggested_filename == "alpha-county-detainer-policy.md"
    assert Path(download.path()).read_text(encoding="utf-8") == page.locator("[data-record-markdown]").input_value()


def test_copy_puts_the_file_on_the_clipboard(browser: Browser, suggest_site: SuggestSite) -> None:  # noqa: F811
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(suggest_site.url))
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    open_form(page, suggest_site)
    fill_valid(page)
    submit(page)
    page.click("[data-copy-record]")
    expect(page.locator("[data-suggest-status]")).to_have_text("Copied: paste it into the new file.")
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("[data-record-markdown]").input_value()
    context.close()


def test_propose_on_github_opens_the_new_file_page_filled_in(watched: tuple[Page, Watch], suggest_site: SuggestSite) -> None:  # noqa: F811
    page, watch = watched
    open_form(page, suggest_site)
    fill_valid(page)
    submit(page)
    link = page.locator("a[data-github-new]")
    expect(link).to_be_visible()
    href = link.get_attribute("href") or ""
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == NEW_FILE
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["filename"] == ["docs/records/alpha-county-detainer-policy.md"]
    assert query["value"] == [page.locator("[data-record-markdown]").input_value()]
    assert link.get_attribute("rel") == "noopener noreferrer external"
    # Following it is the editor's choice: the page itself has asked nothing of GitHub.
    assert watch.foreign_requests() == []


def test_a_record_too_long_for_an_address_says_so_and_keeps_copying(page: Page, suggest_site: SuggestSite) -> None:  # noqa: F811
    open_form(page, suggest_site)
    fill_valid(page)
    page.fill("#suggest-body", "Long text of the document. " * 400)
    submit(page)
    expect(page.locator("a[data-github-new]")).to_be_hidden()
    note = page.locator("[data-github-too-long]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("too long to hand to GitHub in one address")
    expect(note).to_contain_text("the limit is 8000")
    expect(page.locator("[data-copy-record]")).to_be_enabled()
    # Shorter again, the link is back.
    page.fill("#suggest-body", "Short.")
    expect(page.locator("a[data-github-new]")).to_be_visible()
    expect(note).to_be_hidden()


def test_keyboard_alone_fills_and_sends_the_form(page: Page, suggest_site: SuggestSite) -> None:  # noqa: F811
    open_form(page, suggest_site)
    page.focus("#suggest-title")
    page.keyboard.type("Keyboard Only Ordinance")
    page.keyboard.press("Tab")
    page.keyboard.type("Typed without a mouse.")
    page.keyboard.press("Tab")  # document type
    expect(page.locator("#suggest-document_type")).to_be_focused()
    page.keyboard.press("ArrowDown")  # Ordinance? the first value after "Choose one"
    page.keyboard.press("Tab")
    expect(page.locator("input[name=policy_areas]").first).to_be_focused()
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("Shift+Tab")  # back through the document type and the summary to the title
    expect(page.locator("#suggest-title")).to_be_focused()
    page.keyboard.press("Enter")  # sends the form, as Enter in a text box does
    expect(page.locator("#suggest-output-heading")).to_be_focused()
    text = page.locator("[data-record-markdown]").input_value()
    assert "document_type: Model Legislation\n" in text and "policy_areas: [Immigration]\n" in text
    page.keyboard.press("Tab")  # the file's text, then its buttons
    expect(page.locator("[data-record-markdown]")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("[data-copy-record]")).to_be_focused()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["1280x900", "390x844"])
def test_axe_finds_nothing_with_problems_shown_or_the_file_made(browser: Browser, suggest_site: SuggestSite, viewport: dict[str, int]) -> None:  # noqa: F811
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    open_form(page, suggest_site)
    axe = Axe()
    found: list[str] = []

    def run(state: str) -> None:
        # Moving focus scrolls the page, and the theme fades its tabs out as it scrolls: judge the page once still.
        page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
        for v in axe.run(page).response["violations"]:
            found.append(f"{state}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:4]}")

    run("empty")
    fill_valid(page)
    page.fill("#suggest-date", "2017-02-30")
    page.fill("#suggest-states", "Atlantis")
    submit(page)
    run("problems")
    page.fill("#suggest-date", "2017")
    page.fill("#suggest-states", "WA")
    submit(page)
    expect(page.locator("[data-suggest-output]")).to_be_visible()
    run("file")
    context.close()
    assert found == [], "\n".join(found)


HOSTILE_FIELDS = """  - library:
      fields:
        verdict:
          label: "</script><script>document.title='pwned'</script>"
          values: ["<img src=x onerror=document.title='pwned'>", "Plain"]
          help: "<b>bold</b> & </textarea>"
"""


def test_a_librarys_own_hostile_labels_and_values_are_text(watched: tuple[Page, Watch], tmp_path: Path) -> None:
    from tests.fields_library import with_fields
    from tests.support import build_site, make_project, serve

    project = with_fields(make_project(tmp_path, {}), HOSTILE_FIELDS)
    build_site(project, tmp_path / "site")
    page, watch = watched
    with serve(tmp_path / "site", tmp_path) as url:
        page.goto(url + "suggest/")
        page.wait_for_selector("[data-library-suggest][data-suggest-ready]")
        expect(page.locator("label[for=suggest-verdict]")).to_have_text("</script><script>document.title='pwned'</script>")
        expect(page.locator("#suggest-verdict-help")).to_have_text("<b>bold</b> & </textarea>")
        page.select_option("#suggest-verdict", "<img src=x onerror=document.title='pwned'>")
        fill_valid_minimal(page)
        submit(page)
        text = page.locator("[data-record-markdown]").input_value()
        # Written as import writes it: YAML reads it back as the same text.
        assert "\nverdict: <img src=x onerror=document.title='pwned'>\n" in text
        assert page.locator("[data-library-suggest] img, [data-library-suggest] b").count() == 0
        assert page.title() != "pwned" and watch.dialogs == [] and watch.page_errors == []


def fill_valid_minimal(page: Page) -> None:
    page.fill("#suggest-title", "A Title")
    page.fill("#suggest-summary", "A summary.")
    page.select_option("#suggest-document_type", "Report")
    page.check("input[name=policy_areas][value='Immigration']")


def test_the_spanish_twin_is_the_same_form_in_spanish_words(watched: tuple[Page, Watch], tmp_path: Path) -> None:
    """A page under es/ made from the same template: labels, help and values in Spanish, values written in English."""
    from tests.support import ROOT, build_site, make_project, serve

    project = make_project(tmp_path, {})
    twin = ROOT / "generator/policy_library/site/defaults/es/suggest.md"
    (project / "docs" / "es" / "suggest.md").write_text(twin.read_text(encoding="utf-8"), encoding="utf-8")
    build_site(project, tmp_path / "site")
    page, watch = watched
    with serve(tmp_path / "site", tmp_path) as url:
        page.goto(url + "es/suggest/")
        page.wait_for_selector("[data-library-suggest][data-suggest-ready]")
        expect(page.locator("h1")).to_have_text("Proponer un registro")
        expect(page.locator("label[for=suggest-title]")).to_contain_text("Título")
        expect(page.locator("#suggest-document_type option[value=Ordinance]")).to_have_text("Ordenanza")
        page.fill("#suggest-title", "Ordenanza de prueba")
        page.fill("#suggest-summary", "Un resumen.")
        page.select_option("#suggest-document_type", "Ordinance")
        page.check("input[name=policy_areas][value='Immigration']")
        page.fill("#suggest-states", "Nuevo México")
        submit(page)
        text = page.locator("[data-record-markdown]").input_value()
        assert "document_type: Ordinance\n" in text and "policy_areas: [Immigration]\n" in text and "states: [NM]\n" in text
        facts = page.locator("[data-suggest-preview] dd").all_inner_texts()
        assert "Nuevo México" in facts and "Inmigración" in facts
        assert watch.page_errors == [] and watch.foreign_requests() == []
