"""The only package that imports streamlit."""
