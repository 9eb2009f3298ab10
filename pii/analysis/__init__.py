"""Data shaping for the analysis pages (Streamlit-free)."""
