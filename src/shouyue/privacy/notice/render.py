"""Render the privacy notice from a data map and the notice's prose.

Everything the data map declares (controller, categories, purposes, recipients, retention
rules, regions) is generated here from the data map; the prose file only supplies the fixed
wording around it. So the published notice cannot drift from what the code enforces.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from shouyue.privacy.datamap import DataMap, Purpose, PurposeKind, Recipient, RecipientKind
from shouyue.privacy.notice.document import (
    Block,
    Entry,
    Fact,
    Facts,
    ItemList,
    NoticeDocument,
    Paragraph,
    Section,
    Span,
    Table,
)
from shouyue.privacy.notice.prose import Prose, ProseBlock, ProseSection, Slot, fill
from shouyue.privacy.notice.words import (
    BASIS,
    EDITION,
    chinese_number,
    date_words,
    hold_words,
    permission_words,
    region_words,
    retention_words,
)

SENSITIVE = "敏感个人信息"

# The notice's own column names for its SDK table (四(一)4(1)), in its order (P40).
SDK_COLUMNS: tuple[str, ...] = (
    "第三方SDK名称",
    "使用场景",
    "共享个人信息类型",
    "第三方SDK所属公司",
    "第三方SDK隐私协议地址",
)
PARTNER_COLUMNS: tuple[str, ...] = ("合作方名称", "合作场景", "共享个人信息类型", "合作方所属公司", "处理地区")
# Every kind of recipient that is not an SDK, in the order the notice presents them.
PARTNER_KINDS: dict[RecipientKind, str] = {
    "partner": "授权合作伙伴",
    "affiliate": "关联方",
    "promotion": "委托我们进行推广的合作伙伴",
    "authority": "依法接收个人信息的国家机关",
}


def render_notice(datamap: DataMap, prose: Prose) -> NoticeDocument:
    """The whole notice for ``datamap``, worded by ``prose``; the same inputs give the same document."""
    values = _placeholders(datamap)
    slots = _slots(datamap, prose, values)

    def blocks(items: Sequence[ProseBlock]) -> tuple[Block, ...]:
        out: list[Block] = []
        for item in items:
            if item.generate is not None:
                out += slots[item.generate]()
            elif item.p is not None:
                out.append(Paragraph(text=fill(item.p, values)))
            else:
                texts = item.ol if item.ol is not None else item.ul or ()
                out.append(ItemList(items=tuple(fill(t, values) for t in texts), ordered=item.ol is not None))
        return tuple(out)

    def section(prose_section: ProseSection, number: str, depth: int) -> Section:
        return Section(
            id=prose_section.id,
            number=number,
            heading=fill(prose_section.heading, values),
            blocks=blocks(prose_section.blocks),
            subsections=tuple(
                section(sub, _number(n, depth + 1), depth + 1) for n, sub in enumerate(prose_section.sections, start=1)
            ),
        )

    return NoticeDocument(
        title=fill(prose.title, values),
        version=datamap.version,
        updated=values["updated"],
        preamble=blocks(prose.preamble),
        sections=tuple(section(s, _number(n, 0), 0) for n, s in enumerate(prose.sections, start=1)),
    )


def sdk_table(datamap: DataMap) -> Table:
    """The notice's third-party SDK table: its five columns, its order, its wording verbatim."""
    return Table(
        id="sdk",
        caption="第三方SDK清单",
        columns=SDK_COLUMNS,
        rows=tuple((r.name, r.scenario, r.pi_types, r.company, r.policy_url) for r in datamap.sdks()),
        url_columns=(4,),
    )


def partners(datamap: DataMap, kind: RecipientKind) -> list[Recipient]:
    """The recipients of one non-SDK kind, in data-map order."""
    return [r for r in datamap.recipients if r.kind == kind]


def partner_table(datamap: DataMap, kind: RecipientKind) -> Table:
    """The named partners of one kind (授权合作伙伴, 关联方, 委托推广方) with their regions."""
    return Table(
        id=kind,
        caption=PARTNER_KINDS[kind],
        columns=PARTNER_COLUMNS,
        rows=tuple(
            (r.name, r.scenario, r.pi_types, r.company, region_words(r.region)) for r in partners(datamap, kind)
        ),
    )


def _number(n: int, depth: int) -> str:
    if depth == 0:
        return chinese_number(n)
    if depth == 1:
        return f"（{chinese_number(n)}）"
    return str(n)


def _placeholders(datamap: DataMap) -> dict[str, str]:
    c = datamap.controller
    return {
        "product": c.product,
        "controller": c.name,
        "address": c.address,
        "phone": c.phone,
        "phone_hours": c.phone_hours,
        "email": c.email,
        "officer": c.officer,
        "response_days": str(c.response_days),
        "response_days_words": chinese_number(c.response_days),
        "version": datamap.version,
        "updated": date_words(datamap.version),
    }


def _slots(datamap: DataMap, prose: Prose, values: dict[str, str]) -> dict[Slot, Callable[[], list[Block]]]:
    return {
        "controller": lambda: [_controller(datamap)],
        "toc": lambda: [
            ItemList(
                items=tuple(fill(s.heading, values) for s in prose.sections),
                targets=tuple(s.id for s in prose.sections),
            )
        ],
        "categories": lambda: [_categories(datamap)],
        "purposes.core": lambda: _purposes(datamap, PurposeKind.CORE),
        "purposes.additional": lambda: _purposes(datamap, PurposeKind.ADDITIONAL),
        "recipients.sdk": lambda: [sdk_table(datamap)],
        "recipients.partner": lambda: [partner_table(datamap, "partner")],
        "recipients.affiliate": lambda: [partner_table(datamap, "affiliate")],
        "recipients.promotion": lambda: [partner_table(datamap, "promotion")],
        "recipients.authority": lambda: [partner_table(datamap, "authority")],
        "retention": lambda: [_retention(datamap)],
        "regions": lambda: _regions(datamap),
        "contact": lambda: [_contact(datamap, values)],
    }


