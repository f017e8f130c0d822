"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.approvals."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import approvals

run_page(Page.APPROVALS, approvals.render)
