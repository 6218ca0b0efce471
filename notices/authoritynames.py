"""What an authority's name tells: its level and, for a province, its GB/T 2260 code.

福建省人力资源和社会保障厅 is provincial (350000), 北京市人力资源和社会保障局 too (a
municipality directly under the central government), 福州市…局 municipal, 福州市鼓楼区…局
and 闽侯县…局 county, 人力资源社会保障部 national. Codes below the provincial level cannot be
read from a name and stay unknown. Framework-free.
"""

import re
import unicodedata

# GB/T 2260 codes of the 31 provincial-level divisions of the mainland.
PROVINCES: dict[str, str] = {
    "北京市": "110000",
    "天津市": "120000",
    "河北省": "130000",
    "山西省": "140000",
    "内蒙古自治区": "150000",
    "辽宁省": "210000",
    "吉林省": "220000",
    "黑龙江省": "230000",
    "上海市": "310000",
    "江苏省": "320000",
    "浙江省": "330000",
    "安徽省": "340000",
    "福建省": "350000",
    "江西省": "360000",
    "山东省": "370000",
    "河南省": "410000",
    "湖北省": "420000",
    "湖南省": "430000",
    "广东省": "440000",
    "广西壮族自治区": "450000",
    "海南省": "460000",
    "重庆市": "500000",
    "四川省": "510000",
    "贵州省": "520000",
    "云南省": "530000",
    "西藏自治区": "540000",
    "陕西省": "610000",
    "甘肃省": "620000",
    "青海省": "630000",
    "宁夏回族自治区": "640000",
    "新疆维吾尔自治区": "650000",
}

# Where the place ends and the body's own name begins.
_BODY_WORDS = re.compile(
    r"人力资源|人社|人民政府|政府|办公厅|办公室|委员会|财政|教育|职业技能|劳动|编制|社会保险"
)
_PLACE = re.compile(r".+?(?:自治州|自治县|自治旗|地区|林区|市|盟|县|区|旗)")
_COUNTY_ENDINGS = ("县", "区", "旗")


def name_key(name: str) -> str:
    """A name folded so that the ways documents print one authority compare equal."""
    name = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    name = name.removeprefix("中华人民共和国")
    return name.replace("人力资源和社会保障", "人力资源社会保障")


def _place(name: str) -> str:
    match = _BODY_WORDS.search(name)
    return name[: match.start()] if match else name


def province_of(name: str) -> str | None:
    """The provincial-level division a name starts with, e.g. 福建省."""
    key = name_key(name)
    return next((p for p in PROVINCES if key.startswith(p)), None)


def places_below_province(name: str) -> list[str]:
    """The city and county names in a name after its province: ["福州市", "鼓楼区"]."""
    place = _place(name_key(name))
    province = province_of(place)
    rest = place[len(province) :] if province else place
    return _PLACE.findall(rest)


def level_of(name: str) -> str | None:
    """national / provincial / municipal / county, or None when the name does not say."""
    place = _place(name_key(name))
    places = places_below_province(name)
    if not place or re.match(r"国务院|中共中央|中央|全国|国家", place):
        return "national"
    if not places and not province_of(place) and re.search(r"部$|总局$|署$", name_key(name)):
        return "national"
    if not places:
        return "provincial" if province_of(place) or "兵团" in place else None
    last = places[-1]
    if last.endswith(_COUNTY_ENDINGS) or len(places) > 1:
        return "county"
    return "municipal"


def province_code(name: str) -> str:
    """The GB/T 2260 code of a provincial-level authority's name, or ""."""
    if level_of(name) != "provincial":
        return ""
    return PROVINCES.get(province_of(name) or "", "")


# Abbreviations of the provincial-level divisions as document numbers begin with them
# (闽人社文, 陕政办发). 宁 is left out: Nanjing's numbers begin with it too.
_PROVINCE_ABBREVIATIONS = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔贵滇云藏陕甘青新"
_PROVINCIAL_BODY = re.compile(
    r"(?:政办?|人社|人社厅|教|财|办|委办?|发改|卫)(?:发|函|字|文|规|明电|通)?$"
)


def level_of_number(doc_number: str | None) -> str | None:
    """The level a number's prefix tells: 国发, 国办函 national; 闽人社文, 陕政办发 provincial."""
    prefix = (doc_number or "").split("〔")[0]
    if re.match(r"国(?:发|办|函|令)|中(?:发|办)", prefix):
        return "national"
    if len(prefix) >= 2 and prefix[0] in _PROVINCE_ABBREVIATIONS:
        return "provincial" if _PROVINCIAL_BODY.match(prefix[1:]) else None
    return None
