"""Who may do what: roles, the permissions they grant, and the pages each permission opens.

Default deny: a permission not listed for any of a user's roles is refused. A user can hold
several roles; their permissions add up. The service layer checks a permission with
:func:`require` before every write, export and privileged read; the UI and the CLI only decide
what to offer, never what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Literal

from planwatch.errors import PermissionDeniedError


class Role(StrEnum):
    VIEWER = "viewer"  # ministry officials: the dashboard
    UPLOADER = "uploader"  # CMM, finance staff: upload and follow their own submissions
    APPROVER = "approver"  # the ministry's responsible office: approve or return submissions
    AUDITOR = "auditor"  # everything read-only, full history, audit log, exports
    ADMIN = "admin"  # users and roles, plans, indicator definitions


ROLE_WORDS: Final[dict[Role, tuple[str, str]]] = {
    Role.VIEWER: ("læser", "viewer"),
    Role.UPLOADER: ("indberetter", "uploader"),
    Role.APPROVER: ("godkender", "approver"),
    Role.AUDITOR: ("revisor", "auditor"),
    Role.ADMIN: ("administrator", "admin"),
}
"""Each role's name as a user reads it (Danish, English); the code is what ``--role`` takes."""


def role_word(role: Role, language: str) -> str:
    """A role's name in the reader's language: ``godkender`` / ``approver``."""
    da, en = ROLE_WORDS[role]
    return da if language == "da" else en


class Permission(StrEnum):
    VIEW_DASHBOARD = "view-dashboard"  # approved figures, small counts suppressed
    VIEW_SUBMITTED = "view-submitted"  # also figures not yet approved, marked as such
    VIEW_EXACT_SMALL_COUNTS = "view-exact-small-counts"
    UPLOAD = "upload"  # send files and corrections in as submissions
    FOLLOW_OWN = "follow-own-submissions"  # see one's own submissions (uploads, plan workbooks)
    REVIEW = "review"  # approve or return anyone else's submissions
    VIEW_HISTORY = "view-history"  # every version of every figure, every submission
    VIEW_AUDIT_LOG = "view-audit-log"  # read and verify the audit log
    EXPORT = "export"  # take tables away (audit exports)
    MANAGE_USERS = "manage-users"  # add, disable, grant and revoke roles
    MANAGE_DEFINITIONS = "manage-definitions"  # plans, action areas, indicators


P = Permission
ROLE_PERMISSIONS: Final[dict[Role, frozenset[Permission]]] = {
    Role.VIEWER: frozenset({P.VIEW_DASHBOARD}),
    Role.UPLOADER: frozenset({P.VIEW_DASHBOARD, P.VIEW_SUBMITTED, P.UPLOAD, P.FOLLOW_OWN}),
    Role.APPROVER: frozenset(
        {P.VIEW_DASHBOARD, P.VIEW_SUBMITTED, P.VIEW_EXACT_SMALL_COUNTS, P.REVIEW}
    ),
    Role.AUDITOR: frozenset(
        {
            P.VIEW_DASHBOARD,
            P.VIEW_SUBMITTED,
            P.VIEW_EXACT_SMALL_COUNTS,
            P.VIEW_HISTORY,
            P.VIEW_AUDIT_LOG,
            P.EXPORT,
        }
    ),
    Role.ADMIN: frozenset(
        {P.MANAGE_USERS, P.MANAGE_DEFINITIONS, P.FOLLOW_OWN, P.VIEW_AUDIT_LOG, P.EXPORT}
    ),
}


class Page(StrEnum):
    """Every page of the app. Each needs exactly one permission."""

    OVERVIEW = "overview"
    BUDGET = "budget"
    INDICATORS = "indicators"
    ABOUT = "about"
    TALKING_POINTS = "talking-points"
    CHECK_CLAIMS = "check-claims"
    UPLOAD = "upload"
    SUBMISSIONS = "submissions"
    APPROVALS = "approvals"
    AUDIT_LOG = "audit-log"
    EXPORT = "export"
    USERS = "users"
    PLANS = "plans"


PAGE_PERMISSION: Final[dict[Page, Permission]] = {
    Page.OVERVIEW: P.VIEW_DASHBOARD,
    Page.BUDGET: P.VIEW_DASHBOARD,
    Page.INDICATORS: P.VIEW_DASHBOARD,
    Page.ABOUT: P.VIEW_DASHBOARD,
    Page.TALKING_POINTS: P.VIEW_DASHBOARD,
    Page.CHECK_CLAIMS: P.VIEW_DASHBOARD,
    Page.UPLOAD: P.UPLOAD,
    Page.SUBMISSIONS: P.FOLLOW_OWN,
    Page.APPROVALS: P.REVIEW,
    Page.AUDIT_LOG: P.VIEW_AUDIT_LOG,
    Page.EXPORT: P.EXPORT,
    Page.USERS: P.MANAGE_USERS,
    Page.PLANS: P.MANAGE_DEFINITIONS,
}

