"""Public pages and API: the home page, the privacy notice and the third-party list."""
