"""The app's frame: the sign-in gate, the shared sidebar, navigation by role, and errors shown
in the user's language.

Before anyone is signed in, the only page is the sign-in page (:mod:`planwatch.ui.signin`).
Afterwards the navigation offers exactly the pages the user's roles allow
(:meth:`planwatch.domain.permissions.Actor.pages`). Each page is a small script under
``planwatch/ui/pages/`` (so that Streamlit and AppTest know it by its file) that calls
:func:`run_page` with its :class:`~planwatch.domain.permissions.Page` and the render function of its
module in ``planwatch/ui/app_pages/``. :func:`run_page` checks again, on every run, that the
user (as the database says now) may open the page: the navigation only decides what to offer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Final, overload

import streamlit as st

from planwatch.access import audit
from planwatch.access.audit import AuditAction
from planwatch.domain.permissions import PAGE_PERMISSION, Actor, Page, Permission
from planwatch.errors import DatabaseBusyError, PlanwatchError, SchemaOutdatedError, UsageError
from planwatch.storage import Store, migrations
from planwatch.ui import controls, frame, signin, state
from planwatch.ui.controls import Controls
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text

log = logging.getLogger("planwatch.ui")
PAGES = Path(__file__).resolve().parent / "pages"
_CONTROLS = "_planwatch_controls"

# Each page: its script under pages/, its URL path, and the key of its title.
PAGE_SCRIPTS: Final[dict[Page, tuple[str, str, str]]] = {
    Page.OVERVIEW: ("overview.py", "overblik", "overview"),
    Page.BUDGET: ("budget.py", "budget", "budget"),
    Page.INDICATORS: ("indicators.py", "indikatorer", "indicators"),
    Page.ABOUT: ("about.py", "om-data", "about"),
    Page.TALKING_POINTS: ("talking_points.py", "talepapir", "talking-points"),
    Page.CHECK_CLAIMS: ("check_claims.py", "tjek-tal", "check-claims"),
    Page.UPLOAD: ("upload.py", "indberet", "upload"),
    Page.SUBMISSIONS: ("submissions.py", "mine-indberetninger", "submissions"),
    Page.APPROVALS: ("approvals.py", "godkendelse", "approvals"),
    Page.AUDIT_LOG: ("audit_log.py", "revisionslog", "audit-log"),
    Page.EXPORT: ("export.py", "eksport", "export"),
    Page.USERS: ("users.py", "brugere", "users"),
    Page.PLANS: ("plans.py", "planer", "plans_page"),
}


def page_title(page: Page, language: str) -> str:
    return t(PAGE_SCRIPTS[page][2], language)


def _is_dashboard(page: Page) -> bool:
    """Dashboard pages are drawn with the sidebar's controls (plan, figures as of)."""
    return PAGE_PERMISSION[page] is Permission.VIEW_DASHBOARD


@overload
def run_page(page: Page, render: Callable[[Controls], None]) -> None: ...


@overload
def run_page(page: Page, render: Callable[[], None]) -> None: ...


def run_page(page: Page, render: Callable[..., None]) -> None:
    """Render a page if the signed-in user may open it; refuse otherwise, with nothing else
    shown. Dashboard pages get the controls of this run. Errors become messages, never
    tracebacks."""
    language = state.language()
    try:
        current = signin.active_actor()
        if current is None:
            st.warning(t("not_signed_in", language))
            return
        if not current.may_open(page):
            _refuse(current, page, language)
            return
        if not _is_dashboard(page):
            render()
            return
        chosen = st.session_state.get(_CONTROLS)
        if not isinstance(chosen, Controls):  # the page script run on its own (tests)
            chosen = controls.sidebar()
        render(chosen)
    except PlanwatchError as error:
        _show_error(error, language)
    except Exception:
        log.exception("unexpected error while rendering a page")
        st.error(t("unexpected_error", language))


def _show_error(error: PlanwatchError, language: str) -> None:
    """planwatch's own error as a message in the user's language; when the database was only
    busy, with a button that runs the page again."""
    st.error(user_text(error.message(language)))
    if isinstance(error, DatabaseBusyError):
        st.button(t("busy_try_again", language), key="busy_try_again")


