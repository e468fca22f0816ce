"""What the demo shops sell: categories, and product lines from which titles, prices and stock
are drawn. Brand words are invented; no category is a regulated one (food, medicine), so no shop
needs a licence to list its goods."""

from __future__ import annotations

import random
from dataclasses import dataclass

CATEGORIES: tuple[tuple[str, str], ...] = (
    ("digital", "数码家电"),
    ("apparel", "服饰鞋包"),
    ("beauty", "美妆个护"),
    ("home", "家居日用"),
    ("kitchen", "厨房用具"),
    ("baby", "母婴用品"),
    ("sports", "运动户外"),
    ("books", "图书文具"),
    ("pets", "宠物用品"),
)

BRANDS = ("拾光", "简屿", "木槿", "青禾", "北辰", "森屿", "半岛", "知竹", "云栖", "南枝", "素野", "小满")


@dataclass(frozen=True, slots=True)
class Line:
    """A kind of product: its name, the variants it comes in, and a price range in yuan."""

    name: str
    variants: tuple[str, ...]
    low: int
    high: int
    cross_border: bool = False
    origin: str = ""


LINES: dict[str, tuple[Line, ...]] = {
    "digital": (
        Line("无线蓝牙耳机", ("降噪版", "运动版", "半入耳式"), 89, 399),
        Line("氮化镓快充充电器", ("65W", "33W", "100W 三口"), 59, 199),
        Line("机械键盘", ("茶轴 87键", "红轴 104键", "静音版"), 159, 499),
        Line("移动电源", ("20000毫安", "10000毫安 超薄", "自带线"), 79, 169),
        Line("智能手环", ("心率血氧版", "NFC版"), 129, 299),
        Line("降噪头戴耳机", ("主动降噪", "长续航"), 299, 899, True, "日本进口"),
    ),
    "apparel": (
        Line("纯棉短袖T恤", ("白色 M", "黑色 L", "灰色 XL"), 39, 99),
        Line("休闲直筒牛仔裤", ("浅蓝 30码", "深蓝 32码"), 99, 259),
        Line("轻薄羽绒服", ("男款", "女款", "连帽"), 299, 799),
        Line("帆布双肩包", ("大容量", "通勤款"), 79, 199),
        Line("羊毛围巾", ("格纹", "纯色"), 89, 229, True, "新西兰进口"),
        Line("透气跑步鞋", ("男款 42码", "女款 37码"), 199, 499),
    ),
    "beauty": (
        Line("氨基酸洗面奶", ("120g", "150g 家庭装"), 39, 99),
        Line("玻尿酸保湿面霜", ("50g", "30g 旅行装"), 89, 259, True, "韩国进口"),
        Line("清爽防晒乳", ("SPF50+ 60ml", "SPF30 40ml"), 69, 169, True, "日本进口"),
        Line("护手霜礼盒", ("三支装", "五支装"), 49, 129),
        Line("洗发水", ("控油 500ml", "柔顺 750ml"), 39, 89),
    ),
    "home": (
        Line("全棉四件套", ("1.5米床", "1.8米床"), 199, 499),
        Line("记忆棉枕头", ("单只装", "一对装"), 89, 259),
        Line("收纳箱", ("三个装 大号", "五个装 中号"), 49, 129),
        Line("加厚浴巾", ("纯棉 白色", "珊瑚绒 灰色"), 39, 99),
        Line("香薰蜡烛", ("雪松", "白茶", "无花果"), 59, 159, True, "英国进口"),
    ),
    "kitchen": (
        Line("不锈钢保温杯", ("500ml", "750ml 大容量"), 69, 199, True, "德国进口"),
        Line("不粘炒锅", ("28厘米", "32厘米 带盖"), 129, 399),
        Line("陶瓷餐具套装", ("四人份", "六人份"), 159, 459),
        Line("手冲咖啡壶", ("600ml", "细口 350ml"), 89, 229),
        Line("竹制砧板", ("大号", "两件套"), 39, 99),
    ),
    "baby": (
        Line("婴儿湿巾", ("80抽×6包", "便携装 10包"), 39, 89),
        Line("纯棉婴儿连体衣", ("59码", "66码", "73码"), 59, 149),
        Line("宝宝学饮杯", ("带吸管", "防呛款"), 49, 119, True, "日本进口"),
        Line("儿童绘本", ("全10册", "全6册"), 79, 199),
        Line("婴儿推车雨罩", ("通用款",), 39, 79),
    ),
    "sports": (
        Line("瑜伽垫", ("10毫米 加厚", "6毫米 防滑"), 69, 169),
        Line("速干运动T恤", ("男款", "女款"), 49, 129),
        Line("登山杖", ("碳纤维 一对", "铝合金"), 89, 299),
        Line("户外折叠椅", ("便携款", "加宽款"), 79, 199),
        Line("跳绳", ("计数款", "钢丝款"), 19, 59),
    ),
    "books": (
        Line("硬壳笔记本", ("A5 方格", "B5 横线"), 19, 59),
        Line("中性笔", ("0.5毫米 12支", "0.38毫米 10支"), 15, 39),
        Line("钢笔礼盒", ("EF尖", "F尖"), 99, 299, True, "德国进口"),
        Line("桌面书架", ("两层", "三层 可伸缩"), 49, 129),
        Line("水彩颜料套装", ("24色", "36色"), 59, 159),
    ),
    "pets": (
        Line("猫抓板", ("瓦楞纸 大号", "立式"), 29, 89),
        Line("宠物牵引绳", ("小型犬", "中型犬"), 29, 79),
        Line("宠物饮水机", ("2升 静音", "智能款"), 99, 259),
        Line("猫砂盆", ("半封闭", "全封闭 带除臭"), 79, 229),
        Line("宠物梳子", ("去浮毛", "针梳"), 19, 59),
    ),
}

DESCRIPTIONS = (
    "做工扎实，细节用心，适合日常使用。",
    "精选材质，品质稳定，支持七天无理由退货。",
    "热销款，口碑好，下单后48小时内发货。",
    "简约设计，百搭实用，送礼自用都合适。",
)


@dataclass(frozen=True, slots=True)
class ProductSpec:
    title: str
    description: str
    price_fen: int
    stock: int
    cross_border: bool


def _price_fen(rng: random.Random, low: int, high: int) -> int:
    yuan = rng.randint(low, high)
    fen = rng.choice((0, 0, 90, 80, 50))  # 99.90, 129.00 ...
    price = yuan * 100 - (100 - fen if fen else 0)
    return max(price, 100)


def products_for(rng: random.Random, category: str, count: int) -> list[ProductSpec]:
    """``count`` distinct products of ``category``, drawn from its lines with ``rng``."""
    made: dict[str, ProductSpec] = {}
    lines = LINES[category]
    while len(made) < count:
        line = rng.choice(lines)
        brand = rng.choice(BRANDS)
        variant = rng.choice(line.variants)
        prefix = f"{line.origin} " if line.cross_border else ""
        title = f"{prefix}{brand} {line.name} {variant}"
        if title in made:
            continue
        made[title] = ProductSpec(
            title=title,
            description=rng.choice(DESCRIPTIONS)
            + ("跨境商品，下单需提供订购人身份信息用于清关。" if line.cross_border else ""),
            price_fen=_price_fen(rng, line.low, line.high),
            stock=rng.randint(20, 500),
            cross_border=line.cross_border,
        )
    return list(made.values())
