"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.talking_points."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import talking_points

run_page(Page.TALKING_POINTS, talking_points.render)
