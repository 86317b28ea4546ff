"""Chinese text for the demo city (临江市): citizen posts, officer replies, notes, ratings.

Every sentence here is written for this project. Templates carry named slots
(``{street}``, ``{plate}`` ...) that a `Slots` mapping fills lazily from the city's
vocabulary, so one template yields many different posts; the same slot name inside
one text always gets the same value. All randomness comes from the caller's
`random.Random`, so a seed reproduces the same city.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from platform_server.demo.corpus import (
    ADDENDA,
    BURST_POSTS,
    CLOSERS,
    NOTES,
    OPENERS,
    POSTS,
    REPLIES_FIRST,
    REPLIES_PROGRESS,
    RESOLUTIONS,
    SILENT_REPORTS,
)

MAX_TITLE = 30
MIN_BODY = 30
MAX_BODY = 400


def _words(spaced: str) -> list[str]:
    """Word lists are written as space-separated strings: compact, and no phrase has a space."""
    return spaced.split()


# Police stations: name, district, map centre, and the streets in their area.
STATIONS: dict[str, tuple[str, str, tuple[float, float], list[str]]] = {
    "st-chengguan": (
        "城关派出所",
        "东城区",
        (30.612, 114.305),
        _words("解放路 中山路 府前街 鼓楼街 文昌路"),
    ),
    "st-hebin": (
        "河滨派出所",
        "东城区",
        (30.598, 114.338),
        _words("滨江大道 沿河路 临江路 码头街 望江路"),
    ),
    "st-dongmen": (
        "东门派出所",
        "东城区",
        (30.627, 114.352),
        _words("东门大街 建设路 东环路 工农路"),
    ),
    "st-xiguan": (
        "西关派出所",
        "西城区",
        (30.605, 114.262),
        _words("西关大街 人民路 和平路 胜利街"),
    ),
    "st-huayuan": (
        "花园路派出所",
        "西城区",
        (30.631, 114.248),
        _words("花园路 青年路 育才路 桃园街"),
    ),
    "st-station": (
        "火车站派出所",
        "西城区",
        (30.582, 114.276),
        _words("站前路 车站北路 迎宾大道 货场路"),
    ),
    "st-gaoxin": (
        "高新派出所",
        "高新区",
        (30.553, 114.372),
        _words("科技大道 光谷一路 创新路 软件园路"),
    ),
    "st-kaifa": (
        "开发区派出所",
        "高新区",
        (30.541, 114.318),
        _words("经开大道 工业三路 物流园路 兴业路"),
    ),
}
STATION_CODES = sorted(STATIONS)
# What a citizen types after "@" and the unit code it means.
MENTIONABLE = {
    "东城分局": "br-east",
    "西城分局": "br-west",
    "高新区分局": "br-new",
    "交警支队": "traffic",
    "出入境管理支队": "exit-entry",
    "户政管理支队": "hukou",
    "市局指挥中心": "cmd",
}

_ESTATE_A = _words(
    "锦绣 阳光 翠湖 金色 滨江 望江 幸福 和平 紫荆 桂花 书香 丽景 御景 "
    "东湖 春晖 龙湾 枫林 香樟 银杏 学府 江南 明珠 盛世 康乐 怡和"
)
_ESTATE_B = _words("花园 小区 家园 苑 新村 公馆 华府 雅居 名都 佳园")
_LANDMARKS = _words(
    "临江大桥 人民广场 江滩公园 万达广场 市一医院 火车站北广场 长途汽车站 体育中心 市图书馆 "
    "步行街 中心医院 东湖公园 临江一中 新华书店 大润发超市"
)
_WHEN = _words(
    "今天上午十点左右 今天早上七点多 昨天晚上十一点多 半小时前 今天下午三点多 昨天傍晚 "
    "前天下午 今天中午 今天凌晨两点左右 上周六晚上"
)
_JUST_NOW = _words("刚才 就在刚才 刚刚 几分钟前 十分钟前")
_TODAY = _words("今天上午 今天中午 今天下午 今天傍晚 刚才")
_SINCE = _words("今天早上 昨天晚上 前天下午 今天凌晨 昨天中午")
_KID_CLOTHES = _words(
    "穿红色外套、扎马尾 穿蓝白校服 穿黄色羽绒服 穿绿色运动服 穿格子衬衫、背蓝色书包 "
    "穿粉色连衣裙 戴小黄帽、穿牛仔裤"
)
_OLD_CLOTHES = _words(
    "穿灰色毛衣、戴棕色帽子 穿黑色棉袄、拄拐杖 穿深蓝色中山装 穿咖啡色夹克、头发花白 "
    "穿暗红色外套、背着布袋"
)
_NIGHT_HOURS = _words("九点 九点多 十点 十点多 十一点 十一点半 十二点")
_SCHOOL_TIMES = _words("四点半 五点 五点半 六点")
_MORNING_TIMES = _words("六点半 七点 七点半 八点")
_RELATIVES = _words("父亲 母亲 爷爷 奶奶 外婆 外公 老伴")
_DOGS = _words("一条黄色土狗 几条流浪狗 一条没拴绳的金毛 一条黑色大狗 一条很凶的狼狗")
_ID_TYPES = _words("身份证 户口簿 居住证 驾驶证 行驶证 护照 港澳通行证")
_COUNTRIES = _words("俄罗斯 韩国 巴基斯坦 美国 德国 越南 老挝 意大利 肯尼亚")
_SCHOOLS = _words("临江第二实验小学 城关小学 育才中学 高新区第一小学 江滨幼儿园 临江三中")
_BANKS = _words("工商银行 建设银行 农业银行 邮储银行 农商行")
_APPS = _words("一个理财APP 短视频平台 微信群 QQ群 一个刷单网站 网游交易平台")
_CHATS = _words("微信群 QQ群 短视频平台 二手交易平台 本地论坛")
_SHOPS = _words("烧烤店 KTV 麻将馆 网吧 足浴店 夜宵摊 小超市 台球室")
_DAYS = _words("三天 五天 一个星期 十来天 半个月 二十多天 一个多月")
_NOTICES = [
    "《临江大桥封闭施工期间交通组织的通告》",
    "《关于调整居住证申领条件的通告》",
    "《关于电动自行车集中登记挂牌的通告》",
]
_CN_NUM = "零一二三四五六七八九十"
_PLATE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_PHONE_PREFIXES = _words(
    "130 131 132 133 135 136 137 138 139 150 151 152 155 157 158 159 166 170 176 "
    "177 180 181 185 186 187 188 189 191 198 199"
)


def plate(rng: random.Random) -> str:
    """A 临A plate: five characters with one or two letters, or D/F + 5 digits (new energy)."""
    if rng.random() < 0.18:
        return f"临A·{rng.choice('DF')}{rng.randint(0, 99999):05d}"
    chars = [rng.choice("0123456789") for _ in range(5)]
    for pos in rng.sample(range(5), rng.choice((1, 1, 2))):
        chars[pos] = rng.choice(_PLATE_CHARS)
    return "临A·" + "".join(chars)


def phone(rng: random.Random) -> str:
    return rng.choice(_PHONE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"


def _cn(n: int) -> str:
    """1..99 written in Chinese numerals (as people type ages and counts)."""
    if n <= 10:
        return _CN_NUM[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_NUM[tens]
    return head + "十" + (_CN_NUM[ones] if ones else "")


def _amount(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
        return f"{rng.randint(3, 98) * 100}元"
    if r < 0.8:
        return f"{rng.randint(1, 9)}万{rng.choice(['', '多', '两千', '五千'])}元"
    return f"{rng.randint(12, 68)}万元"


_Gen = Callable[[random.Random, "Slots"], str]

_GENERATORS: dict[str, _Gen] = {
    "street": lambda r, s: r.choice(STATIONS[s.station][3]),
    "street2": lambda r, s: r.choice([x for x in STATIONS[s.station][3] if x != s["street"]]),
    "cross": lambda r, s: f"{s['street']}与{s['street2']}交叉口",
    "estate": lambda r, s: r.choice(_ESTATE_A) + r.choice(_ESTATE_B),
    "bldg": lambda r, s: f"{r.randint(1, 24)}栋{r.randint(1, 4)}单元",
    "room": lambda r, s: f"{r.randint(1, 32)}{r.randint(1, 4):02d}",
    "floor": lambda r, s: f"{r.randint(2, 33)}楼",
    "num": lambda r, s: str(r.randint(1, 388)),
    "landmark": lambda r, s: r.choice(_LANDMARKS),
    "when": lambda r, s: r.choice(_WHEN),
    "just_now": lambda r, s: r.choice(_JUST_NOW),
    "today": lambda r, s: r.choice(_TODAY),
    "since": lambda r, s: r.choice(_SINCE),
    "night_hour": lambda r, s: r.choice(_NIGHT_HOURS),
    "school_time": lambda r, s: r.choice(_SCHOOL_TIMES),
    "morning_time": lambda r, s: r.choice(_MORNING_TIMES),
    "plate": lambda r, s: plate(r),
    "plate2": lambda r, s: plate(r),
    "bus": lambda r, s: r.choice([f"{r.randint(1, 68)}路", f"K{r.randint(1, 9)}路", "夜班3路"]),
    "amount": lambda r, s: _amount(r),
    "cash": lambda r, s: f"{r.choice((2, 3, 5, 8, 10, 15, 20))}00元",
    "kid_age": lambda r, s: _cn(r.randint(3, 10)),
    "old_age": lambda r, s: _cn(r.randint(68, 91)),
    "kid_clothes": lambda r, s: r.choice(_KID_CLOTHES),
    "old_clothes": lambda r, s: r.choice(_OLD_CLOTHES),
    "surname": lambda r, s: r.choice("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑"),
    "relative": lambda r, s: r.choice(_RELATIVES),
    "dog": lambda r, s: r.choice(_DOGS),
    "id_type": lambda r, s: r.choice(_ID_TYPES),
    "country": lambda r, s: r.choice(_COUNTRIES),
    "school": lambda r, s: r.choice(_SCHOOLS),
    "bank": lambda r, s: r.choice(_BANKS),
    "app": lambda r, s: r.choice(_APPS),
    "chat": lambda r, s: r.choice(_CHATS),
    "shop": lambda r, s: r.choice(_SHOPS),
    "days": lambda r, s: r.choice(_DAYS),
    "date": lambda r, s: f"{r.randint(1, 12)}月{r.randint(1, 28)}日",
    "minutes": lambda r, s: str(r.choice((5, 10, 15, 20, 30, 40))),
    "count": lambda r, s: _cn(r.randint(2, 6)),
    "temp": lambda r, s: str(r.randint(11, 16)),
    "notice": lambda r, s: r.choice(_NOTICES),
    "station": lambda r, s: STATIONS[s.station][0],
    "district": lambda r, s: STATIONS[s.station][1],
    "unit": lambda r, s: "我们",
    "officer": lambda r, s: "值班民警",
}


class Slots(dict[str, str]):
    """A lazy `str.format_map` mapping: each slot is generated the first time it is used."""

    station: str

    def __init__(self, rng: random.Random, station: str, **fixed: str) -> None:
        super().__init__(fixed)
        self.rng = rng
        self.station = station

    def __missing__(self, key: str) -> str:
        gen = _GENERATORS.get(key)
        if gen is None:
            raise KeyError(key)
        value = gen(self.rng, self)
        self[key] = value
        return value


def fill(template: str, slots: Slots) -> str:
    return template.format_map(slots)


@dataclass
class PostText:
    """A citizen's post as composed, plus where it should be routed."""

    title: str
    body: str
    route: str | None = None  # None: stays with the board's unit; "station"; or a unit code
    mentions: list[str] = field(default_factory=list)  # unit codes written as @name
    station: str = "st-chengguan"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _body(core: str, slots: Slots, rng: random.Random) -> str:
    opener = rng.choice(OPENERS) if rng.random() < 0.55 else ""
    closer = rng.choice(CLOSERS) if rng.random() < 0.7 else ""
    addendum = fill(rng.choice(ADDENDA), slots) if rng.random() < 0.25 else ""
    body = opener + fill(core, slots) + addendum + closer
    while len(body) < MIN_BODY:
        body += rng.choice(CLOSERS)
    return _clip(body, MAX_BODY)


