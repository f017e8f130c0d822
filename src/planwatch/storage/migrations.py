"""Named, ordered, append-only schema migrations, each in its own transaction.

Applied migrations are recorded in ``schema_migrations`` with a checksum of their SQL. Never edit
or reorder an applied migration: add a new one at the end. ``migrate`` refuses to run when an
applied migration's SQL differs from the code (someone edited it), or when the database knows
a migration this code does not (written by a newer planwatch).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import duckdb

from planwatch.domain.clock import utc_now
from planwatch.errors import MigrationError, SchemaOutdatedError
from planwatch.storage import content_seal
from planwatch.storage.connection import Store


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class MigrationState:
    name: str
    applied_at: dt.datetime | None

    @property
    def applied(self) -> bool:
        return self.applied_at is not None


_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name VARCHAR PRIMARY KEY,
    checksum VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
);
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_definitions",
        """
CREATE TABLE sources (
    source_id VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    publisher VARCHAR NOT NULL,
    url VARCHAR,
    published_on DATE,
    kind VARCHAR NOT NULL
        CHECK (kind IN ('official', 'press', 'secondary', 'upload', 'illustrative')),
    note VARCHAR
);
CREATE TABLE plans (
    plan_id VARCHAR PRIMARY KEY,
    name_da VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    total_dkk DECIMAL(18, 2) NOT NULL CHECK (total_dkk >= 0),
    status VARCHAR NOT NULL CHECK (status IN ('draft', 'adopted')),
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    note VARCHAR,
    CHECK (end_date >= start_date)
);
CREATE TABLE action_areas (
    plan_id VARCHAR NOT NULL REFERENCES plans (plan_id),
    code VARCHAR NOT NULL,
    name_da VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (plan_id, code)
);
CREATE TABLE initiatives (
    code VARCHAR PRIMARY KEY,
    plan_id VARCHAR NOT NULL,
    action_area_code VARCHAR NOT NULL,
    name_da VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    responsible_org VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    FOREIGN KEY (plan_id, action_area_code) REFERENCES action_areas (plan_id, code)
);
CREATE TABLE indicators (
    code VARCHAR PRIMARY KEY,
    name_da VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    definition_da VARCHAR NOT NULL,
    definition_en VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    aggregation VARCHAR NOT NULL CHECK (aggregation IN ('flow', 'stock')),
    direction VARCHAR NOT NULL CHECK (direction IN ('up', 'down', 'neither')),
    is_core BOOLEAN NOT NULL
);
""",
    ),
    Migration(
        "0002_figure_history",
        """
CREATE SEQUENCE change_set_seq START 1;
CREATE SEQUENCE version_seq START 1;

-- Every write to a figure belongs to one change set: who, when, what kind, and why.
CREATE TABLE change_sets (
    change_set_id BIGINT PRIMARY KEY DEFAULT nextval('change_set_seq'),
    kind VARCHAR NOT NULL CHECK (kind IN ('reference', 'demo', 'upload', 'correction')),
    recorded_at TIMESTAMP NOT NULL,  -- UTC
    recorded_by VARCHAR NOT NULL,
    reason VARCHAR,
    description VARCHAR,
    CHECK (kind <> 'correction' OR length(trim(coalesce(reason, ''))) > 0)
);

-- Figures are never updated in place: a correction is a new version of the same figure.
-- A figure is identified by indicator, period, breakdown and source.
CREATE TABLE observation_versions (
    version_id BIGINT PRIMARY KEY DEFAULT nextval('version_seq'),
    change_set_id BIGINT NOT NULL REFERENCES change_sets (change_set_id),
    indicator_code VARCHAR NOT NULL REFERENCES indicators (code),
    year INTEGER NOT NULL,
    quarter SMALLINT CHECK (quarter BETWEEN 1 AND 4),  -- NULL: the whole year
    sex VARCHAR NOT NULL,
    age_group VARCHAR NOT NULL,
    exploitation VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    value DECIMAL(18, 3) CHECK (value >= 0),
    is_preferred BOOLEAN NOT NULL,
    withdrawn BOOLEAN NOT NULL DEFAULT false,
    note VARCHAR,
    CHECK (withdrawn OR value IS NOT NULL)
);

