"""The screenshots of docs/plans.md (issue 19): the next plan, sent and approved, in the app.

Run from the repository root (Debian's chromium at /usr/bin/chromium)::

    .venv/bin/python -m scripts.plan_screenshots [--out docs/images/plans]

On a fresh temporary database (the demo data and its demo users, with passwords made for this
run only) it runs the illustrative next-plan scenario of the tests: the template's example plan
2026-2029 with a new result indicator, "Opsøgende kontakter (eksempel)", and a target for it
(``tests.uploads.test_plan_results._with_results``, source kind ``illustrative``) is sent by
``demo-uploader`` and, after the first shots, approved by ``demo-approver``; the uploader sends
the new indicator's figures for 2026's first two quarters (made up), which the approver approves;
then
``demo-admin`` checks a workbook with one problem on the page Planer, and ``demo-uploader``
sends a revision of the plan (through the service), which ``demo-approver`` sees. It serves the app
on 127.0.0.1 on a free port (``tests.e2e.conftest.running_app``, which stops it at the end, even
on error), drives chromium headless through Playwright, Danish, 1280 px wide, and writes:

* ``approval-preview.png``: Godkendelse, the plan workbook's preview before approving;
* ``my-submissions.png``: Mine indberetninger of the sender;
* ``budget.png``: after approval, the Budget page with the new plan chosen;
* ``money-and-results.png``: on Budget, "Penge og resultater pr. indsats" with the new
  indicator's figure and target;
* ``overview-money.png``: the overview's plan figures, marked ILLUSTRATIVT;
* ``plans-side-by-side.png``: the overview's "Planerne side om side";
* ``plans-page.png``: the page Planer of ``demo-admin`` after "Kontrollér filen" of a revision
  with one problem (an added initiative in the action area 'Z'): downloads, upload, problems;
* ``plan-form.png``: Planer, "Redigér i appen": the plan's allocation typed anew in the table
  Bevillinger (a real browser's grid) and sent; the script checks the approver sees it;
* ``revision-changes.png``: Godkendelse of a revision (total 120 mio. kr., an allocation
  changed, the baseline removed): its changes, before and after, above the plan.

Each image is cut to the part it shows and reduced to 256 colours (Pillow), to stay small.
The script fails (status 1) when a shot does not show the illustrative marking.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, FloatRect, Locator, Page, expect, sync_playwright
from tests.e2e import tour
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, running_app
from tests.uploads.test_plan_results import _figures, _with_results
from tests.uploads.test_plan_revision import _exported, _row_of, add_initiative
from tests.uploads.test_plan_workbook import NEW_PLAN, as_bytes, set_cells

from planwatch.access import accounts, approvals
from planwatch.domain.permissions import Actor
from planwatch.domain.plan_workbook import PlanSheetKey
from planwatch.figures import reporting
from planwatch.storage import Store
from planwatch.uploads import ingest, plan_import, reference

REPO = Path(__file__).resolve().parents[1]
WIDTH = 1280
HEIGHT = 2000  # tall: every part shot fits in the window (see shoot_between)
MARK = "ILLUSTRATIVT"
SENDER = "demo-uploader"
APPROVER = "demo-approver"
VIEWER = "demo-viewer"
ADMIN = "demo-admin"
FILE_NAME = "handlingsplan-2026-2029.xlsx"
REVISION_NAME = "handlingsplan-2026-2029-revision.xlsx"
FIGURES_NAME = "opsoegende-kontakter-2026.csv"
RESULTS_HEADING = "Penge og resultater pr. indsats"
REVISION_CHANGES = 3  # the total, an allocation, the baseline (see revision)
FORM_AMOUNT = "3.000.000"  # typed in the form's table, as in Danish Excel


@dataclass(frozen=True)
class Scenario:
    db: Path
    passwords: dict[str, str]
    submission: int


def build(folder: Path) -> Scenario:
    """The demo database, its demo users, and the illustrative plan sent by the uploader."""
    db = folder / "plans.duckdb"
    store = Store(db)
    reference.load(store, demo=True)
    passwords = accounts.demo_users(store, origin="plan screenshots")
    sender = accounts.actor_for(store, SENDER, origin="plan screenshots")
    sent = plan_import.import_plan(
        store,
        as_bytes(_with_results(store, sender)),
        FILE_NAME,
        actor=sender,
        reason="Ny handlingsplan 2026-2029 (illustrativ)",
    )
    if sent.change_set_id is None:
        raise RuntimeError(f"the illustrative plan was refused: {sent}")
    return Scenario(db, passwords, sent.change_set_id)


def approve(scenario: Scenario) -> None:
    store = Store(scenario.db)
    approver = accounts.actor_for(store, APPROVER, origin="plan screenshots")
    approvals.approve(store, approver, scenario.submission)


def send_figures(scenario: Scenario) -> int:
    """CMM's figures of the plan's new result indicator (made up) for 2026's first two quarters,
    sent by the uploader and approved by the approver; their submission."""
    store = Store(scenario.db)
    sender = accounts.actor_for(store, SENDER, origin="plan screenshots")
    sent = ingest.import_file(store, _figures({1: 40, 2: 55}), FIGURES_NAME, "kpi", actor=sender)
    if sent.change_set_id is None:
        raise RuntimeError(f"the illustrative figures were refused: {sent}")
    approver = accounts.actor_for(store, APPROVER, origin="plan screenshots")
    approvals.approve(store, approver, sent.change_set_id)
    return sent.change_set_id


def with_problem(store: Store, actor: Actor) -> bytes:
    """The stored plan filled in, with an initiative added in the action area 'Z', which the
    workbook does not have: one problem (``unknown-action-area``)."""
    workbook = _exported(store, actor, NEW_PLAN)
    add_initiative(workbook, "Z")
    return as_bytes(workbook)


def send_revision(scenario: Scenario) -> int:
    """The stored plan revised by the uploader: total 120 mio. kr., the allocation of
    illu-stoette in 2027 3 mio. kr., the baseline removed; its submission."""
    store = Store(scenario.db)
    sender = accounts.actor_for(store, SENDER, origin="plan screenshots")
    workbook = _exported(store, sender, NEW_PLAN)
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"total_dkk": 120_000_000})
    row = _row_of(workbook, PlanSheetKey.ALLOCATIONS, initiative="illu-stoette", year=2027)
    set_cells(workbook, PlanSheetKey.ALLOCATIONS, row, {"amount_dkk": 3_000_000})
    row = _row_of(workbook, PlanSheetKey.TARGETS, kind="baseline")
    targets = next(s for s in workbook.worksheets if s.title == "Mål")
    targets.delete_rows(row)
    sent = plan_import.import_plan(
        store,
        as_bytes(workbook),
        REVISION_NAME,
        actor=sender,
        reason="Aftale om flere midler (illustrativ)",
    )
    if sent.change_set_id is None:
        raise RuntimeError(f"the illustrative revision was refused: {sent}")
    return sent.change_set_id


def save(image: bytes, path: Path) -> int:
    """Reduce a PNG to 256 colours and write it; its size in bytes."""
    picture = Image.open(io.BytesIO(image)).convert("RGB")
    reduced = picture.quantize(
        colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    reduced.save(path, format="PNG", optimize=True)
    size = path.stat().st_size
    print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {size:,} bytes")
    return size


def shoot_between(page: Page, first: Locator, last: Locator, path: Path, margin: int = 16) -> int:
    """The main column from the top of ``first`` to the bottom of ``last``, whole width.

    Streamlit scrolls its main column inside the page, not the window: a screenshot holds only
    what is in the window. So ``first`` is scrolled to the window's top and the window is tall
    (``HEIGHT``); a part taller than that is an error, never a cut image."""
    first.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    main = page.locator("[data-testid=stMainBlockContainer]")
    frame = main.bounding_box()
    top_box = first.bounding_box()
    bottom_box = last.bounding_box()
    if frame is None or top_box is None or bottom_box is None:
        raise RuntimeError(f"nothing to shoot for {path.name}")
    top = max(0.0, top_box["y"] - margin)
    bottom = bottom_box["y"] + bottom_box["height"] + margin
    if bottom > HEIGHT:
        raise RuntimeError(f"{path.name}: the part is taller than the window ({bottom:.0f} px)")
    clip: FloatRect = {"x": frame["x"], "y": top, "width": frame["width"], "height": bottom - top}
    return save(page.screenshot(clip=clip), path)


def must_show(area: Locator, text: str) -> None:
    """The part about to be shot shows ``text`` (the illustrative marking)."""
    expect(area.get_by_text(text).filter(visible=True).first).to_be_visible()


def collapse_sidebar(page: Page) -> None:
    """Close the sidebar: the overview's figures then have the window's whole width (with the
    sidebar open, 1280 px cut the plan's total to "100,0 mi…")."""
    page.locator("[data-testid=stSidebarCollapseButton] button").click(force=True)
    expect(page.locator("[data-testid=stSidebar]")).to_have_attribute("data-collapsed", "true")
    page.wait_for_timeout(500)


def no_error(page: Page) -> None:
    """The page shows no error box and no text cut off (as tests/e2e/tour.py finds it)."""
    if page.locator("[data-testid=stException], [data-testid=stAlertContentError]").count():
        raise RuntimeError("the page shows an error")
    if cut := tour.cut_texts(page):
        raise RuntimeError(f"text cut off on the page: {cut}")


def no_error_but_the_report(page: Page) -> None:
    """As :func:`no_error`, on a page whose one error box is the refused workbook's report."""
    if page.locator("[data-testid=stException]").count():
        raise RuntimeError("the page shows an exception")
    if page.locator("[data-testid=stAlertContentError]").count() != 1:
        raise RuntimeError("the page shows another error than the refused workbook's")
    if cut := tour.cut_texts(page):
        raise RuntimeError(f"text cut off on the page: {cut}")


@contextmanager
def signed_in(browser: Browser, url: str, scenario: Scenario, name: str) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, locale="da-DK", device_scale_factor=1
    )
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        tour.sign_in(page, url, name, scenario.passwords[name])
        yield page
    finally:
        context.close()


