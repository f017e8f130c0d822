"""Texts of sign-in, roles, submissions, approval, the audit log and user administration, in
Danish and English. :mod:`planwatch.ui.i18n` merges them into its ``TEXTS``; use its ``t``.
"""

from __future__ import annotations

from typing import Final

ACCESS_TEXTS: Final[dict[str, dict[str, str]]] = {
    # Sign-in
    "signin_title": {"da": "Log ind", "en": "Sign in"},
    "signin_intro": {
        "da": "planwatch følger den nationale handlingsplan mod menneskehandel. Log ind med "
        "din planwatch-konto.",
        "en": "planwatch follows the national action plan against human trafficking. Sign in "
        "with your planwatch account.",
    },
    "signin_intro_sso": {
        "da": "planwatch følger den nationale handlingsplan mod menneskehandel. Log ind med "
        "din organisations konto.",
        "en": "planwatch follows the national action plan against human trafficking. Sign in "
        "with your organisation's account.",
    },
    "user_name": {"da": "Brugernavn", "en": "User name"},
    "password": {"da": "Adgangskode", "en": "Password"},
    "signin_button": {"da": "Log ind", "en": "Sign in"},
    "signin_missing": {
        "da": "Skriv både brugernavn og adgangskode.",
        "en": "Enter both your user name and your password.",
    },
    "signin_sso": {"da": "Log ind med {provider}", "en": "Sign in with {provider}"},
    "sso_generic": {"da": "single sign-on", "en": "single sign-on"},
    "sso_not_configured": {
        "da": "Single sign-on er ikke sat op: [auth] mangler i .streamlit/secrets.toml. Se "
        "docs/authentication.md.",
        "en": "Single sign-on is not set up: [auth] is missing from .streamlit/secrets.toml. "
        "See docs/authentication.md.",
    },
    "sso_signin_again": {
        "da": "Log ind igen for at fortsætte.",
        "en": "Sign in again to continue.",
    },
    "session_ended": {
        "da": "Din session er afsluttet efter {minutes} minutter uden aktivitet. Log ind igen.",
        "en": "Your session ended after {minutes} minutes without activity. Sign in again.",
    },
    "signed_out": {"da": "Du er logget ud.", "en": "You are signed out."},
    "account_gone": {
        "da": "Din konto er deaktiveret eller findes ikke længere, så din session er "
        "afsluttet. Kontakt en administrator.",
        "en": "Your account is disabled or no longer exists, so your session has ended. Contact "
        "an administrator.",
    },
    "no_roles_left": {
        "da": "Din konto har ikke længere nogen roller, så din session er afsluttet. Kontakt en "
        "administrator.",
        "en": "Your account no longer has any roles, so your session has ended. Contact an "
        "administrator.",
    },
    "no_database": {
        "da": "Der er ingen planwatch-database endnu. Kør 'planwatch init' (se README).",
        "en": "There is no planwatch database yet. Run 'planwatch init' (see the README).",
    },
    "signed_in_as": {"da": "Logget ind som **{name}**", "en": "Signed in as **{name}**"},
    "roles_label": {"da": "Roller: {roles}", "en": "Roles: {roles}"},
    "sign_out": {"da": "Log ud", "en": "Sign out"},
    "not_signed_in": {
        "da": "Du er ikke logget ind. Åbn forsiden for at logge ind.",
        "en": "You are not signed in. Open the front page to sign in.",
    },
    "page_refused": {
        "da": "Du har ikke adgang til siden »{page}« med dine roller ({roles}). Vælg en side "
        "i menuen.",
        "en": "You do not have access to the page “{page}” with your roles ({roles}). Choose "
        "a page in the menu.",
    },
    # Roles
    # Pages
    "submissions": {"da": "Mine indberetninger", "en": "My submissions"},
    "approvals": {"da": "Godkendelse", "en": "Approvals"},
    "audit-log": {"da": "Revisionslog", "en": "Audit log"},
    "users": {"da": "Brugere", "en": "Users"},
    # Upload
    "upload_as": {
        "da": "Du indberetter som **{name}**; dit navn registreres ved hvert tal. Gemte tal "
        "afventer godkendelse, før de vises på dashboardet.",
        "en": "You are sending as **{name}**; your name is recorded with every figure. Stored "
        "figures await approval before they are shown on the dashboard.",
    },
    "awaiting_approval": {
        "da": "Tallene afventer godkendelse. De vises på dashboardet, når en godkender har "
        "godkendt dem. Følg indberetningen under »Mine indberetninger«.",
        "en": "The figures are awaiting approval. They are shown on the dashboard once an "
        "approver has approved them. Follow the submission under “My submissions”.",
    },
    # Submissions (shared by My submissions and Approvals)
    "submissions_intro": {
        "da": "Dine indberetninger, nyeste først: status, godkenderens kommentar, og tallene i "
        "hver.",
        "en": "Your submissions, newest first: their status, the approver's comment, and the "
        "figures in each.",
    },
    "no_submissions": {
        "da": "Du har ikke sendt nogen indberetninger endnu.",
        "en": "You have not sent any submissions yet.",
    },
    "status_submitted": {"da": "afventer godkendelse", "en": "awaiting approval"},
    "status_approved": {"da": "godkendt", "en": "approved"},
    "status_returned": {"da": "returneret", "en": "returned"},
    "kind_upload": {"da": "fil", "en": "file"},
    "kind_correction": {"da": "rettelse", "en": "correction"},
    "submission_heading": {
        "da": "Indberetning {id} · {what} · {status}",
        "en": "Submission {id} · {what} · {status}",
    },
    "submission_meta": {
        "da": "Sendt {at} (dansk tid) af {user} · {figures} tal",
        "en": "Sent {at} (Danish time) by {user} · {figures} figures",
    },
    "submission_reason": {"da": "Begrundelse: {reason}", "en": "Reason: {reason}"},
    "reviewed_meta": {
        "da": "{status} {at} (dansk tid) af {user}",
        "en": "{status} {at} (Danish time) by {user}",
    },
    "review_comment_shown": {
        "da": "Godkenderens kommentar: {comment}",
        "en": "The approver's comment: {comment}",
    },
    "col_table": {"da": "Slags", "en": "Kind"},
    "col_subject": {"da": "Indikator eller indsats", "en": "Indicator or initiative"},
    "col_sex": {"da": "Køn", "en": "Sex"},
    "col_age_group": {"da": "Aldersgruppe", "en": "Age group"},
    "col_exploitation": {"da": "Udnyttelsesform", "en": "Form of exploitation"},
    "col_new_value": {"da": "Indberettet værdi", "en": "Submitted value"},
    "col_approved_value": {
        "da": "Godkendt værdi i dag",
        "en": "Approved value now",
    },
    "yes": {"da": "ja", "en": "yes"},
    "table_observation": {"da": "indikator", "en": "indicator"},
    "table_allocation": {"da": "bevilling", "en": "allocation"},
    "table_spending": {"da": "forbrug", "en": "spending"},
    "no_figures_in_submission": {
        "da": "Indberetningen indeholder ingen tal.",
        "en": "The submission holds no figures.",
    },
    # Approvals
    "approvals_intro": {
        "da": "Indberetninger, der afventer godkendelse, ældste først. Hvert tal står ved siden "
        "af den godkendte værdi, det vil erstatte; rettelser af godkendte tal er markeret. "
        "Ingen kan godkende eller returnere deres egen indberetning.",
        "en": "Submissions awaiting approval, oldest first. Each figure is shown beside the "
        "approved value it would replace; revisions of approved figures are marked. Nobody can "
        "approve or return their own submission.",
    },
    "no_pending": {
        "da": "Der er ingen indberetninger, der afventer godkendelse.",
        "en": "There are no submissions awaiting approval.",
    },
    "revisions_count": {
        "da": "{count} af tallene retter et godkendt tal (markeret med gult).",
        "en": "{count} of the figures revise an approved figure (marked in yellow).",
    },
    "own_submission": {
        "da": "Det er din egen indberetning. En anden godkender skal behandle den.",
        "en": "This is your own submission. Another approver must review it.",
    },
    "review_comment": {
        "da": "Kommentar til indberetteren (kræves ved returnering)",
        "en": "Comment for the uploader (required when returning)",
    },
    "need_comment": {
        "da": "Skriv en kommentar til indberetteren, før du returnerer indberetningen.",
        "en": "Write a comment for the uploader before you return the submission.",
    },
    "approve": {"da": "Godkend", "en": "Approve"},
    "return": {"da": "Returnér med kommentar", "en": "Return with comment"},
    "confirm_approve": {
        "da": "Godkend indberetning {id} med {figures} tal? Tallene vises derefter på dashboardet.",
        "en": "Approve submission {id} with {figures} figures? The figures are then shown on "
        "the dashboard.",
    },
    "confirm_return": {
        "da": "Returnér indberetning {id} til {user} med kommentaren: »{comment}«?",
        "en": "Return submission {id} to {user} with the comment: “{comment}”?",
    },
    "confirm_yes_approve": {"da": "Ja, godkend", "en": "Yes, approve"},
    "confirm_yes_return": {"da": "Ja, returnér", "en": "Yes, return"},
    "cancel": {"da": "Fortryd", "en": "Cancel"},
    "approved_done": {
        "da": "Indberetning {id} er godkendt. Tallene vises nu på dashboardet.",
        "en": "Submission {id} is approved. The figures are now shown on the dashboard.",
    },
    "returned_done": {
        "da": "Indberetning {id} er returneret til {user} med din kommentar.",
        "en": "Submission {id} was returned to {user} with your comment.",
    },
    "recently_reviewed": {"da": "Senest behandlet", "en": "Recently reviewed"},
    "col_id": {"da": "Nr.", "en": "No."},
    "col_sent_at": {"da": "Sendt (dansk tid)", "en": "Sent (Danish time)"},
    "col_sent_by": {"da": "Sendt af", "en": "Sent by"},
    "col_reviewed_at": {"da": "Behandlet (dansk tid)", "en": "Reviewed (Danish time)"},
    "col_reviewed_by": {"da": "Behandlet af", "en": "Reviewed by"},
    "col_comment": {"da": "Kommentar", "en": "Comment"},
    # Audit log
    "audit_intro": {
        "da": "Hvem gjorde hvad, hvornår og hvorfra. Hver post bærer en hash af den forrige, så "
        "enhver ændring eller sletning kan påvises med »Kontrollér kæden«.",
        "en": "Who did what, when and from where. Each entry carries a hash of the one before, "
        "so any edit or deletion shows up with “Verify chain”.",
    },
    "filter_user": {"da": "Bruger", "en": "User"},
    "filter_action": {"da": "Handling", "en": "Action"},
    "filter_from": {"da": "Fra dato", "en": "From date"},
    "filter_to": {"da": "Til dato", "en": "To date"},
    "filter_text": {"da": "Fritekst", "en": "Free text"},
    "filter_all": {"da": "Alle", "en": "All"},
    "audit_count": {
        "da": "{count} poster, nyeste først.",
        "en": "{count} entries, newest first.",
    },
    "audit_truncated": {
        "da": "{count} poster passer; de nyeste {shown} vises. Indsnævr filtrene for at se resten.",
        "en": "{count} entries match; the newest {shown} are shown. Narrow the filters to see "
        "the rest.",
    },
    "no_entries": {
        "da": "Ingen poster passer til filtrene.",
        "en": "No entries match the filters.",
    },
    "col_seq": {"da": "Nr.", "en": "No."},
    "col_time_local": {"da": "Tidspunkt (dansk tid, ISO)", "en": "Time (Danish time, ISO)"},
    "col_actor": {"da": "Bruger", "en": "User"},
    "col_action": {"da": "Handling", "en": "Action"},
    "col_audit_subject": {"da": "Emne", "en": "Subject"},
    "col_origin": {"da": "Hvorfra", "en": "From"},
    "col_entry_hash": {"da": "Hash", "en": "Hash"},
    "verify_chain": {"da": "Kontrollér kæden", "en": "Verify chain"},
    "col_finding": {"da": "Fund", "en": "Finding"},
    # Users
    "users_intro": {
        "da": "Brugere, deres roller og status. Brugere slettes aldrig; de deaktiveres. "
        "Adgangskoder vises aldrig.",
        "en": "Users, their roles and status. Users are never deleted; they are disabled. "
        "Passwords are never shown.",
    },
    "col_user": {"da": "Brugernavn", "en": "User name"},
    "col_display_name": {"da": "Navn", "en": "Name"},
    "col_email": {"da": "E-mail", "en": "E-mail"},
    "col_roles": {"da": "Roller", "en": "Roles"},
    "col_signin_method": {"da": "Login", "en": "Sign-in"},
    "col_last_signin": {"da": "Sidst logget ind (dansk tid)", "en": "Last signed in (Danish time)"},
    "col_created": {"da": "Oprettet (dansk tid)", "en": "Created (Danish time)"},
    "col_created_by": {"da": "Oprettet af", "en": "Created by"},
    "status_active": {"da": "aktiv", "en": "active"},
    "status_needs_new_password": {
        "da": "venter på ny adgangskode (genskabt fra arkivet)",
        "en": "waiting for a new password (rebuilt from the archive)",
    },
    "status_disabled": {"da": "deaktiveret", "en": "disabled"},
    "status_locked": {"da": "spærret til {until}", "en": "locked until {until}"},
    "method_password": {"da": "adgangskode", "en": "password"},
    "method_sso": {"da": "single sign-on", "en": "single sign-on"},
    "method_both": {"da": "adgangskode og single sign-on", "en": "password and single sign-on"},
    "add_user": {"da": "Tilføj en bruger", "en": "Add a user"},
    "new_user_name": {
        "da": "Brugernavn (små bogstaver, tal og . _ @ + -)",
        "en": "User name (lower-case letters, digits and . _ @ + -)",
    },
    "new_display_name": {"da": "Navn (valgfrit)", "en": "Name (optional)"},
    "new_email": {
        "da": "E-mail til single sign-on (valgfri)",
        "en": "E-mail for single sign-on (optional)",
    },
    "new_roles": {"da": "Roller", "en": "Roles"},
    "initial_password": {
        "da": "Første adgangskode (mindst 12 tegn; tom for kun single sign-on)",
        "en": "Initial password (at least 12 characters; empty for single sign-on only)",
    },
    "add_user_button": {"da": "Tilføj bruger", "en": "Add user"},
    "user_added": {
        "da": "Brugeren {name} er tilføjet med rollerne {roles}.",
        "en": "User {name} was added with the roles {roles}.",
    },
    "change_user": {"da": "Ret en bruger", "en": "Change a user"},
    "choose_user": {"da": "Bruger", "en": "User"},
    "role": {"da": "Rolle", "en": "Role"},
    "grant_role": {"da": "Giv rollen", "en": "Grant the role"},
    "revoke_role": {"da": "Fjern rollen", "en": "Revoke the role"},
    "role_granted": {
        "da": "{name} har fået rollen {role}.",
        "en": "{name} was granted the role {role}.",
    },
    "role_revoked": {
        "da": "{name} har ikke længere rollen {role}.",
        "en": "{name} no longer has the role {role}.",
    },
    "role_unchanged": {
        "da": "Ingen ændring: {name} havde allerede den ønskede rolle-status for {role}.",
        "en": "Nothing changed: {name} already had the wanted status for the role {role}.",
    },
    "disable_user": {"da": "Deaktivér brugeren", "en": "Disable the user"},
    "enable_user": {"da": "Aktivér brugeren", "en": "Enable the user"},
    "user_disabled": {
        "da": "{name} er deaktiveret og logges ud ved næste handling.",
        "en": "{name} is disabled and is signed out at their next action.",
    },
    "user_enabled": {"da": "{name} er aktiveret igen.", "en": "{name} is enabled again."},
    "set_password": {"da": "Sæt en ny adgangskode", "en": "Set a new password"},
    "new_password": {
        "da": "Ny adgangskode (mindst 12 tegn)",
        "en": "New password (at least 12 characters)",
    },
    "set_password_button": {"da": "Sæt adgangskode", "en": "Set password"},
    "password_set": {
        "da": "Adgangskoden for {name} er sat, og en eventuel spærring er ophævet.",
        "en": "The password of {name} is set, and any lock-out is lifted.",
    },
    "need_user_name": {"da": "Skriv et brugernavn.", "en": "Enter a user name."},
    "need_roles": {"da": "Vælg mindst én rolle.", "en": "Choose at least one role."},
    "role_desc_viewer": {
        "da": "ser dashboardet: godkendte tal, små antal personer skjult",
        "en": "sees the dashboard: approved figures, small counts of persons suppressed",
    },
    "role_desc_uploader": {
        "da": "indberetter tal og følger sine egne indberetninger",
        "en": "uploads figures and follows their own submissions",
    },
    "role_desc_approver": {
        "da": "godkender eller returnerer andres indberetninger og ser små antal præcist",
        "en": "approves or returns others' submissions and sees small counts exactly",
    },
    "role_desc_auditor": {
        "da": "ser alt uden at kunne ændre noget: historik, revisionslog, eksport",
        "en": "sees everything without changing anything: history, audit log, exports",
    },
    "role_desc_admin": {
        "da": "styrer brugere og roller, planer og definitioner",
        "en": "manages users and roles, plans and definitions",
    },
    "four_eyes_warning": {
        "da": "Samme person bliver både indberetter og godkender. Ingen kan godkende sin egen "
        "indberetning, men fire øjne kræver, at en anden kan godkende personens indberetninger.",
        "en": "The same person becomes both uploader and approver. Nobody can approve their own "
        "submission, but four eyes need someone else who can approve this person's submissions.",
    },
    "need_password": {"da": "Skriv en adgangskode.", "en": "Enter a password."},
}
