"""Staff of the platform: accounts with one role each, console login, least-privilege permissions
and the audited reveal of full PI values (P47, P50)."""