def before_approval(browser: Browser, url: str, scenario: Scenario, out: Path) -> None:
    with signed_in(browser, url, scenario, APPROVER) as page:
        tour.open_page(page, "Godkendelse")
        main = page.locator("[data-testid=stMain]")
        expect(main.get_by_text(f"Indberetning {scenario.submission} ·").first).to_be_visible()
        must_show(main, MARK)
        no_error(page)
        title = main.get_by_role("heading", name="Godkendelse", exact=True).first
        button = main.get_by_role("button", name="Godkend", exact=True).first
        expect(button).to_be_visible()
        shoot_between(page, title, button, out / "approval-preview.png")
    with signed_in(browser, url, scenario, SENDER) as page:
        tour.open_page(page, "Mine indberetninger")
        main = page.locator("[data-testid=stMain]")
        expander = main.locator("[data-testid=stExpander]").first
        if expander.locator("details").get_attribute("open") is None:
            expander.locator("summary").click()
            tour.settle(page)
        must_show(expander, MARK)
        no_error(page)
        title = main.get_by_role("heading", name="Mine indberetninger", exact=True).first
        shoot_between(page, title, expander, out / "my-submissions.png")


def after_approval(browser: Browser, url: str, scenario: Scenario, out: Path) -> None:
    with signed_in(browser, url, scenario, VIEWER) as page:
        main = page.locator("[data-testid=stMain]")
        tour.open_page(page, "Budget")
        must_show(main, "Illustrativ handlingsplan 2026-2029")  # the new plan is chosen
        must_show(main, MARK)
        no_error(page)
        title = main.get_by_role("heading", name="Budget", exact=True).first
        blocks = main.locator("[data-testid=stDataFrame], [data-testid=stVegaLiteChart]")
        shoot_between(page, title, blocks.first, out / "budget.png")

        heading = main.get_by_role("heading", name=RESULTS_HEADING).first
        heading.scroll_into_view_if_needed()
        tour.settle(page)
        table = main.locator(".st-key-pw-grid-budget-results [data-testid=stTable]")
        expect(table).to_be_visible()
        must_show(table, "Opsøgende kontakter (eksempel): 95 (1.–2. kvt. 2026)")
        must_show(table, MARK)
        no_error(page)
        shoot_between(page, heading, table, out / "money-and-results.png")

        tour.open_page(page, "Overblik")
        collapse_sidebar(page)
        must_show(main, MARK)
        no_error(page)
        title = main.get_by_role("heading", name="Overblik", exact=True).first
        money = main.locator(".st-key-pw-money")
        shoot_between(page, title, money, out / "overview-money.png")
        heading = main.get_by_role("heading", name="Planerne side om side").first
        heading.scroll_into_view_if_needed()
        tour.settle(page)
        table = main.locator("[data-testid=stTable]").last
        expect(table).to_be_visible()
        must_show(table, MARK)
        no_error(page)
        shoot_between(page, heading, table, out / "plans-side-by-side.png")


