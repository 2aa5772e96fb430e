"""Words that say a unit leads (牵头) or supports (配合) a task, in 职责 cells and in a 方案's annotations."""

from __future__ import annotations

LEAD_WORDS = ("牵头", "责任", "主责", "主办", "负责")
SUPPORT_WORDS = ("配合", "参与", "协办", "协助", "协同", "协作", "支持")
