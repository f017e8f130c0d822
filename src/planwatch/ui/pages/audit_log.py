"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.audit_log."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import audit_log

run_page(Page.AUDIT_LOG, audit_log.render)
