"""Sources that figures cite."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class SourceKind(StrEnum):
    OFFICIAL = "official"
    PRESS = "press"
    SECONDARY = "secondary"
    UPLOAD = "upload"  # figures sent in through planwatch by their owner (CMM, finance staff)
    ILLUSTRATIVE = "illustrative"  # invented for the demo; never to be quoted


@dataclass(frozen=True, slots=True)
class Source:
    source_id: str
    title: str
    publisher: str
    url: str | None
    published_on: dt.date | None
    kind: SourceKind

    @property
    def is_illustrative(self) -> bool:
        return self.kind is SourceKind.ILLUSTRATIVE