def plans_page(browser: Browser, url: str, scenario: Scenario, out: Path, folder: Path) -> None:
    """Planer of the admin: a revision with one problem checked (a dry run), refused."""
    workbook = folder / "plan-2026-2029.xlsx"
    store = Store(scenario.db)
    workbook.write_bytes(with_problem(store, accounts.actor_for(store, ADMIN)))
    with signed_in(browser, url, scenario, ADMIN) as page:
        tour.open_page(page, "Planer")
        main = page.locator("[data-testid=stMain]")
        main.locator("input[type=file]").set_input_files(workbook)
        tour.settle(page)
        reason = main.locator(".st-key-plans_reason textarea")  # the workbook's, not the form's
        reason.fill("Ny indsats (illustrativ)")
        reason.press("Tab")
        tour.settle(page)
        main.get_by_role("button", name="Kontrollér filen", exact=True).click()
        tour.settle(page)
        expect(main.get_by_text("afvist med 1 fejl", exact=False).first).to_be_visible()
        problem = main.get_by_text("Indsatsområdet 'Z'", exact=False).first
        expect(problem).to_be_visible()
        no_error_but_the_report(page)
        title = main.get_by_role("heading", name="Hent en projektmappe", exact=True).first
        shoot_between(page, title, problem, out / "plans-page.png")


