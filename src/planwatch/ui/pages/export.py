"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.export."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import export

run_page(Page.EXPORT, export.render)
