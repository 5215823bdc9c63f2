# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the generated world looks like: regions and names of buyers, channels,
the rhythm of orders over the day and the week, stages by age, payment modes."""

PROVINCES = [
    # (province, cities, weight): more buyers where more people shop online
    ("广东省", ["广州市", "深圳市", "东莞市", "佛山市"], 14),
    ("浙江省", ["杭州市", "宁波市", "温州市"], 10),
    ("江苏省", ["南京市", "苏州市", "无锡市"], 10),
    ("上海市", ["上海市"], 7),
    ("北京市", ["北京市"], 6),
    ("山东省", ["济南市", "青岛市", "烟台市"], 7),
    ("四川省", ["成都市", "绵阳市"], 6),
    ("河南省", ["郑州市", "洛阳市"], 5),
    ("湖北省", ["武汉市", "宜昌市"], 5),
    ("福建省", ["福州市", "厦门市"], 5),
    ("湖南省", ["长沙市", "株洲市"], 4),
    ("河北省", ["石家庄市", "保定市"], 4),
    ("安徽省", ["合肥市", "芜湖市"], 3),
    ("陕西省", ["西安市"], 3),
    ("重庆市", ["重庆市"], 3),
    ("辽宁省", ["沈阳市", "大连市"], 3),
    ("云南省", ["昆明市"], 2),
    ("广西壮族自治区", ["南宁市", "桂林市"], 2),
    ("江西省", ["南昌市"], 2),
    ("黑龙江省", ["哈尔滨市"], 1),
    ("新疆维吾尔自治区", ["乌鲁木齐市"], 1),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建华红梅鹏辉宇浩然欣怡子涵梓轩"
CHANNELS = [
    # code, name, platform, share, sla hours, work days
    ("BTMALL", "天猫旗舰店 (bench)", "tmall", 30, 2.0, "all"),
    ("BJD", "京东自营 (bench)", "jd", 22, 1.0, "all"),
    ("BTAOBAO", "淘宝店 (bench)", "taobao", 15, 4.0, "mon_sat"),
    ("BPDD", "拼多多 (bench)", "pinduoduo", 15, 4.0, "mon_sat"),
    ("BDOUYIN", "抖音小店 (bench)", "douyin", 12, 2.0, "all"),
    ("BWECHAT", "微信小店 (bench)", "wechat", 6, 8.0, "mon_fri"),
]
# Local hour of day (Asia/Shanghai) -> relative weight of orders received
HOURS = [3, 2, 1, 1, 1, 1, 2, 4, 6, 8, 10, 11, 10, 9, 9, 9, 8, 8, 9, 11, 13, 14, 12, 7]
WEEKDAY = [1.0, 0.95, 0.95, 1.0, 1.1, 1.3, 1.25]   # Monday .. Sunday
FULFIL = ["to_print", "printed", "picked", "packed", "checked", "shipped", "delivered"]
REVIEW = ["to_review", "to_finance", "exception", "cancel"]
# Age bucket (hours) -> stage weights
STAGE_BY_AGE = [
    (24, {"to_review": 30, "to_finance": 14, "exception": 5, "to_print": 15, "printed": 8,
          "picked": 7, "packed": 7, "checked": 6, "shipped": 8}),
    (72, {"to_review": 3, "to_finance": 2, "exception": 4, "cancel": 2, "to_print": 5,
          "printed": 2, "picked": 2, "packed": 2, "checked": 2, "shipped": 58,
          "delivered": 18}),
    (24 * 14, {"exception": 1, "cancel": 3, "shipped": 10, "delivered": 86}),
    (None, {"exception": 0.3, "cancel": 4, "delivered": 95.7}),
]
PAYMENT = [("prepaid", 85), ("cod", 10), ("cod_inspect", 3), ("instalment", 2)]
PRIORITY = [("0", 90), ("1", 7), ("2", 2.5), ("3", 0.5)]
CUSTOM_STATES = ["draft", "price_approval", "deposit_pending", "deposit_paid",
                 "procurement_approval", "purchasing", "received", "balance_pending",
                 "ready", "done", "cancel"]


def _weighted(rng, pairs):
    keys = [k for k, _w in pairs]
    weights = [w for _k, w in pairs]
    return rng.choices(keys, weights)[0]
