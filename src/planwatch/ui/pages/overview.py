"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.overview."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import overview

run_page(Page.OVERVIEW, overview.render)
