"""Which reporting body a text names: "填报单位：惠农区水务局", a title, a file name "大武口区2024年三季度报送".

A body is named when one of its names (or aliases) stands in the text, or the text is a shorter form of one
of them ("惠农区" for the body "石嘴山市惠农区"). Spaces, punctuation and full/half width do not count. The
longest name found wins; two different bodies named equally long leave the choice to the person. A file name
or sheet name that names no body of the list may still name a new one ("平罗县2024年三季度推进情况"), as a
person reads it: a name that ends as a 县, 区, 管委会 or 局 does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from sisiding_desktop.domain.model import ReportingBody

MIN_NAME = 2  # a one-character "区" names nothing
MAX_NAME = 24  # longer than any 县/区/市直单位's name: a sentence, not a name

# How the name of a body that reports to a 市 ends: a county, district, banner or town, a park, a bureau.
BODY_ENDINGS = ("县", "区", "市", "旗", "镇", "乡", "街道", "管委会", "园区", "局", "委", "办", "中心", "农场", "公司")

_COLLECTIVE = ("各", "全", "本", "我")  # 各县区, 全市: every body, not one

# Words a file name or title carries besides the body's name.
_NOISE = re.compile(
    r"\d{4}\s*年?|第?[一二三四1-4]\s*季度|[Qq][1-4]|上半年|全年|年度|报送|填报|上报|推进情况|进展情况|"
    r"重点任务|任务分工|汇总|统计表|情况表|表格?|副本|最终|终稿|修改稿?|\(\d+\)|（\d+）|附件\s*\d*\s*[：:、.-]?"
)


def loose(text: str) -> str:
    """The text as names are compared: width folded, spaces and punctuation gone."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in text if ch.isalnum())


def named_bodies(text: str, bodies: Sequence[ReportingBody]) -> list[ReportingBody]:
    """The bodies ``text`` names, best first: one body when it is clear, several when it is not, none if none."""
    wanted = loose(text)
    if len(wanted) < MIN_NAME:
        return []
    scored: dict[int, tuple[int, ReportingBody]] = {}
    for body in bodies:
        for name in body.names:
            name = loose(name)
            if len(name) < MIN_NAME:
                continue
            if name in wanted or (len(wanted) >= MIN_NAME + 1 and wanted in name):
                score = min(len(name), len(wanted))
                if score > scored.get(body.id, (0, body))[0]:
                    scored[body.id] = (score, body)
    ranked = sorted(scored.values(), key=lambda item: -item[0])
    if len(ranked) > 1 and ranked[0][0] > ranked[1][0]:
        return [ranked[0][1]]
    return [body for _score, body in ranked]


def name_in_file_name(stem: str) -> str:
    """What a file name says besides the period and the usual words: the sender's name, perhaps."""
    return _NOISE.sub(" ", stem).strip(" -_—.·")


def new_body_name(text: str, plan_title: str = "") -> str:
    """The name of a body not yet listed that ``text`` (a title, a file name's rest, a sheet's name) begins with:
    its first word up to where a body's name ends (惠农区 of "惠农区“四水四定”重点任务推进情况表"), unless that is
    the plan's own 市 (in ``plan_title``) or all of them (各县区); "" when it begins with no such name."""
    words = text.split()
    first = loose(words[0])[:MAX_NAME] if words else ""
    name = first[: max((first.rfind(end) + len(end) for end in BODY_ENDINGS if end in first), default=0)]
    if len(name) <= MIN_NAME or name.startswith(_COLLECTIVE) or name in loose(plan_title):
        return ""
    return name