def _refuse(current: Actor, page: Page, language: str) -> None:
    roles = signin.role_names(current.roles, language)
    st.error(t("page_refused", language, page=page_title(page, language), roles=roles))
    try:
        audit.record_now(
            state.store(),
            actor=current.name,
            action=AuditAction.PERMISSION_DENIED,
            subject=f"page:{page.value}",
            details={"roles": sorted(r.value for r in current.roles)},
            origin=current.origin,
        )
    except PlanwatchError:
        log.warning("could not record a refused page for %s", current.name)


def run() -> None:
    st.set_page_config(page_title="planwatch", layout="wide")
    try:
        state.settings()
    except UsageError as error:  # a bad setting: say which and what it takes (issue 16)
        st.error(error.message(str(st.session_state.get("language", "da"))))
        return
    with state.store().kept_open():
        _run_script()


def _run_script() -> None:
    """One script run: the frame, the sign-in gate and the page. The database file stays open
    read-only for the run (:meth:`planwatch.storage.Store.kept_open`, issue 17): a cold page
    reads it some twenty times, and opening it for each read cost a third of the page. A write
    in the run (a sign-in, an upload, an approval) closes it first, and the file is never kept
    open between runs, so other processes (the command line, a backup) get it between them."""
    language = state.language()
    frame.look(language)
    try:
        _require_current_schema()
        if signin.end_identity_cookie_if_asked():
            return
        current = signin.active_actor()
        if current is None:
            st.session_state.pop(_CONTROLS, None)
            try:
                st.navigation(_sign_in_pages(language), position="hidden").run()
            finally:
                state.drop_transient()
            return
        chosen: Controls | None = None
        if current.can(Permission.VIEW_DASHBOARD):
            chosen = controls.sidebar()
        else:
            with st.sidebar:
                controls.language_switch()
        st.session_state[_CONTROLS] = chosen
        language = state.language()
        if chosen is not None:
            frame.header(chosen.plan, language)
        signin.identity(current, language)
        navigation = st.navigation(_pages(current, language))
    except PlanwatchError as error:
        _show_error(error, language)
        return
    except Exception:
        log.exception("unexpected error in the app's frame")
        st.error(t("unexpected_error", language))
        return
    try:
        navigation.run()
    finally:
        state.drop_transient()


def _require_current_schema() -> None:
    """A database that a newer planwatch must migrate first (say, after an upgrade before
    'planwatch db migrate') is refused with that advice, before sign-in, rather than failing
    on the first page that reads a new column. Checked once per state of the file."""
    the_store = state.store()
    if not the_store.path.exists():
        return
    try:
        _schema_checked(str(the_store.path), the_store.lock_timeout, state.data_version(the_store))
    except SchemaOutdatedError:
        raise
    except Exception:  # damaged or busy: the sign-in and the pages say so, as before
        log.warning("could not check the database's migrations", exc_info=True)


@st.cache_data(show_spinner=False, max_entries=8)
def _schema_checked(path: str, lock_timeout: float, version: tuple[int, int]) -> bool:
    """True, cached per state of the file; raises (never cached) while migrations are pending."""
    migrations.require_current(Store(Path(path), lock_timeout))
    return True


def _sign_in_pages(language: str) -> list[st.Page]:
    """Before sign-in every address shows the sign-in page, so that a link to a page (say
    /godkendelse) asks the user to sign in and then opens that page, if their roles allow."""
    title = t("signin_title", language)
    return [
        st.Page(signin.page, title=title, url_path="log-ind", default=True),
        *(st.Page(signin.page, title=title, url_path=path) for _, path, _ in PAGE_SCRIPTS.values()),
    ]


def _pages(current: Actor, language: str) -> list[st.Page]:
    allowed = current.pages()
    home = current.home_page()
    return [
        st.Page(
            PAGES / PAGE_SCRIPTS[page][0],
            title=page_title(page, language),
            url_path=PAGE_SCRIPTS[page][1],
            default=page is home,
        )
        for page in allowed
    ]