def compose_post(board: str, rng: random.Random, station: str | None = None) -> PostText:
    """A citizen post on this board (any board except ``silent``)."""
    station = station or rng.choice(STATION_CODES)
    title_t, body_t, route = rng.choice(POSTS[board])
    slots = Slots(rng, station)
    title = _clip(fill(title_t, slots), MAX_TITLE)
    body = _body(body_t, slots, rng)
    mentions: list[str] = []
    if rng.random() < 0.06:
        name = _mention_for(board, station, rng)
        mentions.append(MENTIONABLE[name])
        body = _clip(f"@{name} {body}" if rng.random() < 0.5 else f"{body} @{name}", MAX_BODY)
    return PostText(title, body, route, mentions, station)


def compose_of_kind(board: str, route: str, rng: random.Random, station: str) -> PostText:
    """A post on `board` of one kind only (its templates routed to `route`), from the
    area of `station`: the many alike posts of a staged wave (`demo.wave`)."""
    kinds = [t for t in POSTS[board] if t[2] == route]
    if not kinds:
        raise ValueError(f"board {board} has no posts routed to {route}")
    title_t, body_t, _route = rng.choice(kinds)
    slots = Slots(rng, station)
    title = _clip(fill(title_t, slots), MAX_TITLE)
    return PostText(title, _body(body_t, slots, rng), route, [], station)


