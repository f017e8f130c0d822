"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.submissions."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import submissions

run_page(Page.SUBMISSIONS, submissions.render)
