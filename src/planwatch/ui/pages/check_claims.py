"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.check_claims."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import check_claims

run_page(Page.CHECK_CLAIMS, check_claims.render)