def _mention_for(board: str, station: str, rng: random.Random) -> str:
    if board in ("traffic", "advice") and rng.random() < 0.7:
        return "交警支队"
    if board == "exit-entry":
        return "出入境管理支队"
    if board == "hukou":
        return "户政管理支队"
    district = STATIONS[station][1]
    return {"东城区": "东城分局", "西城区": "西城分局", "高新区": "高新区分局"}[district]


def compose_burst_post(rng: random.Random, notice_index: int) -> PostText:
    """A question set off by one widely read notice (the evening wave)."""
    station = rng.choice(STATION_CODES)
    title_t, body_t = rng.choice(BURST_POSTS)
    slots = Slots(rng, station, notice=_NOTICES[notice_index % len(_NOTICES)])
    return PostText(
        _clip(fill(title_t, slots), MAX_TITLE),
        _body(body_t, slots, rng),
        None,
        [],
        station,
    )


def compose_silent(rng: random.Random, station: str | None = None) -> PostText:
    """A silent report (V报警): short, urgent, often typed in a hurry."""
    station = station or rng.choice(STATION_CODES)
    title_t, body_t = rng.choice(SILENT_REPORTS)
    slots = Slots(rng, station)
    body = fill(body_t, slots)
    while len(body) < MIN_BODY:
        body += "求助，请尽快派人，我不方便接电话。"
    return PostText(
        _clip(fill(title_t, slots), MAX_TITLE),
        _clip(body, MAX_BODY),
        "station",
        [],
        station,
    )


