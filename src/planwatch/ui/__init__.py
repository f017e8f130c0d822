"""The app: the only package that imports streamlit. ``app`` is the frame (sign-in gate,
sidebar, navigation), ``pages/`` the scripts ``st.navigation`` runs, ``app_pages/`` what each
page shows, ``texts/`` every text in Danish and English.

May import every package but ``planwatch.cli``; holds no SQL and no business rule.
"""
