"""Shouyue."""
