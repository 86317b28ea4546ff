"""The demo city's reference data: units, boards, officers, reply templates.

A fictional city (临江市); every name here is invented. `install_reference_data` is
idempotent and is what both `platform-server seed` and the tests start from.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.domain.security import hash_password
from platform_server.storage.models import Board, Officer, ReplyTemplate, Unit

DEMO_PASSWORD = "demo-pass"  # noqa: S105  (documented demo credential, seeded data only)
DEMO_OFFICER_BADGE = "010001"
DEMO_LEADER_BADGE = "010900"
DEMO_ADMIN_BADGE = "010999"

# (code, name, kind, parent code)
UNITS: list[tuple[str, str, str, str | None]] = [
    ("bureau", "临江市公安局", "bureau", None),
    ("cmd", "市局指挥中心", "specialised", "bureau"),
    ("traffic", "交警支队", "specialised", "bureau"),
    ("exit-entry", "出入境管理支队", "specialised", "bureau"),
    ("hukou", "户政管理支队", "specialised", "bureau"),
    ("cid", "刑侦支队", "specialised", "bureau"),
    ("inspect", "督察支队", "specialised", "bureau"),
    ("br-east", "东城分局", "branch", "bureau"),
    ("br-west", "西城分局", "branch", "bureau"),
    ("br-new", "高新区分局", "branch", "bureau"),
    ("st-chengguan", "城关派出所", "station", "br-east"),
    ("st-hebin", "河滨派出所", "station", "br-east"),
    ("st-dongmen", "东门派出所", "station", "br-east"),
    ("st-xiguan", "西关派出所", "station", "br-west"),
    ("st-huayuan", "花园路派出所", "station", "br-west"),
    ("st-station", "火车站派出所", "station", "br-west"),
    ("st-gaoxin", "高新派出所", "station", "br-new"),
    ("st-kaifa", "开发区派出所", "station", "br-new"),
    ("gov-heat", "市热力公司", "municipal", None),
    ("gov-water", "市自来水公司", "municipal", None),
    ("gov-civil", "市民政局", "municipal", None),
    ("gov-housing", "市住建局", "municipal", None),
    ("gov-urban", "市城管局", "municipal", None),
]

# (code, name, deadline minutes, default unit code, restricted)
BOARDS: list[tuple[str, str, int, str, bool]] = [
    ("silent", "V报警", 30, "cmd", True),
    ("110", "110求助", 60, "cmd", False),
    ("traffic", "交管", 24 * 60, "traffic", False),
    ("hukou", "户政", 48 * 60, "hukou", False),
    ("exit-entry", "出入境", 48 * 60, "exit-entry", False),
    ("public-order", "治安", 24 * 60, "cmd", False),
    ("tips", "线索举报", 72 * 60, "cid", True),
    ("complaint", "警务投诉", 72 * 60, "inspect", True),
    ("12345", "12345", 72 * 60, "cmd", False),
    ("advice", "咨询建议", 7 * 24 * 60, "cmd", False),
]


@dataclass(frozen=True)
class OfficerSeed:
    badge: str
    name: str
    unit: str
    role: str = "officer"
    on_duty: bool = False


_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
_GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "强",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "秀英",
    "建华",
    "志强",
    "海燕",
    "晓东",
    "文博",
    "思远",
    "雪梅",
    "国庆",
    "红霞",
    "立新",
    "宏伟",
    "丽娟",
    "春生",
    "佳怡",
    "子涵",
    "浩然",
    "宇航",
    "欣怡",
    "俊杰",
    "雨婷",
]


def _officers() -> list[OfficerSeed]:
    out = [
        OfficerSeed(DEMO_OFFICER_BADGE, "张伟", "cmd", "officer", True),
        OfficerSeed("010002", "李静", "cmd", "officer", True),
        OfficerSeed("010003", "王磊", "cmd", "officer", True),
        OfficerSeed("010004", "陈晓东", "cmd", "officer", False),
        OfficerSeed(DEMO_LEADER_BADGE, "刘建华", "bureau", "leader", True),
        OfficerSeed("010901", "赵国庆", "cmd", "leader", True),
        OfficerSeed(DEMO_ADMIN_BADGE, "系统管理员", "bureau", "admin", False),
    ]
    per_unit = {
        "traffic": 2,
        "exit-entry": 2,
        "hukou": 2,
        "cid": 2,
        "inspect": 2,
        "st-chengguan": 3,
        "st-hebin": 3,
        "st-dongmen": 2,
        "st-xiguan": 3,
        "st-huayuan": 2,
        "st-station": 3,
        "st-gaoxin": 2,
        "st-kaifa": 2,
        "gov-heat": 1,
        "gov-water": 1,
        "gov-civil": 1,
        "gov-housing": 1,
        "gov-urban": 1,
    }
    leaders = {"st-chengguan", "st-xiguan", "st-gaoxin", "br-east", "br-west", "br-new"}
    n = 10
    used = {o.name for o in out}
    i = 0
    for unit, count in [*per_unit.items(), *((u, 0) for u in sorted(leaders - per_unit.keys()))]:
        for k in range(count + (1 if unit in leaders else 0)):
            while True:
                name = _SURNAMES[i % len(_SURNAMES)] + _GIVEN[(i * 7) % len(_GIVEN)]
                i += 1
                if name not in used:
                    used.add(name)
                    break
            role = "leader" if unit in leaders and k == count else "officer"
            out.append(OfficerSeed(f"0{20000 + n}", name, unit, role, k % 2 == 0))
            n += 1
    return out


OFFICERS = _officers()

# (title, body, board code or None, shortcut)
TEMPLATES: list[tuple[str, str, str | None, str | None]] = [
    (
        "已受理",
        "您好，您反映的问题已收到并受理，我们会尽快核实处理，处理进展会在此更新，请留意。",
        None,
        "/sl",
    ),
    (
        "转交属地",
        "您好，您反映的问题属于属地派出所管辖，已转交属地派出所处理，民警会尽快与您联系。",
        None,
        "/zj",
    ),
    (
        "户口迁移材料",
        "您好，办理户口迁移需携带本人居民身份证、户口簿及迁入地相关证明材料，"
        "可先通过“网上办事”预约，再到迁入地派出所户籍窗口办理。",
        "hukou",
        "/hk",
    ),
    (
        "身份证挂失补领",
        "您好，居民身份证丢失后请尽快到任一户籍窗口办理挂失和补领，"
        "补领期间可申请临时身份证，用于乘车等临时需要。",
        "hukou",
        "/sfz",
    ),
    (
        "出入境预约",
        "您好，普通护照和港澳通行证可在网上预约办理时间，带上身份证到出入境接待大厅，"
        "现场拍照采集指纹，一般七个工作日内可领取。",
        "exit-entry",
        "/crj",
    ),
    (
        "防范电信诈骗",
        "温馨提示：公检法机关不会通过电话要求转账，“安全账户”都是骗局。"
        "接到可疑电话请立即挂断，拨打110核实。",
        None,
        "/fz",
    ),
    (
        "非警务转12345",
        "您好，您反映的问题不属于公安机关职责范围，已转交相关政府部门处理，"
        "也可拨打12345政务服务热线查询进度。",
        "12345",
        "/fj",
    ),
    ("感谢建议", "感谢您的建议！我们已转交相关业务部门研究，会在后续工作中改进。", "advice", "/jy"),
    (
        "噪音扰民",
        "您好，已通知属地派出所民警前往现场处置，如噪音仍在持续，可直接拨打110。",
        "public-order",
        "/zy",
    ),
]


def install_reference_data(db: Session, password: str = DEMO_PASSWORD) -> dict[str, int]:
    """Create units, boards, officers and templates if they are not there yet.

    Returns the ids of units by code (handy for seeding and tests).
    """
    unit_ids: dict[str, int] = {u.code: u.id for u in db.scalars(select(Unit))}
    for code, name, kind, parent in UNITS:
        if code not in unit_ids:
            unit = Unit(
                code=code, name=name, kind=kind, parent_id=unit_ids[parent] if parent else None
            )
            db.add(unit)
            db.flush()
            unit_ids[code] = unit.id
    existing_boards = set(db.scalars(select(Board.code)))
    for order, (code, name, minutes, unit_code, restricted) in enumerate(BOARDS):
        if code not in existing_boards:
            db.add(
                Board(
                    code=code,
                    name=name,
                    deadline_minutes=minutes,
                    default_unit_id=unit_ids[unit_code],
                    restricted=restricted,
                    sort_order=order,
                )
            )
    existing_badges = set(db.scalars(select(Officer.badge)))
    for o in OFFICERS:
        if o.badge not in existing_badges:
            db.add(
                Officer(
                    badge=o.badge,
                    name=o.name,
                    unit_id=unit_ids[o.unit],
                    role=o.role,
                    on_duty=o.on_duty,
                    password_hash=hash_password(password),
                    phone=f"1390000{o.badge[-4:]}",
                )
            )
    if db.scalar(select(ReplyTemplate.id).limit(1)) is None:
        for title, body, board, shortcut in TEMPLATES:
            db.add(ReplyTemplate(title=title, body=body, board_code=board, shortcut=shortcut))
    db.flush()
    return unit_ids
