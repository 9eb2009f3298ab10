"""Streamlit pages (thin: read state, call queries and builders, render)."""
