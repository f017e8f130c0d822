"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.indicators."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import indicators

run_page(Page.INDICATORS, indicators.render)
