"""Streamlit-free core of the PII Thái Nguyên dashboard: data build and
validation, aggregation model, chart builders, exports, i18n and formatting."""