-- Yearly allocation (bevilling) per initiative.
CREATE TABLE allocation_versions (
    version_id BIGINT PRIMARY KEY DEFAULT nextval('version_seq'),
    change_set_id BIGINT NOT NULL REFERENCES change_sets (change_set_id),
    initiative_code VARCHAR NOT NULL REFERENCES initiatives (code),
    year INTEGER NOT NULL,
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    amount_dkk DECIMAL(18, 2) CHECK (amount_dkk >= 0),
    withdrawn BOOLEAN NOT NULL DEFAULT false,
    note VARCHAR,
    CHECK (withdrawn OR amount_dkk IS NOT NULL)
);

-- Spending (forbrug) per initiative per quarter.
CREATE TABLE spending_versions (
    version_id BIGINT PRIMARY KEY DEFAULT nextval('version_seq'),
    change_set_id BIGINT NOT NULL REFERENCES change_sets (change_set_id),
    initiative_code VARCHAR NOT NULL REFERENCES initiatives (code),
    year INTEGER NOT NULL,
    quarter SMALLINT NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    amount_dkk DECIMAL(18, 2) CHECK (amount_dkk >= 0),
    withdrawn BOOLEAN NOT NULL DEFAULT false,
    note VARCHAR,
    CHECK (withdrawn OR amount_dkk IS NOT NULL)
);

-- Baselines and targets an indicator has under a plan, per year or for the whole plan.
CREATE TABLE target_versions (
    version_id BIGINT PRIMARY KEY DEFAULT nextval('version_seq'),
    change_set_id BIGINT NOT NULL REFERENCES change_sets (change_set_id),
    indicator_code VARCHAR NOT NULL REFERENCES indicators (code),
    plan_id VARCHAR NOT NULL REFERENCES plans (plan_id),
    year INTEGER,  -- NULL: for the whole plan
    kind VARCHAR NOT NULL CHECK (kind IN ('baseline', 'target')),
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    value DECIMAL(18, 3) CHECK (value >= 0),
    withdrawn BOOLEAN NOT NULL DEFAULT false,
    note VARCHAR,
    CHECK (withdrawn OR value IS NOT NULL)
);

-- "As of" any moment: the latest version of each figure recorded at or before it.
-- Auditors can call these directly: SELECT * FROM observations_as_of(TIMESTAMP '2025-03-31').
CREATE MACRO observations_as_of(as_of) AS TABLE
    SELECT v.*, c.recorded_at, c.recorded_by, c.kind AS change_kind, c.reason
    FROM observation_versions v JOIN change_sets c USING (change_set_id)
    WHERE c.recorded_at <= as_of
    QUALIFY row_number() OVER (
        PARTITION BY v.indicator_code, v.year, coalesce(v.quarter, 0),
                     v.sex, v.age_group, v.exploitation, v.source_id
        ORDER BY c.recorded_at DESC, v.version_id DESC) = 1;

CREATE MACRO allocations_as_of(as_of) AS TABLE
    SELECT v.*, c.recorded_at, c.recorded_by, c.kind AS change_kind, c.reason
    FROM allocation_versions v JOIN change_sets c USING (change_set_id)
    WHERE c.recorded_at <= as_of
    QUALIFY row_number() OVER (
        PARTITION BY v.initiative_code, v.year
        ORDER BY c.recorded_at DESC, v.version_id DESC) = 1;

CREATE MACRO targets_as_of(as_of) AS TABLE
    SELECT v.*, c.recorded_at, c.recorded_by, c.kind AS change_kind, c.reason
    FROM target_versions v JOIN change_sets c USING (change_set_id)
    WHERE c.recorded_at <= as_of
    QUALIFY row_number() OVER (
        PARTITION BY v.indicator_code, v.plan_id, coalesce(v.year, 0), v.kind
        ORDER BY c.recorded_at DESC, v.version_id DESC) = 1;

CREATE MACRO spending_as_of(as_of) AS TABLE
    SELECT v.*, c.recorded_at, c.recorded_by, c.kind AS change_kind, c.reason
    FROM spending_versions v JOIN change_sets c USING (change_set_id)
    WHERE c.recorded_at <= as_of
    QUALIFY row_number() OVER (
        PARTITION BY v.initiative_code, v.year, v.quarter
        ORDER BY c.recorded_at DESC, v.version_id DESC) = 1;
""",
    ),
    Migration(
        "0003_uploads",
        """
CREATE SEQUENCE upload_seq START 1;

