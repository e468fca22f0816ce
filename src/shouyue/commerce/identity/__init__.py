"""Real-name verification (P11), children's age and guardian consent (P65-P67).

Hooks for the rest of the platform (``service``): ``ensure_can_transact`` before any
transaction, ``may_personalise`` / ``may_market`` before personal recommendations or marketing,
``grant_consent`` instead of ``consent.grant``, ``record_birth_date`` when a birthday is declared,
and ``purge_unverified_minors`` on a schedule.
"""
