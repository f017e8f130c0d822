"""The permission tables of docs/access.md, written from the code so the two cannot drift."""

from __future__ import annotations

from planwatch.domain.access import PAGE_PERMISSION, ROLE_PERMISSIONS, Page, Permission, Role


def markdown_tables() -> str:
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