-- Every accepted upload, with the original bytes so that it can be read again later.
CREATE TABLE uploads (
    upload_id BIGINT PRIMARY KEY DEFAULT nextval('upload_seq'),
    change_set_id BIGINT NOT NULL REFERENCES change_sets (change_set_id),
    kind VARCHAR NOT NULL CHECK (kind IN ('kpi', 'spending', 'allocations')),
    file_name VARCHAR NOT NULL,
    file_format VARCHAR NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
    sheet VARCHAR,
    sha256 VARCHAR NOT NULL CHECK (length(sha256) = 64),
    size_bytes BIGINT NOT NULL,
    uploaded_by VARCHAR NOT NULL,
    uploaded_at TIMESTAMP NOT NULL,  -- UTC
    reason VARCHAR,
    rows_total INTEGER NOT NULL,
    rows_new INTEGER NOT NULL,
    rows_unchanged INTEGER NOT NULL,
    rows_corrected INTEGER NOT NULL,
    accepted_warnings JSON NOT NULL,
    content BLOB NOT NULL
);

-- Figures sent in through planwatch cite the organisation that sent them.
INSERT INTO sources (source_id, title, publisher, url, published_on, kind, note) VALUES
    ('cmm-upload', 'Kvartalstal indberettet af Center mod Menneskehandel via planwatch',
     'Center mod Menneskehandel', NULL, NULL, 'upload',
     'Each figure''s upload (file, SHA-256, who, when) is in the uploads table.'),
    ('ministry-budget-upload', 'Bevillinger og forbrug indberettet af ministeriet via planwatch',
     'Ministeriet (økonomifunktionen)', NULL, NULL, 'upload',
     'Each figure''s upload (file, SHA-256, who, when) is in the uploads table.');
""",
    ),
    Migration(
        "0004_access_and_audit",
        """
-- Users. Local accounts have an Argon2id hash (never the password); single sign-on users are
-- matched by e-mail or the identity provider's subject and have no hash. Users are never
-- deleted, only disabled, so that every name in the history keeps meaning someone.
CREATE TABLE users (
    name VARCHAR PRIMARY KEY,
    display_name VARCHAR NOT NULL,
    email VARCHAR,
    oidc_subject VARCHAR,
    password_hash VARCHAR CHECK (password_hash IS NULL OR password_hash LIKE '$argon2id$%'),
    disabled BOOLEAN NOT NULL DEFAULT false,
    failed_signins INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP,  -- UTC
    created_at TIMESTAMP NOT NULL,  -- UTC
    created_by VARCHAR NOT NULL,
    last_signin_at TIMESTAMP  -- UTC
);

CREATE TABLE user_roles (
    name VARCHAR NOT NULL,
    role VARCHAR NOT NULL
        CHECK (role IN ('viewer', 'uploader', 'approver', 'auditor', 'admin')),
    granted_at TIMESTAMP NOT NULL,  -- UTC
    granted_by VARCHAR NOT NULL,
    PRIMARY KEY (name, role)
);

-- A submission (a change set of kind upload or correction) is approved or returned once.
-- Without a review it is submitted: visible to uploaders, approvers and auditors, not viewers.
CREATE TABLE reviews (
    change_set_id BIGINT PRIMARY KEY REFERENCES change_sets (change_set_id),
    decision VARCHAR NOT NULL CHECK (decision IN ('approved', 'returned')),
    reviewed_at TIMESTAMP NOT NULL,  -- UTC
    reviewed_by VARCHAR NOT NULL,
    comment VARCHAR,
    CHECK (decision <> 'returned' OR length(trim(coalesce(comment, ''))) > 0)
);

-- The audit log: append-only, each entry carrying the hash of the one before it, so that an
-- edited or deleted entry breaks the chain. audit_head holds the last entry and is updated in
-- the same transaction as every append: two appends at once conflict instead of forking the
-- chain, and a deleted last entry no longer matches the head.
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    recorded_at TIMESTAMP NOT NULL,  -- UTC
    actor VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    subject VARCHAR,
    details VARCHAR NOT NULL,  -- canonical JSON
    origin VARCHAR NOT NULL,
    prev_hash VARCHAR NOT NULL CHECK (length(prev_hash) = 64),
    entry_hash VARCHAR NOT NULL UNIQUE CHECK (length(entry_hash) = 64)
);
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    entry_hash VARCHAR NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, repeat('0', 64));

