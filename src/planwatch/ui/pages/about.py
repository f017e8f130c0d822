"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.about."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import about

run_page(Page.ABOUT, about.render)
