"""The subject's privacy center: consents (P35, P60, P82), device permissions (P31), the notice
versions and the click to agree to a new one (P71-P74), and the cookie list (P36)."""