-- The state of every change set at a moment: reference and demo figures need no approval.
CREATE MACRO change_set_status(as_of) AS TABLE
    SELECT c.change_set_id,
           CASE WHEN c.kind IN ('reference', 'demo') THEN 'approved'
                WHEN r.decision IS NULL THEN 'submitted'
                ELSE r.decision END AS status,
           r.reviewed_at, r.reviewed_by, r.comment AS review_comment
    FROM change_sets c
    LEFT JOIN reviews r ON r.change_set_id = c.change_set_id AND r.reviewed_at <= as_of
    WHERE c.recorded_at <= as_of;

-- "As of" now also says what a reader may see: 'approved' (the default: only approved figures)
-- or 'submitted' (approved ones and those awaiting approval). Returned submissions never count.
CREATE OR REPLACE MACRO observations_as_of(as_of, visibility := 'approved') AS TABLE
    SELECT v.*, c.recorded_at, c.recorded_by, c.kind AS change_kind, c.reason, s.status
    FROM observation_versions v JOIN change_sets c USING (change_set_id)
    JOIN change_set_status(as_of) s USING (change_set_id)
    WHERE s.status = 'approved' OR (visibility = 'submitted' AND s.status = 'submitted')
    QUALIFY row_number() OVER (
        PARTITION BY v.indicator_code, v.year, coalesce(v.quarter, 0),
                     v.sex, v.age_group, v.exploitation, v.source_id
        ORDER BY c.recorded_at DESC, v.version_id DESC) = 1;

CREATE OR REPLACE MACRO allocations_as_of(as_of, visibility := 'approved') AS TABLE
    SELECT v.*, c.recorded_at, c.recorded_by, c.kind AS change_kind, c.reason, s.status
    FROM allocation_versions v JOIN change_sets c USING (change_set_id)
    JOIN change_set_status(as_of) s USING (change_set_id)
    WHERE s.status = 'approved' OR (visibility = 'submitted' AND s.status = 'submitted')
    QUALIFY row_number() OVER (
        PARTITION BY v.initiative_code, v.year
        ORDER BY c.recorded_at DESC, v.version_id DESC) = 1;

CREATE OR REPLACE MACRO targets_as_of(as_of, visibility := 'approved') AS TABLE
    SELECT v.*, c.recorded_at, c.recorded_by, c.kind AS change_kind, c.reason, s.status
    FROM target_versions v JOIN change_sets c USING (change_set_id)
    JOIN change_set_status(as_of) s USING (change_set_id)
    WHERE s.status = 'approved' OR (visibility = 'submitted' AND s.status = 'submitted')
    QUALIFY row_number() OVER (
        PARTITION BY v.indicator_code, v.plan_id, coalesce(v.year, 0), v.kind
        ORDER BY c.recorded_at DESC, v.version_id DESC) = 1;

CREATE OR REPLACE MACRO spending_as_of(as_of, visibility := 'approved') AS TABLE
    SELECT v.*, c.recorded_at, c.recorded_by, c.kind AS change_kind, c.reason, s.status
    FROM spending_versions v JOIN change_sets c USING (change_set_id)
    JOIN change_set_status(as_of) s USING (change_set_id)
    WHERE s.status = 'approved' OR (visibility = 'submitted' AND s.status = 'submitted')
    QUALIFY row_number() OVER (
        PARTITION BY v.initiative_code, v.year, v.quarter
        ORDER BY c.recorded_at DESC, v.version_id DESC) = 1;
""",
    ),
    Migration(
        "0005_audit_content",
        """
-- What each audit entry sealed: the hashes of the rows it wrote (storage/content_seal.py).
-- NULL for entries written before this migration; the entry's hash covers it when present.
ALTER TABLE audit_log ADD COLUMN content VARCHAR;
-- The latest seal of each unit (an index for the writers; verify trusts only the chain).
CREATE TABLE content_seals (
    unit VARCHAR PRIMARY KEY,
    sha256 VARCHAR NOT NULL
);
-- The sealed lines of figures and definitions, so verify can say what a row was when sealed.
CREATE TABLE sealed_rows (
    unit VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    row_key VARCHAR NOT NULL,
    row_text VARCHAR NOT NULL,
    PRIMARY KEY (unit, table_name, row_key)
);
""",
    ),
    Migration(
        "0006_identity",
        """
-- Single sign-on binds an account to one identity: the provider (issuer) and its subject.
ALTER TABLE users ADD COLUMN oidc_issuer VARCHAR;

-- The command line acts as the planwatch user mapped to the operating-system account that runs
-- it (planwatch users map-os-user); one planwatch user per operating-system account.
CREATE TABLE os_user_map (
    os_user VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,  -- the planwatch user
    mapped_at TIMESTAMP NOT NULL,  -- UTC
    mapped_by VARCHAR NOT NULL
);

