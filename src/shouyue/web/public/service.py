"""The notice, the third-party list and the home-page summary, built from the data map.

Pages and API both call these functions, so the HTML and the JSON cannot disagree.
"""

from __future__ import annotations

from shouyue.engine import get_notice_prose
from shouyue.privacy.datamap import DataMap, PurposeKind
from shouyue.privacy.notice import (
    PARTNER_COLUMNS,
    PARTNER_KINDS,
    SDK_COLUMNS,
    NoticeDocument,
    partners,
    render_notice,
)
from shouyue.privacy.notice.words import region_words
from shouyue.web.public.schemas import PartnerRead, SdkRead, SiteSummary, ThirdPartiesRead

# The last rendering and the data map it came from. A DataMap is frozen, so the same object
# always renders to the same document; a different object (a reloaded or test data map) re-renders.
_last_rendered: tuple[DataMap, NoticeDocument] | None = None


def notice_document(*, datamap: DataMap) -> NoticeDocument:
    """The full notice for ``datamap``."""
    global _last_rendered
    last = _last_rendered
    if last is not None and last[0] is datamap:
        return last[1]
    document = render_notice(datamap, get_notice_prose())
    _last_rendered = (datamap, document)
    return document


def list_third_parties(*, datamap: DataMap) -> ThirdPartiesRead:
    """The SDK table in the notice's order and columns, then every named partner by kind."""
    return ThirdPartiesRead(
        datamap_version=datamap.version,
        sdk_columns=list(SDK_COLUMNS),
        sdks=[
            SdkRead(
                order=r.order,
                name=r.name,
                scenario=r.scenario,
                pi_types=r.pi_types,
                company=r.company,
                policy_url=r.policy_url,
            )
            for r in datamap.sdks()
        ],
        partner_columns=list(PARTNER_COLUMNS),
        partners=[
            PartnerRead(
                kind=r.kind,
                kind_label=label,
                name=r.name,
                scenario=r.scenario,
                pi_types=r.pi_types,
                company=r.company,
                region=r.region,
                region_label=region_words(r.region),
                aggregate_only=r.aggregate_only,
            )
            for kind, label in PARTNER_KINDS.items()
            for r in partners(datamap, kind)
        ],
    )


def site_summary(*, datamap: DataMap) -> SiteSummary:
    """Counts of what the data map declares, for the home page."""
    return SiteSummary(
        product=datamap.controller.product,
        datamap_version=datamap.version,
        categories=len(datamap.categories),
        sensitive_categories=sum(1 for c in datamap.categories if c.sensitive),
        core_purposes=sum(1 for p in datamap.purposes if p.kind is PurposeKind.CORE),
        additional_purposes=sum(1 for p in datamap.purposes if p.kind is PurposeKind.ADDITIONAL),
        sdks=len(datamap.sdks()),
        partners=sum(1 for r in datamap.recipients if r.kind != "sdk"),
    )