def _facts(*pairs: tuple[str, str]) -> Facts:
    return Facts(items=tuple(Fact(term=term, values=(Span(text=text),)) for term, text in pairs))


def _controller(datamap: DataMap) -> Facts:
    c = datamap.controller
    return _facts(
        ("个人信息处理者", c.name),
        ("产品名称", c.product),
        ("注册地址", c.address),
        ("个人信息保护负责人", c.officer),
        ("联系电子邮箱", c.email),
    )


def _contact(datamap: DataMap, values: dict[str, str]) -> Facts:
    c = datamap.controller
    return _facts(
        ("个人信息保护负责人", c.officer),
        ("客服电话", f"{c.phone}（工作时间：{c.phone_hours}）"),
        ("电子邮箱", c.email),
        ("个人信息处理者", c.name),
        ("注册地址", c.address),
        ("答复期限", f"一般情况下，我们将在{values['response_days_words']}天内答复"),
    )


def _categories(datamap: DataMap) -> Table:
    """Every declared category, grouped as the notice groups them, with the functions that use it."""
    groups: list[str] = []
    for c in datamap.categories:
        if c.group not in groups:
            groups.append(c.group)
    rows: list[tuple[str, ...]] = []
    for group in groups:
        for c in datamap.categories:
            if c.group != group:
                continue
            users = [p.label for p in datamap.purposes if c.id in p.categories]
            rows.append((group, c.label, "是" if c.sensitive else "否", "、".join(users) or "—"))
    return Table(
        id="categories",
        caption="我们处理的个人信息一览",
        columns=("信息分组", "个人信息", "是否属于敏感个人信息", "用于以下功能"),
        rows=tuple(rows),
    )


def _purposes(datamap: DataMap, kind: PurposeKind) -> list[Block]:
    chosen = [p for p in datamap.purposes if p.kind is kind]
    if not chosen:
        return [Paragraph(text="目前没有此类功能。")]
    return [_purpose(datamap, p, n) for n, p in enumerate(chosen, start=1)]


def _purpose(datamap: DataMap, purpose: Purpose, number: int) -> Entry:
    categories = [datamap.category(c) for c in purpose.categories]
    facts = [
        Fact(term="功能说明", values=(Span(text=purpose.description),)),
        Fact(
            term="收集的个人信息",
            values=tuple(Span(text=c.label, mark=SENSITIVE if c.sensitive else None) for c in categories),
        ),
        Fact(term="处理依据", values=(Span(text=BASIS[purpose.basis]),)),
        Fact(term="保存期限", values=(Span(text=retention_words(datamap.retention_rule(purpose.retention))),)),
        Fact(term="适用于", values=(Span(text=EDITION[purpose.edition]),)),
    ]
    if purpose.permission:
        facts.append(Fact(term="所需设备权限", values=(Span(text=permission_words(purpose.permission)),)))
    # Promotion clients get aggregate statistics only, never this subject's PI.
    receivers = [r.name for r in datamap.recipients if purpose.id in r.purposes and not r.aggregate_only]
    if receivers:
        facts.append(Fact(term="可能接收信息的第三方", values=tuple(Span(text=name) for name in receivers)))
    return Entry(
        id="purpose-" + purpose.id.replace(".", "-").replace("_", "-"),
        number=str(number),
        title=purpose.label,
        facts=tuple(facts),
    )


def _retention(datamap: DataMap) -> Table:
    rows: list[tuple[str, ...]] = []
    for rule in datamap.retention:
        used = {c for p in datamap.purposes if p.retention == rule.id for c in p.categories}
        labels = [c.label for c in datamap.categories if c.id in used]
        rows.append(
            (
                rule.label,
                "、".join(labels) or "—",
                retention_words(rule),
                hold_words(rule),
                rule.basis or "实现处理目的所必需",
            )
        )
    return Table(
        id="retention",
        caption="个人信息保存期限",
        columns=("保存类别", "涉及的个人信息", "保存期限", "注销账户后", "依据"),
        rows=tuple(rows),
    )


def _regions(datamap: DataMap) -> list[Block]:
    counts: dict[str, int] = {}
    for r in datamap.recipients:
        counts[r.region] = counts.get(r.region, 0) + 1
    summary = "、".join(f"{region_words(region)}{count}个" for region, count in sorted(counts.items()))
    abroad = [r for r in datamap.recipients if r.region != "CN"]
    if abroad:
        text = f"本声明列明的{len(datamap.recipients)}个第三方的处理地区为：{summary}。"
    else:
        text = (
            f"本声明列明的全部{len(datamap.recipients)}个第三方（第三方SDK及合作伙伴）"
            "均在中华人民共和国境内处理您的个人信息。"
        )
    return [
        Paragraph(text=text),
        Table(
            id="abroad",
            caption="在中华人民共和国境外处理个人信息的第三方",
            columns=("名称", "处理地区", "共享个人信息类型"),
            rows=tuple((r.name, region_words(r.region), r.pi_types) for r in abroad),
        ),
    ]
