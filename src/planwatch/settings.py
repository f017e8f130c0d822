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

THEME_FILE: Final = Path(__file__).resolve().parent / "ui" / "theme.toml"
"""The app's theme (fonts and colours), which ``planwatch serve`` passes to Streamlit."""

STATIC_FOLDER: Final = PROJECT_ROOT / "static"
"""What Streamlit serves under ``app/static/``: the app's fonts and their licence, nothing else."""

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


class _Refused(ValueError):
    """A raw value a setting does not take (turned into a :class:`UsageError` that names the
    variable and what it takes)."""


def _number(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise _Refused(raw) from None
    if not math.isfinite(value):
        raise _Refused(raw)
    return value


def _parse_float(raw: str) -> float:
    value = _number(raw)
    if value < 0:
        raise _Refused(raw)
    return value


def _parse_positive(raw: str) -> float:
    value = _number(raw)
    if value <= 0:
        raise _Refused(raw)
    return value


def _parse_count(raw: str) -> int:
    value = _number(raw)
    if not value.is_integer() or value < 1:
        raise _Refused(raw)
    return int(value)


def _parse_days(raw: str) -> int:
    value = _number(raw)
    if not value.is_integer() or value < 0:
        raise _Refused(raw)
    return int(value)


SMALLEST_THRESHOLD: Final = 3
"""The smallest small-count threshold planwatch accepts: below it, counts of 1 and 2 persons
would be published (issue 16)."""


def _parse_threshold(raw: str) -> int:
    value = _number(raw)
    if not value.is_integer() or value < SMALLEST_THRESHOLD:
        raise _Refused(raw)
    return int(value)


def _parse_language(raw: str) -> str:
    if raw not in ("da", "en"):
        raise _Refused(raw)
    return raw


def _parse_auth(raw: str) -> str:
    if raw not in ("local", "oidc"):
        raise _Refused(raw)
    return raw


def _parse_db(raw: str) -> Path:
    path = Path(raw)
    if path.is_dir():
        raise _Refused(raw)
    return path


_PARSERS: dict[str, Callable[[str], Any]] = {
    "db": _parse_db,
    "lock_timeout": _parse_float,
    "max_upload_mb": _parse_positive,
    "max_upload_rows": _parse_count,
    "language": _parse_language,
    "auth": _parse_auth,
    "session_idle_minutes": _parse_float,
    "max_failed_signins": _parse_count,
    "lockout_minutes": _parse_float,
    "small_count_threshold": _parse_threshold,
    "preliminary_days": _parse_days,
}

_TAKES: dict[str, tuple[str, str]] = {
    "db": (
        "stien til en databasefil (ikke en mappe)",
        "the path of a database file (not a folder)",
    ),
    "lock_timeout": ("et antal sekunder, 0 eller derover", "a number of seconds, 0 or more"),
    "max_upload_mb": ("et antal megabyte over 0", "a number of megabytes above 0"),
    "max_upload_rows": ("et helt tal på 1 eller derover", "a whole number of 1 or more"),
    "language": ("'da' eller 'en'", "'da' or 'en'"),
    "auth": ("'local' eller 'oidc'", "'local' or 'oidc'"),
    "session_idle_minutes": (
        "et antal minutter, 0 eller derover (0 = ingen grænse)",
        "a number of minutes, 0 or more (0 = no limit)",
    ),
    "max_failed_signins": ("et helt tal på 1 eller derover", "a whole number of 1 or more"),
    "lockout_minutes": ("et antal minutter, 0 eller derover", "a number of minutes, 0 or more"),
    "small_count_threshold": (
        f"et helt tal på {SMALLEST_THRESHOLD} eller derover (under {SMALLEST_THRESHOLD} ville "
        "antal på 1 og 2 personer blive offentliggjort)",
        f"a whole number of {SMALLEST_THRESHOLD} or more (below {SMALLEST_THRESHOLD}, counts "
        "of 1 and 2 persons would be published)",
    ),
    "preliminary_days": (
        "et helt antal dage, 0 eller derover",
        "a whole number of days, 0 or more",
    ),
}


def _parse(spec: SettingSpec, raw: str) -> Any:
    try:
        return _PARSERS[spec.name](raw)
    except _Refused:
        da, en = _TAKES[spec.name]
        raise UsageError(
            f"Indstillingen {spec.env_var} skal være {da}, ikke {raw!r}.",
            f"The setting {spec.env_var} takes {en}, not {raw!r}.",
        ) from None


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
        values[spec.name] = _parse(spec, raw if raw else spec.default)
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
