"""In-app messages: the inbox every account has, and the announcement of a new privacy-notice
version to every account (P71, P73)."""
