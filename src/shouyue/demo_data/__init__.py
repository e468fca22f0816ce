"""The commerce demo data: ``seed_commerce(session, vault=, datamap=, now=)`` (see ``seed``)."""

from shouyue.demo_data.seed import DemoSummary, seed_commerce

__all__ = ["DemoSummary", "seed_commerce"]