def location(rng: random.Random, station: str) -> tuple[float, float, float, str]:
    """(lat, lon, accuracy in metres, address) near the station's area."""
    _name, district, (lat, lon), streets = STATIONS[station]
    lat += rng.gauss(0, 0.008)
    lon += rng.gauss(0, 0.008)
    accuracy = round(rng.choice((5, 8, 10, 15, 20, 35, 50, 80, 120)) * rng.uniform(0.8, 1.2), 1)
    address = f"临江市{district}{rng.choice(streets)}{rng.randint(1, 388)}号附近"
    return round(lat, 6), round(lon, 6), accuracy, address


def _unit_slots(rng: random.Random, station: str, unit_name: str, officer: str) -> Slots:
    return Slots(rng, station, unit=unit_name, officer=officer)


def compose_reply(
    board: str,
    stage: str,
    rng: random.Random,
    *,
    station: str,
    unit_name: str,
    officer: str,
    extra: list[str] | None = None,
) -> str:
    """A public reply; stage is ``first`` (taken on) or ``progress``."""
    pool = REPLIES_FIRST if stage == "first" else REPLIES_PROGRESS
    options = list(pool.get(board, ())) + list(pool["*"])
    if extra and rng.random() < 0.3:
        return rng.choice(extra)
    return fill(rng.choice(options), _unit_slots(rng, station, unit_name, officer))


