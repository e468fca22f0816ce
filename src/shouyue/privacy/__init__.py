"""The privacy engine: data map, vault, audit, masking, detection, consent, gateway ...

It imports nothing from ``shouyue.commerce``, ``shouyue.web`` or ``shouyue.providers``;
another application could use it with a data map of its own.
"""