-- Personal tokens for the command line (PLANWATCH_TOKEN): only the SHA-256 of the token (32
-- random bytes) is kept; a revoked token stays, with when and by whom.
CREATE TABLE cli_tokens (
    token_id BIGINT PRIMARY KEY,
    name VARCHAR NOT NULL,  -- the planwatch user it proves
    token_sha256 VARCHAR NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
    label VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,  -- UTC
    created_by VARCHAR NOT NULL,
    revoked_at TIMESTAMP,  -- UTC
    revoked_by VARCHAR
);
""",
    ),
    Migration(
        "0007_rebuilt_accounts",
        """
-- An account made again by a rebuild from the archive has no password (passwords are never
-- archived): it waits for an admin to set a new one, and its sign-in says so.
ALTER TABLE users ADD COLUMN needs_new_password BOOLEAN DEFAULT false;

-- The reference files an init loaded, by their SHA-256 (which its audit entry names): kept in the
-- database as an upload's file is, so that the archive beside any copy of it can hold them, and a
-- rebuild loads these files rather than those of the version installed then.
CREATE TABLE reference_files (
    sha256 VARCHAR PRIMARY KEY CHECK (length(sha256) = 64),
    content BLOB NOT NULL
);
""",
    ),
    Migration(
        "0008_target_direction",
        """
-- A target says which way it is met: at least, at most or about its value (NULL: a baseline,
-- or a target recorded before directions were kept). DuckDB cannot add a column with a CHECK;
-- the reader takes an unknown word as no direction, and the content seal covers the column.
ALTER TABLE target_versions ADD COLUMN direction VARCHAR;
""",
    ),
    Migration(
        "0009_plan_submissions",
        """
-- A plan defined through the plan workbook (issue 19) waits for a second person's approval as
-- a change set of kind 'upload' with its workbook here: the file's bytes and the plan it defines,
-- as checked (JSON). Nothing of the plan is in plans, action_areas, initiatives, sources,
-- allocation_versions or target_versions until an approver approves it; then all of it is
-- written in the approval's transaction (storage/plan_sql.py). A returned plan is never applied.
CREATE TABLE plan_submissions (
    change_set_id BIGINT PRIMARY KEY REFERENCES change_sets (change_set_id),
    plan_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL CHECK (length(sha256) = 64),
    size_bytes BIGINT NOT NULL,
    content BLOB NOT NULL,
    definition JSON NOT NULL
);
""",
    ),
    Migration(
        "0010_definition_history",
        """
-- Definitions have history (issue 19). The rows of plans, action_areas and initiatives are each
-- definition as it was first stored, sealed once and never changed. A plan workbook approved for
-- a new plan writes a version of each of its definitions here (so "as of" before the approval
-- it did not exist); a revised workbook for a stored plan writes the revised ones. A version is
-- the definition's row as JSON (the columns of its table, as the content seal writes them) and
-- belongs to a change set: who, when and why; the change set's seal covers it. ``from_start``
-- marks the row as it stood before its first revision when it had no version (a definition
-- stored before history was kept): it holds from the beginning until the first version.
CREATE TABLE definition_versions (
    change_set_id BIGINT NOT NULL REFERENCES change_sets (change_set_id),
    table_name VARCHAR NOT NULL CHECK (table_name IN ('plans', 'action_areas', 'initiatives')),
    row_key VARCHAR NOT NULL,
    content JSON NOT NULL,
    from_start BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (change_set_id, table_name, row_key, from_start)
);

-- One table's definitions as of a moment: the latest approved version at or before it (a
-- from_start row counts from the beginning); a definition with no version at all is its row.
CREATE MACRO definition_rows_as_of(tbl, as_of) AS TABLE
    SELECT d.row_key, d.content
    FROM definition_versions d JOIN change_sets c USING (change_set_id)
    LEFT JOIN change_set_status(as_of) s USING (change_set_id)
    WHERE d.table_name = tbl AND (d.from_start OR s.status = 'approved')
    QUALIFY row_number() OVER (
        PARTITION BY d.row_key
        ORDER BY d.from_start, c.recorded_at DESC, d.change_set_id DESC) = 1;

