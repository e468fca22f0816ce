"""Response models of the public privacy API. They carry the data map's public declarations only."""

from __future__ import annotations

from pydantic import BaseModel, Field

from shouyue.privacy.datamap import RecipientKind


class SdkRead(BaseModel):
    """One row of the notice's third-party SDK table, verbatim from the data map."""

    order: int = Field(description="row in the notice's table")
    name: str = Field(description="第三方SDK名称")
    scenario: str = Field(description="使用场景")
    pi_types: str = Field(description="共享个人信息类型")
    company: str = Field(description="第三方SDK所属公司")
    policy_url: str = Field(description="第三方SDK隐私协议地址")


class PartnerRead(BaseModel):
    """A named partner, affiliate or promotion client that may receive PI."""

    kind: RecipientKind
    kind_label: str = Field(description="类型（中文）")
    name: str
    scenario: str
    pi_types: str
    company: str
    region: str = Field(description="ISO 3166 code of where it processes PI")
    region_label: str = Field(description="处理地区（中文）")
    aggregate_only: bool = Field(description="receives aggregate statistics only, never row-level PI")


class ThirdPartiesRead(BaseModel):
    """The public third-party list (P40): the SDK table in the notice's columns and order, then partners."""

    datamap_version: str
    sdk_columns: list[str]
    sdks: list[SdkRead]
    partner_columns: list[str]
    partners: list[PartnerRead]


class SiteSummary(BaseModel):
    """What the home page counts from the data map."""

    product: str
    datamap_version: str
    categories: int
    sensitive_categories: int
    core_purposes: int
    additional_purposes: int
    sdks: int
    partners: int
