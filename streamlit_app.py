"""planwatch's web app. Run: streamlit run streamlit_app.py (see README)."""

from planwatch.ui.app import run

run()