CREATE MACRO plans_as_of(as_of) AS TABLE
    SELECT plan_id, name_da, name_en, start_date, end_date, total_dkk, status, source_id, note
    FROM plans p WHERE NOT EXISTS (
        SELECT 1 FROM definition_versions d
        WHERE d.table_name = 'plans' AND d.row_key = p.plan_id)
    UNION ALL
    SELECT content->>'plan_id', content->>'name_da', content->>'name_en',
           CAST(content->>'start_date' AS DATE), CAST(content->>'end_date' AS DATE),
           CAST(content->>'total_dkk' AS DECIMAL(18, 2)), content->>'status',
           content->>'source_id', content->>'note'
    FROM definition_rows_as_of('plans', as_of);

CREATE MACRO action_areas_as_of(as_of) AS TABLE
    SELECT plan_id, code, name_da, name_en, source_id
    FROM action_areas a WHERE NOT EXISTS (
        SELECT 1 FROM definition_versions d
        WHERE d.table_name = 'action_areas' AND d.row_key = a.plan_id || '/' || a.code)
    UNION ALL
    SELECT content->>'plan_id', content->>'code', content->>'name_da', content->>'name_en',
           content->>'source_id'
    FROM definition_rows_as_of('action_areas', as_of);

CREATE MACRO initiatives_as_of(as_of) AS TABLE
    SELECT code, plan_id, action_area_code, name_da, name_en, responsible_org, source_id
    FROM initiatives i WHERE NOT EXISTS (
        SELECT 1 FROM definition_versions d
        WHERE d.table_name = 'initiatives' AND d.row_key = i.code)
    UNION ALL
    SELECT content->>'code', content->>'plan_id', content->>'action_area_code',
           content->>'name_da', content->>'name_en', content->>'responsible_org',
           content->>'source_id'
    FROM definition_rows_as_of('initiatives', as_of);
""",
    ),
    Migration(
        "0011_initiative_results",
        """
-- Initiative-level result indicators (issue 19): which indicators tell what an initiative
-- achieves (outreach contacts, nights in shelter, ...), set by the plan workbook's sheet
-- "Resultatindikatorer". A link is versioned like an allocation: a row per change, a revised
-- workbook that no longer names it withdraws it; the change set says who, when and why, and its
-- seal covers the row. The indicators themselves are rows of ``indicators`` (not core).
CREATE TABLE initiative_results (
    change_set_id BIGINT NOT NULL REFERENCES change_sets (change_set_id),
    initiative_code VARCHAR NOT NULL REFERENCES initiatives (code),
    indicator_code VARCHAR NOT NULL REFERENCES indicators (code),
    withdrawn BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (change_set_id, initiative_code, indicator_code)
);

-- The links that hold at a moment: each link's latest approved version, if not withdrawn.
CREATE MACRO initiative_results_as_of(as_of) AS TABLE
    SELECT initiative_code, indicator_code, change_set_id, recorded_at
    FROM (
        SELECT r.*, c.recorded_at
        FROM initiative_results r JOIN change_sets c USING (change_set_id)
        JOIN change_set_status(as_of) s USING (change_set_id)
        WHERE s.status = 'approved'
        QUALIFY row_number() OVER (
            PARTITION BY r.initiative_code, r.indicator_code
            ORDER BY c.recorded_at DESC, r.change_set_id DESC) = 1
    )
    WHERE NOT withdrawn;
""",
    ),
    Migration(
        "0012_indicator_source_history",
        """
-- Indicators and sources have history too (issue 19): a result indicator a plan created is
-- renamed or redefined, a plan's source moves to another address. Their versions are rows of
-- definition_versions like a plan's; DuckDB cannot drop a CHECK, so the table is rebuilt with
-- the wider one (every row is kept as it was: the change sets' seals cover them). The rows wait
-- in a plain copy: DuckDB renames a table but not the foreign keys that name it (a renamed copy
-- made deleting a change set fail).
CREATE TEMP TABLE definition_versions_kept AS SELECT * FROM definition_versions;
DROP TABLE definition_versions;
CREATE TABLE definition_versions (
    change_set_id BIGINT NOT NULL REFERENCES change_sets (change_set_id),
    table_name VARCHAR NOT NULL CHECK (table_name IN (
        'plans', 'action_areas', 'initiatives', 'indicators', 'sources')),
    row_key VARCHAR NOT NULL,
    content JSON NOT NULL,
    from_start BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (change_set_id, table_name, row_key, from_start)
);
INSERT INTO definition_versions
    SELECT change_set_id, table_name, row_key, content, from_start
    FROM definition_versions_kept;
DROP TABLE definition_versions_kept;

-- An indicator's unit and aggregation never change (its figures are summed and suppressed by
-- them); its names and definitions may. is_core and direction are kept as first stored.
CREATE MACRO indicators_as_of(as_of) AS TABLE
    SELECT code, name_da, name_en, definition_da, definition_en, unit, aggregation, direction,
           is_core
    FROM indicators i WHERE NOT EXISTS (
        SELECT 1 FROM definition_versions d
        WHERE d.table_name = 'indicators' AND d.row_key = i.code)
    UNION ALL
    SELECT content->>'code', content->>'name_da', content->>'name_en',
           content->>'definition_da', content->>'definition_en', content->>'unit',
           content->>'aggregation', content->>'direction',
           CAST(content->>'is_core' AS BOOLEAN)
    FROM definition_rows_as_of('indicators', as_of);