_PERMISSION_DA: Final[dict[Permission, str]] = {
    P.VIEW_DASHBOARD: "se dashboardet",
    P.VIEW_SUBMITTED: "se indsendte, ikke godkendte tal",
    P.VIEW_EXACT_SMALL_COUNTS: "se små antal præcist",
    P.UPLOAD: "indberette tal",
    P.FOLLOW_OWN: "følge egne indberetninger",
    P.REVIEW: "godkende eller returnere indberetninger",
    P.VIEW_HISTORY: "se hele historikken",
    P.VIEW_AUDIT_LOG: "se revisionsloggen",
    P.EXPORT: "eksportere tabeller",
    P.MANAGE_USERS: "administrere brugere og roller",
    P.MANAGE_DEFINITIONS: "administrere planer og indikatorer",
}
_PERMISSION_EN: Final[dict[Permission, str]] = {
    P.VIEW_DASHBOARD: "see the dashboard",
    P.VIEW_SUBMITTED: "see submitted figures not yet approved",
    P.VIEW_EXACT_SMALL_COUNTS: "see exact small counts",
    P.UPLOAD: "upload figures",
    P.FOLLOW_OWN: "follow your own submissions",
    P.REVIEW: "approve or return submissions",
    P.VIEW_HISTORY: "see the full history",
    P.VIEW_AUDIT_LOG: "see the audit log",
    P.EXPORT: "export tables",
    P.MANAGE_USERS: "manage users and roles",
    P.MANAGE_DEFINITIONS: "manage plans and indicators",
}


def permissions_of(roles: Iterable[Role]) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise PermissionDeniedError(
            f"Ukendt rolle {text!r}. Roller: {known}.",
            f"Unknown role {text!r}. Roles: {known}.",
        ) from None


@dataclass(frozen=True, slots=True)
class Actor:
    """A signed-in user as the services see them: who, with which roles, from where."""

    name: str
    roles: frozenset[Role]
    origin: str = ""
    display_name: str = ""

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.roles)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def may_open(self, page: Page) -> bool:
        return self.can(PAGE_PERMISSION[page])

    def pages(self) -> list[Page]:
        return [page for page in Page if self.may_open(page)]

    def home_page(self) -> Page | None:
        """The page the app opens on: the first allowed, but not Mine indberetninger for someone
        with other work (an admin follows the plan workbooks they sent there, and lands on
        their own pages)."""
        allowed = self.pages()
        others = [page for page in allowed if page is not Page.SUBMISSIONS]
        return (others or allowed or [None])[0]


def require(actor: Actor | None, permission: Permission) -> Actor:
    """Refuse unless ``actor`` holds ``permission``. Returns the actor for chaining."""
    if actor is None:
        raise PermissionDeniedError(
            f"Du skal være logget ind for at {_PERMISSION_DA[permission]}.",
            f"You must be signed in to {_PERMISSION_EN[permission]}.",
        )
    if not actor.can(permission):
        roles = ", ".join(sorted(r.value for r in actor.roles)) or "ingen/none"
        raise PermissionDeniedError(
            f"{actor.name} har ikke ret til at {_PERMISSION_DA[permission]} (roller: {roles}).",
            f"{actor.name} may not {_PERMISSION_EN[permission]} (roles: {roles}).",
        )
    return actor


Visibility = Literal["approved", "submitted"]


@dataclass(frozen=True, slots=True)
class View:
    """What a reader may see of the figures: only approved ones or also submitted ones, and
    small counts of persons in breakdowns exactly or suppressed below a threshold.

    The default is the most restricted view, so a caller that forgets to ask gets less, not
    more.
    """

    include_submitted: bool = False
    exact_small_counts: bool = False
    small_count_threshold: int = 3

    @property
    def visibility(self) -> Visibility:
        return "submitted" if self.include_submitted else "approved"


PUBLIC_VIEW: Final = View()


def view_for(actor: Actor | None, *, include_submitted: bool, small_count_threshold: int) -> View:
    """The view a user may have of the dashboard; refuses users who may not see it at all."""
    reader = require(actor, Permission.VIEW_DASHBOARD)
    return View(
        include_submitted=include_submitted and reader.can(Permission.VIEW_SUBMITTED),
        exact_small_counts=reader.can(Permission.VIEW_EXACT_SMALL_COUNTS),
        small_count_threshold=small_count_threshold,
    )


def markdown_tables() -> str:
    """The permission tables of docs/access.md, written from the code so the two cannot drift."""
    roles = list(Role)
    head = " | ".join(r.value for r in roles)
    lines = [f"| Permission | {head} |", "|---|" + "---|" * len(roles)]
    for permission in Permission:
        cells = " | ".join("yes" if permission in ROLE_PERMISSIONS[r] else "–" for r in roles)
        lines.append(f"| `{permission.value}` | {cells} |")
    lines += ["", f"| Page | Needs | {head} |", "|---|---|" + "---|" * len(roles)]
    for page in Page:
        needed = PAGE_PERMISSION[page]
        cells = " | ".join("yes" if needed in ROLE_PERMISSIONS[r] else "–" for r in roles)
        lines.append(f"| {page.value} | `{needed.value}` | {cells} |")
    return "\n".join(lines)
