"""Texts of a large submission's summary and pages of rows on Godkendelse and Mine
indberetninger (issue 16), Danish and English."""

from __future__ import annotations

from typing import Final

REVIEW_TEXTS: Final[dict[str, dict[str, str]]] = {
    "large_submission_intro": {
        "da": "Indberetningen har {count} tal. Først en opgørelse pr. indikator og periode: hvor "
        "mange tal der er nye, hvor mange der retter et godkendt tal og hvor meget. Derunder "
        "tallene selv, {rows} ad gangen.",
        "en": "The submission holds {count} figures. First a summary per indicator and period: "
        "how many figures are new, how many revise an approved figure and by how much. Below "
        "it the figures themselves, {rows} at a time.",
    },
    "col_figure_count": {"da": "Antal tal", "en": "Figures"},
    "col_new_figures": {"da": "Nye", "en": "New"},
    "col_revised_figures": {"da": "Retter godkendte", "en": "Revise approved"},
    "col_unchanged_figures": {"da": "Uændrede", "en": "Unchanged"},
    "col_largest_change": {"da": "Største ændring", "en": "Largest change"},
    "col_total_change": {"da": "Ændringer i alt", "en": "Changes in total"},
    "figures_page": {"da": "Side (af {pages})", "en": "Page (of {pages})"},
    "figures_rows_shown": {
        "da": "Viser tal {first}-{last} af {count}.",
        "en": "Showing figures {first}-{last} of {count}.",
    },
    # -- the upload report (issue 18)
    "problem_at_cell": {
        "da": "række {row}, kolonne '{column}'",
        "en": "row {row}, column '{column}'",
    },
    "problem_at_row": {"da": "række {row}", "en": "row {row}"},
    "problem_at_column": {"da": "kolonne '{column}'", "en": "column '{column}'"},
    "problem_in_file": {"da": "hele filen", "en": "the whole file"},
    "problem_on_sheet": {"da": "ark '{sheet}'", "en": "sheet '{sheet}'"},
    "problems_truncated_by_kind": {
        "da": "Kun de første {shown} af {total} problemer vises. Alle problemer efter slags: "
        "{counts}.",
        "en": "Only the first {shown} of {total} problems are shown. All problems by kind: "
        "{counts}.",
    },
    # -- Godkendelse and Mine indberetninger (issue 18): sources by name, short headers
    "source_cmm-upload": {"da": "Kvartalstal fra CMM", "en": "Quarterly figures from CMM"},
    "source_ministry-budget-upload": {
        "da": "Bevillinger og forbrug fra ministeriet",
        "en": "Allocations and spending from the ministry",
    },
    "col_revision_short": {"da": "Rettelse", "en": "Revision"},
    "col_revision_help": {
        "da": "Retter et godkendt tal: markeret med gult.",
        "en": "Revises an approved figure: highlighted in yellow.",
    },
    # -- Revisionslog (issue 18): actions, subjects and details in words
    "audit_action_sign-in": {"da": "Loggede ind", "en": "Signed in"},
    "audit_action_sign-in-failed": {"da": "Mislykket login", "en": "Failed sign-in"},
    "audit_action_sign-out": {"da": "Loggede ud", "en": "Signed out"},
    "audit_action_session-expired": {"da": "Sessionen udløb", "en": "Session expired"},
    "audit_action_upload": {"da": "Indberettede tal", "en": "Uploaded figures"},
    "audit_action_correction": {"da": "Rettede et tal", "en": "Corrected a figure"},
    "audit_action_approve": {"da": "Godkendte en indberetning", "en": "Approved a submission"},
    "audit_action_return": {"da": "Returnerede en indberetning", "en": "Returned a submission"},
    "audit_action_export": {"da": "Eksporterede tal", "en": "Exported figures"},
    "audit_action_user-added": {"da": "Tilføjede en bruger", "en": "Added a user"},
    "audit_action_user-disabled": {"da": "Spærrede en bruger", "en": "Disabled a user"},
    "audit_action_user-enabled": {"da": "Genåbnede en bruger", "en": "Enabled a user"},
    "audit_action_role-granted": {"da": "Gav en rolle", "en": "Granted a role"},
    "audit_action_role-revoked": {"da": "Fjernede en rolle", "en": "Revoked a role"},
    "audit_action_password-set": {"da": "Satte en adgangskode", "en": "Set a password"},
    "audit_action_reference-loaded": {
        "da": "Indlæste referencedata",
        "en": "Loaded reference data",
    },
    "audit_action_permission-denied": {"da": "Adgang nægtet", "en": "Permission denied"},
    "audit_action_content-sealed": {"da": "Forseglede indholdet", "en": "Sealed the content"},
    "audit_action_accounts-rebuilt": {
        "da": "Genskabte brugerkonti uden adgangskoder",
        "en": "Made user accounts again, without passwords",
    },
    "audit_action_plan-applied": {
        "da": "Oprettede en godkendt plan",
        "en": "Wrote an approved plan",
    },
    "audit_action_os-user-mapped": {"da": "Knyttede en systembruger", "en": "Mapped an OS user"},
    "audit_action_os-user-unmapped": {
        "da": "Fjernede en systembruger",
        "en": "Unmapped an OS user",
    },
    "audit_action_token-created": {
        "da": "Oprettede en adgangsnøgle",
        "en": "Created an access token",
    },
    "audit_action_token-revoked": {
        "da": "Tilbagekaldte en adgangsnøgle",
        "en": "Revoked an access token",
    },
    "audit_action_sso-unbound": {"da": "Frakoblede single sign-on", "en": "Unbound single sign-on"},
    "audit_field_accounts": {"da": "konti", "en": "accounts"},
    "audit_field_accepted_warnings": {"da": "accepterede advarsler", "en": "accepted warnings"},
    "audit_field_as_of": {"da": "tal pr.", "en": "figures as of"},
    "audit_field_before": {"da": "før", "en": "before"},
    "audit_field_bound": {"da": "knyttet", "en": "bound"},
    "audit_field_breakdown": {"da": "opdeling", "en": "breakdown"},
    "audit_field_comment": {"da": "kommentar", "en": "comment"},
    "audit_field_demo": {"da": "demo", "en": "demo"},
    "audit_field_display_name": {"da": "vist navn", "en": "display name"},
    "audit_field_email": {"da": "e-mail", "en": "e-mail"},
    "audit_field_figures": {"da": "antal tal", "en": "figures"},
    "audit_field_file_name": {"da": "filnavn", "en": "file name"},
    "audit_field_files": {"da": "filer", "en": "files"},
    "audit_field_format": {"da": "format", "en": "format"},
    "audit_field_indicator": {"da": "indikator", "en": "indicator"},
    "audit_field_issuer": {"da": "udsteder", "en": "issuer"},
    "audit_field_kind": {"da": "slags", "en": "kind"},
    "audit_field_label": {"da": "navn", "en": "label"},
    "audit_field_local_password": {"da": "lokal adgangskode", "en": "local password"},
    "audit_field_message": {"da": "besked", "en": "message"},
    "audit_field_method": {"da": "metode", "en": "method"},
    "audit_field_name": {"da": "navn", "en": "name"},
    "audit_field_new_value": {"da": "ny værdi", "en": "new value"},
    "audit_field_old_value": {"da": "gammel værdi", "en": "old value"},
    "audit_field_oidc_subject": {
        "da": "subject (single sign-on)",
        "en": "subject (single sign-on)",
    },
    "audit_field_os_user": {"da": "systembruger", "en": "OS user"},
    "audit_field_period": {"da": "periode", "en": "period"},
    "audit_field_plan_id": {"da": "plan", "en": "plan"},
    "audit_field_reason": {"da": "begrundelse", "en": "reason"},
    "audit_field_role": {"da": "rolle", "en": "role"},
    "audit_field_roles": {"da": "roller", "en": "roles"},
    "audit_field_rows_corrected": {"da": "rettede tal", "en": "corrected figures"},
    "audit_field_rows_new": {"da": "nye tal", "en": "new figures"},
    "audit_field_sha256": {"da": "SHA-256", "en": "SHA-256"},
    "audit_field_size_bytes": {"da": "størrelse (byte)", "en": "size (bytes)"},
    "audit_field_source_id": {"da": "kilde", "en": "source"},
    "audit_field_sso": {"da": "single sign-on", "en": "single sign-on"},
    "audit_field_subject": {"da": "subject", "en": "subject"},
    "audit_field_submission": {"da": "indberetning", "en": "submission"},
    "audit_field_submitted_by": {"da": "indsendt af", "en": "submitted by"},
    "audit_field_token_id": {"da": "nøgle nr.", "en": "token no."},
    "audit_field_upload_id": {"da": "arkiveret fil nr.", "en": "archived file no."},
    "audit_subject_submission": {"da": "indberetning {id}", "en": "submission {id}"},
    "audit_no": {"da": "nej", "en": "no"},
    "col_action_code": {"da": "Handlingskode", "en": "Action code"},
    "col_details_text": {"da": "Detaljer", "en": "Details"},
    "audit_reason_unknown-user": {"da": "ukendt bruger", "en": "unknown user"},
    "audit_reason_no-local-password": {"da": "ingen lokal adgangskode", "en": "no local password"},
    "audit_reason_locked": {
        "da": "spærret efter for mange forsøg",
        "en": "locked after too many attempts",
    },
    "audit_reason_wrong-password": {"da": "forkert adgangskode", "en": "wrong password"},
    "audit_reason_wrong-password-locked": {
        "da": "forkert adgangskode, nu spærret",
        "en": "wrong password, now locked",
    },
    "audit_reason_disabled": {"da": "brugeren er spærret", "en": "the user is disabled"},
    "audit_reason_no-roles": {"da": "ingen roller", "en": "no roles"},
    "audit_reason_needs-new-password": {
        "da": "genskabt konto uden adgangskode",
        "en": "rebuilt account without a password",
    },
    "audit_reason_invalid-name": {"da": "ugyldigt brugernavn", "en": "invalid user name"},
    "audit_reason_invalid-claims": {
        "da": "ugyldige oplysninger fra login-tjenesten",
        "en": "invalid claims from the identity provider",
    },
}
