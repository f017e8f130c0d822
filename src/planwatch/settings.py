"""Every setting planwatch reads, declared once with its default and help text.

Settings come from environment variables named ``PLANWATCH_<NAME>`` (e.g. ``PLANWATCH_DB``).
The web app may also pass values from ``.streamlit/secrets.toml`` (a ``[planwatch]`` table);
the environment wins over secrets. ``docs/settings.md`` documents every setting, and a test
checks that it does.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from planwatch.errors import UsageError

PROJECT_ROOT: Final = Path(__file__).resolve().parents[2]
"""The folder planwatch is installed from (``src/``'s parent): the app's entry point and the
bundled data live there."""

APP_SCRIPT: Final = PROJECT_ROOT / "streamlit_app.py"
"""The Streamlit entry point that ``planwatch serve`` runs."""

BUNDLED_DATA: Final = PROJECT_ROOT / "data"
"""The data that comes with planwatch (``data/reference``, ``data/demo``): one place for the
modules that read it, so that reading a text's claims need not import the loader's pandas."""


@dataclass(frozen=True, slots=True)
class SettingSpec:
    name: str
    default: str
    help_en: str
    help_da: str

    @property
    def env_var(self) -> str:
        return f"PLANWATCH_{self.name.upper()}"


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "db",
        "data/planwatch.duckdb",
        "Path of the DuckDB database file. Created on first use. `--db` on the command line "
        "overrides it.",
        "Sti til DuckDB-databasefilen. Oprettes ved første brug. `--db` på kommandolinjen "
        "går forud.",
    ),
    SettingSpec(
        "lock_timeout",
        "15",
        "Seconds to wait for the database file when another process is using it, before "
        "giving up with a clear message.",
        "Sekunder der ventes på databasefilen, når en anden proces bruger den, før der gives "
        "op med en klar besked.",
    ),
    SettingSpec(
        "max_upload_mb",
        "20",
        "Largest upload file accepted, in megabytes. Larger files are refused with a message.",
        "Største fil, der kan indberettes, i megabyte. Større filer afvises med en besked.",
    ),
    SettingSpec(
        "max_upload_rows",
        "100000",
        "Most data rows an upload file may have. Reading stops and the file is refused beyond.",
        "Højeste antal datarækker i en indberetning. Læsningen stopper, og filen afvises ud over "
        "det.",
    ),
    SettingSpec(
        "language",
        "da",
        "Default language of the app and the command line: `da` (Danish) or `en` (English).",
        "Standardsprog for app og kommandolinje: `da` (dansk) eller `en` (engelsk).",
    ),
    SettingSpec(
        "auth",
        "local",
        "How users sign in to the app: `local` (accounts in planwatch's database, passwords "
        "hashed with Argon2id) or `oidc` (single sign-on through the identity provider set in "
        "`.streamlit/secrets.toml` `[auth]`; roles are still held in planwatch's database).",
        "Hvordan brugere logger ind i appen: `local` (konti i planwatchs database, adgangskoder "
        "hashet med Argon2id) eller `oidc` (single sign-on via den identitetsudbyder, der er sat "
        "i `.streamlit/secrets.toml` `[auth]`; roller ligger stadig i planwatchs database).",
    ),
    SettingSpec(
        "session_idle_minutes",
        "30",
        "Minutes without activity after which a signed-in session ends and the user must sign "
        "in again. `0` = no idle limit.",
        "Minutter uden aktivitet, hvorefter en session slutter, og brugeren skal logge ind igen. "
        "`0` = ingen grænse.",
    ),
    SettingSpec(
        "max_failed_signins",
        "5",
        "Failed sign-ins in a row after which a local account is locked for "
        "`PLANWATCH_LOCKOUT_MINUTES`.",
        "Mislykkede logins i træk, hvorefter en lokal konto spærres i `PLANWATCH_LOCKOUT_MINUTES`.",
    ),
    SettingSpec(
        "lockout_minutes",
        "15",
        "Minutes a local account stays locked after too many failed sign-ins.",
        "Minutter en lokal konto forbliver spærret efter for mange mislykkede logins.",
    ),
    SettingSpec(
        "small_count_threshold",
        "3",
        "Counts of persons below this number in a breakdown (by sex, age or form of "
        'exploitation) are shown as "<N" to users without the right to see exact small '
        "counts, in the dashboard and in every download.",
        "Antal personer under dette tal i en opdeling (køn, alder, udnyttelsesform) vises som "
        '"<N" for brugere uden ret til at se små tal præcist, på dashboardet og i alle '
        "downloads.",
    ),
    SettingSpec(
        "preliminary_days",
        "30",
        "Days a revised figure is marked preliminary (an asterisk on the value in charts and "
        "tiles, as Statistics Denmark marks its preliminary figures). Figures awaiting approval "
        "are always marked. A whole number; `0` = a revision alone never marks a figure.",
        "Antal dage et revideret tal markeres som foreløbigt (en stjerne ved tallet i diagrammer "
        "og på overblikket, som Danmarks Statistik markerer foreløbige tal). Tal, der venter på "
        "godkendelse, markeres altid. Et helt tal; `0` = en revision alene markerer aldrig et tal.",
    ),
)


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path
    lock_timeout: float
    max_upload_mb: float
    max_upload_rows: int
    language: str
    auth: str
    session_idle_minutes: float
    max_failed_signins: int
    lockout_minutes: float
    small_count_threshold: int
    preliminary_days: int


def _parse_float(name: str, raw: str) -> float:
    try:
        value = float(raw)
        if not math.isfinite(value):
            raise ValueError(raw)
    except ValueError:
        raise UsageError(
            f"Indstillingen {name} skal være et tal, ikke {raw!r}.",
            f"The setting {name} must be a number, not {raw!r}.",
        ) from None
    if value < 0:
        raise UsageError(
            f"Indstillingen {name} må ikke være negativ.",
            f"The setting {name} must not be negative.",
        )
    return value


def _parse_count(name: str, raw: str) -> int:
    value = _parse_float(name, raw)
    if value != int(value) or value < 1:
        raise UsageError(
            f"Indstillingen {name} skal være et helt tal på 1 eller derover.",
            f"The setting {name} must be a whole number of 1 or more.",
        )
    return int(value)


def _parse_days(name: str, raw: str) -> int:
    value = _parse_float(name, raw)
    if not value.is_integer():  # also refuses inf and nan
        raise UsageError(
            f"Indstillingen {name} skal være et helt antal dage (0 eller derover).",
            f"The setting {name} must be a whole number of days (0 or more).",
        )
    return int(value)


def _parse_language(name: str, raw: str) -> str:
    if raw not in ("da", "en"):
        raise UsageError(
            f"Indstillingen {name} skal være 'da' eller 'en', ikke {raw!r}.",
            f"The setting {name} must be 'da' or 'en', not {raw!r}.",
        )
    return raw


def _parse_auth(name: str, raw: str) -> str:
    if raw not in ("local", "oidc"):
        raise UsageError(
            f"Indstillingen {name} skal være 'local' eller 'oidc', ikke {raw!r}.",
            f"The setting {name} must be 'local' or 'oidc', not {raw!r}.",
        )
    return raw


_PARSERS: dict[str, Callable[[str, str], Any]] = {
    "db": lambda _name, raw: Path(raw),
    "lock_timeout": _parse_float,
    "max_upload_mb": _parse_float,
    "max_upload_rows": _parse_count,
    "language": _parse_language,
    "auth": _parse_auth,
    "session_idle_minutes": _parse_float,
    "max_failed_signins": _parse_count,
    "lockout_minutes": _parse_float,
    "small_count_threshold": _parse_count,
    "preliminary_days": _parse_days,
}


def load_settings(
    environ: Mapping[str, str] | None = None,
    secrets: Mapping[str, Any] | None = None,
    **overrides: Any,
) -> Settings:
    """Read every setting: explicit overrides, then the environment, then secrets, then default."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for spec in SETTINGS:
        override = overrides.get(spec.name)
        if override is not None:
            values[spec.name] = override
            continue
        raw: str | None = env.get(spec.env_var)
        if raw is None and secrets is not None and spec.name in secrets:
            raw = str(secrets[spec.name])
        values[spec.name] = _PARSERS[spec.name](spec.env_var, raw if raw else spec.default)
    unknown = set(overrides) - {spec.name for spec in SETTINGS}
    if unknown:
        raise UsageError(
            f"Ukendte indstillinger: {', '.join(sorted(unknown))}.",
            f"Unknown settings: {', '.join(sorted(unknown))}.",
        )
    return Settings(**values)


def upload_limits(settings: Settings) -> tuple[int, int]:
    """(max bytes, max rows) for uploads."""
    return int(settings.max_upload_mb * 1024 * 1024), settings.max_upload_rows
