"""CLI command groups. Each command catches the engine's errors and exits non-zero with a message."""
