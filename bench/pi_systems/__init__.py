"""PI detection systems compared by ``bench/pi_detection.py``; one adapter module per system.

Each module exposes ``load() -> list[System]`` and raises :class:`NotAvailable` with the exact
reason when the system cannot run here (package missing, import error, ...).
"""
