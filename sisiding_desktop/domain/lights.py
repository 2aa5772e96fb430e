"""Traffic lights (亮灯) for a measure's progress: derived, never stored.

Rules, checked in this order:

1. 已完成 (or 100%) → green, whatever the dates.
2. 暂缓 → red once past due, otherwise no light: the pause is a decision,
   so it is neither "behind" nor "due soon".
3. No due date → yellow if reported 滞后, otherwise no light.
4. Past due (today after the due date) → red.
5. Reported 滞后 → yellow.
6. Due within ``due_soon_days`` days (0 turns this off) → yellow.
7. Percent behind the time-elapsed share (序时进度) by more than
   ``behind_margin`` points → yellow.  No report at all, or 未启动 without a
   percent, counts as 0%; 推进中 without a percent is not judged.
8. Otherwise → green (on time).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sisiding_desktop.domain.model import Deadline, Light, Status

_LIMITS = {"behind_margin": (0, 100), "due_soon_days": (0, 3650)}


@dataclass(frozen=True)
class LightSettings:
    behind_margin: int = 10  # percentage points behind 序时进度 that turns yellow
    due_soon_days: int = 30  # yellow when due within this many days and not done

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> LightSettings:
        """Settings from stored values; missing, empty or unreadable ones keep the default."""
        defaults = cls()
        chosen = {}
        for key, (low, high) in _LIMITS.items():
            number = _as_int(values.get(key))
            chosen[key] = getattr(defaults, key) if number is None else min(max(number, low), high)
        return cls(**chosen)

    def to_mapping(self) -> dict[str, int]:
        return {"behind_margin": self.behind_margin, "due_soon_days": self.due_soon_days}


def _as_int(value: object) -> int | None:
    """10, 10.0, "10", " 10 ", "10%", "１０" → 10; anything else → None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return round(value) if value == value and abs(value) != float("inf") else None
    if isinstance(value, str):
        text = value.strip().rstrip("%％").strip()
        try:
            return round(float(text))
        except ValueError:
            return None
    return None


def elapsed_share(deadline: Deadline, today: date, plan_start: date | None = None) -> float | None:
    """Share of the deadline's time window gone by the end of ``today`` (序时进度), 0–100.

    The window runs from ``deadline.start``, else ``plan_start``, else 1 January
    of the due year, to ``deadline.end``.  None when there is no due date.
    """
    end = deadline.end
    if end is None:
        return None
    start = deadline.start or plan_start
    if start is None or start > end:
        start = date(end.year, 1, 1)
    total = (end - start).days + 1
    gone = (today - start).days + 1
    return min(max(gone / total * 100, 0.0), 100.0)


def compute_light(
    deadline: Deadline,
    status: Status | None,
    percent: int | None,
    today: date,
    settings: LightSettings = LightSettings(),  # noqa: B008 - frozen, safe to share
    plan_start: date | None = None,
) -> Light | None:
    """The light of one measure on ``today`` (see the module docstring for the rules)."""
    if status == Status.DONE or (percent is not None and percent >= 100):
        return Light.GREEN
    end = deadline.end
    if status == Status.SUSPENDED:
        return Light.RED if end is not None and today > end else None
    if end is None:
        return Light.YELLOW if status == Status.BEHIND else None
    if today > end:
        return Light.RED
    if status == Status.BEHIND:
        return Light.YELLOW
    if settings.due_soon_days > 0 and (end - today).days <= settings.due_soon_days:
        return Light.YELLOW
    done = percent if percent is not None else (0 if status in (None, Status.NOT_STARTED) else None)
    share = elapsed_share(deadline, today, plan_start)
    if done is not None and share is not None and share - done > settings.behind_margin:
        return Light.YELLOW
    return Light.GREEN