def compose_resolution(
    board: str, rng: random.Random, *, station: str, unit_name: str, officer: str
) -> str:
    options = RESOLUTIONS.get(board, RESOLUTIONS["*"])
    return fill(rng.choice(options), _unit_slots(rng, station, unit_name, officer))


def compose_note(rng: random.Random, *, station: str, unit_name: str, officer: str) -> str:
    return fill(rng.choice(NOTES), _unit_slots(rng, station, unit_name, officer))


def transfer_reason(target_kind: str, target_name: str, rng: random.Random) -> str:
    if target_kind == "station":
        return rng.choice(
            [
                f"属地管辖，转{target_name}处置",
                f"事发地在{target_name}辖区，转属地",
                f"需民警上门核实，转{target_name}",
            ]
        )
    if target_kind == "municipal":
        return rng.choice(
            [
                f"非警务事项，转{target_name}办理",
                f"属{target_name}职责，转办",
                f"按联动机制转{target_name}，请7日内回复",
            ]
        )
    return rng.choice([f"专业业务，转{target_name}办理", f"涉及{target_name}业务范围，转办"])


RATING_COMMENTS_GOOD = _words(
    "处理很及时，点赞！ 民警态度很好，谢谢！ 当天就解决了，效率高 辛苦了，感谢人民警察 "
    "回复很详细，一看就懂 比想象中快多了 谢谢，问题已经解决了 服务热情，给个五星"
)
RATING_COMMENTS_MEH = _words(
    "问题解决了，就是等得有点久 回复还行，希望以后能更快 基本解决，还要再观察几天"
)
RATING_COMMENTS_BAD = _words(
    "回复太慢了，等了好几天 问题根本没解决，就回了一句模板话 态度敷衍，打电话也没人接 "
    "转来转去没人管 说了会联系我，结果一直没联系 晚上还是照样吵，没有任何改变"
)


def rating_comment(score: int, rng: random.Random) -> str:
    if score >= 5:
        return rng.choice(RATING_COMMENTS_GOOD) if rng.random() < 0.35 else ""
    if score == 4:
        return rng.choice(RATING_COMMENTS_GOOD + RATING_COMMENTS_MEH) if rng.random() < 0.3 else ""
    if score == 3:
        return rng.choice(RATING_COMMENTS_MEH) if rng.random() < 0.7 else ""
    return rng.choice(RATING_COMMENTS_BAD)


_NICK_POETIC = _words(
    "江边的风 午后阳光 半夏微凉 一叶知秋 晴天娃娃 海阔天空 风吹麦浪 静水流深 岁月静好 "
    "追风少年 小桥流水 南山南 星河滚烫 清风徐来 向日葵 安之若素 梧桐细雨 平凡之路"
)
_NICK_NOUN = _words(
    "老李头 王师傅 张大姐 刘老师 陈阿姨 小周 老赵 杨哥 胖虎 大橙子 小蜜蜂 土豆丝 卷心菜 "
    "跑跑 阿杰 小鱼儿"
)
_NICK_PREFIX = _words("临江 滨江 东城 西关 高新 花园路")
_NICK_SUFFIX = _words("老百姓 市民 宝妈 上班族 的哥 退休职工 小店主 学生党")


def nickname(rng: random.Random) -> str:
    """A messaging-app nickname as people choose them."""
    r = rng.random()
    if r < 0.25:
        return rng.choice(_NICK_POETIC) + (str(rng.randint(1, 99)) if rng.random() < 0.2 else "")
    if r < 0.45:
        return rng.choice(_NICK_NOUN) + (str(rng.randint(1, 999)) if rng.random() < 0.3 else "")
    if r < 0.6:
        return f"user_{rng.randint(1000, 99999)}"
    if r < 0.75:
        return rng.choice(_NICK_PREFIX) + rng.choice(_NICK_SUFFIX)
    if r < 0.85:
        letters = "".join(rng.choice("abcdefghjkmnpqrstwxyz") for _ in range(rng.randint(3, 6)))
        return f"wx_{letters}{rng.randint(10, 9999)}"
    if r < 0.93:
        return (
            f"{rng.choice('王李张刘陈杨黄赵吴周徐孙马朱胡')}{rng.choice(['先生', '女士', '大爷'])}"
        )
    return "匿名用户"
