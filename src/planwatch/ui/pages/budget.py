"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.budget."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import budget

run_page(Page.BUDGET, budget.render)
