"""Texts of the frame every page shares: the header and the plan picker."""

from __future__ import annotations

from typing import Final

FRAME_TEXTS: Final[dict[str, dict[str, str]]] = {
    "plan_short": {"da": "Handlingsplan {years}", "en": "Action plan {years}"},
    "key_figures": {"da": "Nøgletal", "en": "Key figures"},
}