CREATE MACRO sources_as_of(as_of) AS TABLE
    SELECT source_id, title, publisher, url, published_on, kind, note
    FROM sources s WHERE NOT EXISTS (
        SELECT 1 FROM definition_versions d
        WHERE d.table_name = 'sources' AND d.row_key = s.source_id)
    UNION ALL
    SELECT content->>'source_id', content->>'title', content->>'publisher', content->>'url',
           CAST(content->>'published_on' AS DATE), content->>'kind', content->>'note'
    FROM definition_rows_as_of('sources', as_of);
""",
    ),
    Migration(
        "0013_indicator_synonyms",
        """
-- The words by which texts name an indicator (issue 15: "an indicator's names and synonyms live
-- with the indicator definition"; issue 19: "synonyms ... versioned like figures"). One row per
-- indicator that has any: its Danish and its English synonyms, each list written as the terms
-- separated by "; " in the order they were declared. Loaded from the bundled
-- indicator_terms.csv at init, given by a plan workbook for a plan's own result indicators; a
-- changed list is a version in definition_versions, read through indicator_synonyms_as_of.
CREATE TABLE indicator_synonyms (
    code VARCHAR PRIMARY KEY REFERENCES indicators (code),
    synonyms_da VARCHAR NOT NULL DEFAULT '',
    synonyms_en VARCHAR NOT NULL DEFAULT ''
);

-- definition_versions takes the synonyms too: rebuilt with the wider CHECK as in 0012.
CREATE TEMP TABLE definition_versions_kept AS SELECT * FROM definition_versions;
DROP TABLE definition_versions;
CREATE TABLE definition_versions (
    change_set_id BIGINT NOT NULL REFERENCES change_sets (change_set_id),
    table_name VARCHAR NOT NULL CHECK (table_name IN (
        'plans', 'action_areas', 'initiatives', 'indicators', 'sources',
        'indicator_synonyms')),
    row_key VARCHAR NOT NULL,
    content JSON NOT NULL,
    from_start BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (change_set_id, table_name, row_key, from_start)
);
INSERT INTO definition_versions
    SELECT change_set_id, table_name, row_key, content, from_start
    FROM definition_versions_kept;
DROP TABLE definition_versions_kept;

CREATE MACRO indicator_synonyms_as_of(as_of) AS TABLE
    SELECT code, synonyms_da, synonyms_en
    FROM indicator_synonyms s WHERE NOT EXISTS (
        SELECT 1 FROM definition_versions d
        WHERE d.table_name = 'indicator_synonyms' AND d.row_key = s.code)
    UNION ALL
    SELECT content->>'code', content->>'synonyms_da', content->>'synonyms_en'
    FROM definition_rows_as_of('indicator_synonyms', as_of);

-- Each indicator's unit and aggregation as they stand now, for the readers that sum, suppress
-- and check figures. A plan's own result indicator may get a new unit or aggregation only while
-- no figure of it is stored (plan_sql refuses it otherwise), so every figure stored is under
-- these; CMM's indicators never get one. Cheaper than indicators_as_of: no status per change set.
CREATE MACRO indicator_rules() AS TABLE
    SELECT i.code, coalesce(v.content->>'unit', i.unit) AS unit,
           coalesce(v.content->>'aggregation', i.aggregation) AS aggregation
    FROM indicators i LEFT JOIN (
        SELECT d.row_key, d.content
        FROM definition_versions d JOIN change_sets c USING (change_set_id)
        WHERE d.table_name = 'indicators'
        QUALIFY row_number() OVER (
            PARTITION BY d.row_key
            ORDER BY d.from_start, c.recorded_at DESC, d.change_set_id DESC) = 1
    ) v ON v.row_key = i.code;
""",
    ),
    Migration(
        "0014_kept_disclosure_patterns",
        """
-- Small-count suppression patterns of a year, kept so that a server's first visit does not
-- solve them again (issue 17: 28-31 s on the 1000x database). A pure function of its inputs
-- (JSON: the year's figures at each publication point, the aggregation, the threshold and the
-- version of the code that solves them; planwatch.domain.pattern_codec), kept under their
-- SHA-256. Derived data, not evidence: not sealed; a reader checks an entry before using it and
-- solves the year itself when it is missing or does not hold; audit verify solves each again.
CREATE TABLE disclosure_patterns (
    digest VARCHAR PRIMARY KEY,
    inputs VARCHAR NOT NULL,
    patterns VARCHAR NOT NULL,
    computed_at TIMESTAMP NOT NULL
);
""",
    ),
)

CONTENT_MIGRATION = "0005_audit_content"
"""After this migration, a database that already has a history gets one entry sealing it."""


def _applied(connection: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, dt.datetime]]:
    rows = connection.execute(
        "SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name"
    ).fetchall()
    return {name: (checksum, applied_at) for name, checksum, applied_at in rows}


def _check_history(
    applied: dict[str, tuple[str, dt.datetime]], migrations: tuple[Migration, ...]
) -> None:
    known = {m.name: m for m in migrations}
    unknown = sorted(set(applied) - set(known))
    if unknown:
        raise SchemaOutdatedError(
            "Databasen er opdateret af en nyere udgave af planwatch "
            f"(ukendte migreringer: {', '.join(unknown)}). Opdatér planwatch.",
            "The database was upgraded by a newer planwatch "
            f"(unknown migrations: {', '.join(unknown)}). Upgrade planwatch.",
        )
    edited = sorted(
        name for name, (checksum, _) in applied.items() if known[name].checksum != checksum
    )
    if edited:
        raise MigrationError(
            f"Allerede anvendte migreringer er blevet ændret i koden: {', '.join(edited)}. "
            "En anvendt migrering må aldrig ændres; tilføj en ny.",
            f"Applied migrations were edited in the code: {', '.join(edited)}. "
            "Never edit an applied migration; add a new one.",
        )


def status(store: Store, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[MigrationState]:
    """Every migration this code knows, with when it was applied (``None`` = pending)."""
    if not store.exists():
        return [MigrationState(m.name, None) for m in migrations]
    with store.connect(read_only=True) as connection:
        tables = connection.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations'"
        ).fetchall()
        applied = {} if tables[0][0] == 0 else _applied(connection)
    _check_history(applied, migrations)
    return [MigrationState(m.name, applied.get(m.name, (None, None))[1]) for m in migrations]


def migrate(
    store: Store,
    migrations: tuple[Migration, ...] = MIGRATIONS,
    *,
    now: dt.datetime | None = None,
) -> list[str]:
    """Apply every pending migration in order, each in its own transaction. Returns their names."""
    done: list[str] = []
    with store.connect() as connection:
        connection.execute(_BOOKKEEPING)
        applied = _applied(connection)
        _check_history(applied, migrations)
        for migration in migrations:
            if migration.name in applied:
                continue
            connection.execute("BEGIN TRANSACTION")
            try:
                connection.execute(migration.sql)
                connection.execute(
                    "INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, ?)",
                    [migration.name, migration.checksum, now or utc_now()],
                )
                connection.execute("COMMIT")
            except duckdb.Error as error:
                connection.execute("ROLLBACK")
                raise MigrationError(
                    f"Migreringen {migration.name} mislykkedes og er rullet tilbage: {error}",
                    f"The migration {migration.name} failed and was rolled back: {error}",
                ) from error
            done.append(migration.name)
        if CONTENT_MIGRATION in done:
            content_seal.seal_existing(connection, now or utc_now())
    return done


def require_current(store: Store, migrations: tuple[Migration, ...] = MIGRATIONS) -> None:
    """Refuse to work on a database with pending migrations."""
    pending = [s.name for s in status(store, migrations) if not s.applied]
    if pending:
        raise SchemaOutdatedError(
            f"Databasen mangler migreringer ({', '.join(pending)}). Kør 'planwatch db migrate'.",
            f"The database has pending migrations ({', '.join(pending)}). "
            "Run 'planwatch db migrate'.",
        )
