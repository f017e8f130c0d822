"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.upload."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import upload

run_page(Page.UPLOAD, upload.render)
