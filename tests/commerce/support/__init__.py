"""Shared builders for the commerce-slice tests (shops, catalogue, orders, payments, reviews)."""
