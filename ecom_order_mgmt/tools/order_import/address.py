# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A Chinese shipping address written as one string, split into its parts.

The seller centres export the address as one text: ``广东省 深圳市 南山区
粤海街道 科技园路1号 (518000)``, ``北京 北京市 朝阳区 …``, with or without
spaces between the parts. :func:`split_address` finds the province (the 34
province-level divisions, full or short name), the city (a prefecture: 市,
自治州, 地区, 盟; for the municipalities the municipality itself; for the
county-level cities and counties a province governs directly, 省直辖县, that
city or county), the district (区, 县, 县级市, 旗) when there is one, and
the rest as the street; the postcode goes. An address it cannot split is
given back whole as the street, with ``complete`` False, for a person to
check: nothing is guessed from it.
"""
import re
import unicodedata
from collections import namedtuple

# province, city, district, street (all text, "" when not found), postcode
# ("" when none) and whether the split is trusted.
Address = namedtuple("Address", "province city district street postcode complete")

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
PROVINCES = MUNICIPALITIES + (
    "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省",
    "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
    "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区",
)
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def _short(name):
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return name[:-len(suffix)]
    return name


# Every way a province is written at the start of an address, longest first
# (so that 黑龙江省 is not read as 黑龙江 + 省…).
_PROVINCE_NAMES = sorted(
    [(name, name) for name in PROVINCES] + [(_short(name), name) for name in PROVINCES],
    key=lambda pair: -len(pair[0]))
# What the platforms put where the city of a municipality or of a county
# the province governs directly would be.
_MUNICIPAL_CITY = ("市辖区", "城区", "郊县", "县")
_DIRECT_COUNTY = ("省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县级行政单位",
                  "省直辖行政单位", "省直辖县", "直辖县级")
_CITY_TOKEN_RE = re.compile(r"^[^\d\s]{1,16}(市|自治州|地区|盟)$")
_CITY_RE = re.compile(r"^([^\d\s]{1,12}?(?:自治州|地区|盟|市))")
_COUNTY_TOKEN_RE = re.compile(r"^[^\d\s]{1,12}(县|市)$")
_COUNTY_RE = re.compile(r"^([^\d\s]{1,10}?(?:自治县|县|市))")
_DISTRICT_TOKEN_RE = re.compile(r"^[^\d\s]{1,12}(区|县|市|旗)$")
# Without spaces, a district ends at the first 区/县/旗 of its first few
# characters, else (a county-level city such as 义乌市) at the first 市.
_DISTRICT_RE = re.compile(r"^([^\d\s]{1,8}?(?:区|县|旗))")
_DISTRICT_CITY_RE = re.compile(r"^([^\d\s]{1,5}?市)")
_POSTCODE_RE = re.compile(r"[(\[]\s*(\d{6})\s*[)\]]|(?:^|\s)(\d{6})$")
_COUNTRY_RE = re.compile(r"^(中华人民共和国|中国大陆|中国|china)\s*", re.IGNORECASE)


def _normalise(text):
    text = unicodedata.normalize("NFKC", text or "")
    return " ".join(text.split())


def _take(rest, names):
    """(name, what follows) when `rest` starts with one of `names`."""
    for name in names:
        if rest.startswith(name):
            return name, rest[len(name):].lstrip()
    return None, rest


def _take_unit(rest, token_re, text_re):
    """(unit, what follows): the first space-separated part when it is a
    unit of this kind, else the shortest beginning of the text that is."""
    token = rest.split(" ", 1)[0]
    if token_re.match(token) and token != rest:
        return token, rest[len(token):].lstrip()
    found = text_re.match(rest)
    if found and found.end() < len(rest):
        return found.group(1), rest[found.end():].lstrip()
    return None, rest


def _take_province(rest):
    for written, name in _PROVINCE_NAMES:
        if rest.startswith(written):
            return name, rest[len(written):].lstrip()
    return None, rest


def _take_city(province, rest):
    if province in MUNICIPALITIES:
        # 北京 北京市 朝阳区 / 北京市 市辖区 朝阳区 / 北京市朝阳区
        _name, rest = _take(rest, (province, _short(province) + "城区"))
        _name, rest = _take(rest, _MUNICIPAL_CITY)
        return province, rest
    direct, rest = _take(rest, _DIRECT_COUNTY)
    if direct:
        return _take_unit(rest, _COUNTY_TOKEN_RE, _COUNTY_RE)
    city, after = _take_unit(rest, _CITY_TOKEN_RE, _CITY_RE)
    if city:
        return city, after
    # Hainan's counties have no city above them: 海南省 陵水黎族自治县 …
    return _take_unit(rest, _COUNTY_TOKEN_RE, _COUNTY_RE)


def _take_district(rest):
    district, after = _take_unit(rest, _DISTRICT_TOKEN_RE, _DISTRICT_RE)
    if district:
        return district, after
    return _take_unit(rest, _DISTRICT_TOKEN_RE, _DISTRICT_CITY_RE)


def strip_postcode(text):
    """(text without its postcode, the postcode or "")."""
    found = _POSTCODE_RE.search(text)
    if not found:
        return text, ""
    text = (text[:found.start()] + " " + text[found.end():]).strip()
    return " ".join(text.split()), found.group(1) or found.group(2)


def split_address(text):
    """The :class:`Address` of a full address string (see the module doc)."""
    text, postcode = strip_postcode(_normalise(text))
    text = _COUNTRY_RE.sub("", text)
    province, rest = _take_province(text)
    if province is None:
        return Address("", "", "", text, postcode, False)
    city, rest = _take_city(province, rest)
    if city is None or not rest:
        return Address(province, "", "", text, postcode, False)
    district, street = _take_district(rest)
    # A municipality is always divided into districts: without one, the
    # start of the text only looked like its name (北京路88号).
    if not street or (province in MUNICIPALITIES and not district):
        return Address(province, city, "", text, postcode, False)
    return Address(province, city, district or "", street, postcode, True)