def plan_form(browser: Browser, url: str, scenario: Scenario, out: Path) -> int:
    """Planer of the admin, "Redigér i appen": the stored plan chosen, its first allocation
    typed anew in the table Bevillinger of a real browser's grid, and sent. Returns the
    submission; the caller checks what it changes."""
    store = Store(scenario.db)
    name = next(p.name_da for p in reporting.plans(store) if p.plan_id == NEW_PLAN)
    with signed_in(browser, url, scenario, ADMIN) as page:
        tour.open_page(page, "Planer")
        main = page.locator("[data-testid=stMain]")
        main.get_by_role("combobox", name=re.compile("Plan at redigere")).click()
        page.get_by_role("option", name=name).click()
        tour.settle(page)
        main.get_by_role("tab", name="Bevillinger").click()
        tour.settle(page)
        grid = main.locator("[data-testid=stDataFrame]").filter(visible=True).first
        expect(grid).to_be_visible()
        box = grid.bounding_box()
        if box is None:
            raise RuntimeError("the table Bevillinger is not shown")
        page.mouse.click(box["x"] + 60, box["y"] + 35 + 17)  # the first row's first cell
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")  # its amount
        page.keyboard.press("Enter")  # opens the cell's editor
        page.wait_for_timeout(300)
        page.keyboard.press("Control+a")
        page.keyboard.type(FORM_AMOUNT, delay=30)
        page.keyboard.press("Enter")  # keeps it
        tour.settle(page)
        reason = main.locator(".st-key-plan_form_reason textarea")
        reason.fill("Flere midler (illustrativ)")
        reason.press("Tab")
        tour.settle(page)
        main.locator(".st-key-plan_form_submit button").click()
        tour.settle(page)
        receipt = main.get_by_text("er indsendt til godkendelse", exact=False).first
        expect(receipt).to_be_visible()
        no_error(page)
        heading = main.get_by_role("heading", name="Redigér i appen", exact=True).first
        shoot_between(page, heading, receipt, out / "plan-form.png")
    sent = approvals.submissions(store, accounts.actor_for(store, ADMIN), status="submitted")
    return max(s.change_set_id for s in sent)


def revision_changes(browser: Browser, url: str, scenario: Scenario, out: Path) -> None:
    """Godkendelse of the revision: the plan's warning and the table of its changes."""
    with signed_in(browser, url, scenario, APPROVER) as page:
        tour.open_page(page, "Godkendelse")
        main = page.locator("[data-testid=stMain]")
        heading = f"Revision af den gemte plan: {REVISION_CHANGES} ændringer"
        expect(main.get_by_text(heading).first).to_be_visible()
        must_show(main, MARK)
        no_error(page)
        title = main.get_by_role("heading", name="Godkendelse", exact=True).first
        table = main.locator("[class*=st-key-pw-grid-plan-changes-]").first
        expect(table).to_be_visible()
        shoot_between(page, title, table, out / "revision-changes.png")


def check_typed(scenario: Scenario, submission: int) -> None:
    """What the browser typed reached the plan: the approver sees the allocation changed."""
    store = Store(scenario.db)
    seen = approvals.submitted_plan(store, accounts.actor_for(store, APPROVER), submission)
    changes = [] if seen is None or seen.changes is None else list(seen.changes)
    typed = [c for c in changes if c.part == "allocation" and c.after == "3000000"]
    if len(changes) != 1 or not typed:
        raise RuntimeError(f"the typed allocation is not what was sent: {changes}")
    print(f"typed in the browser, sent as submission {submission}: {typed[0]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images" / "plans")
    arguments = parser.parse_args(argv)
    out: Path = arguments.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="plan-shots-") as folder:
        scenario = build(Path(folder))
        print(f"plan {NEW_PLAN} sent as submission {scenario.submission}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                with running_app(scenario.db) as url:
                    before_approval(browser, url, scenario, out)
                    approve(scenario)
                    figures = send_figures(scenario)
                    print(f"figures of the new result indicator approved (submission {figures})")
                    after_approval(browser, url, scenario, out)
                    plans_page(browser, url, scenario, out, Path(folder))
                    revision = send_revision(scenario)
                    print(f"revision of {NEW_PLAN} sent as submission {revision}")
                    revision_changes(browser, url, scenario, out)
                    store = Store(scenario.db)  # one revision at a time: the form's is next
                    approvals.return_submission(
                        store, accounts.actor_for(store, APPROVER), revision, comment="Se formular"
                    )
                    typed = plan_form(browser, url, scenario, out)
                    check_typed(scenario, typed)
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
