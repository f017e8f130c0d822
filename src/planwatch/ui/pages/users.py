"""Page script for st.navigation (see planwatch.ui.app): renders app_pages.users."""

from planwatch.domain.permissions import Page
from planwatch.ui.app import run_page
from planwatch.ui.app_pages import users

run_page(Page.USERS, users.render)
