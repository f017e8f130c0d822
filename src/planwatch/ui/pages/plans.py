"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.plans."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import plans

run_page(Page.PLANS, plans.render)
