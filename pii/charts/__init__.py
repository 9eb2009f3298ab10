"""Plotly figure builders and the app-wide chart theme."""
