"""Undo steps on the 主要指标表: a field, a year's target, a period's actual value, adding and deleting."""

from __future__ import annotations

from sisiding_desktop.domain.model import Indicator, Period
from sisiding_desktop.gui.commands.base import ServiceCommand
from sisiding_desktop.gui.session import INDICATORS, UNITS, Session
from sisiding_desktop.services.indicators import IndicatorSnapshot

FIELD_LABELS = {
    "category": "指标类型",
    "name": "指标名称",
    "measure_unit": "单位",
    "attribute": "指标属性",
    "base_value": "基期值",
    "notes": "备注",
    "responsible": "责任单位",
}


class EditIndicator(ServiceCommand):
    kinds = (INDICATORS, UNITS)

    def __init__(self, session: Session, indicator: Indicator, field: str, value: object) -> None:
        super().__init__(session, f"修改{FIELD_LABELS[field]}：{indicator.name}", indicator.plan_id)
        self.indicator_id, self.field, self.after, self.shown = indicator.id, field, value, indicator.version
        if field == "responsible":
            self.before: object = [u.name for u in indicator.responsible]
        else:
            self.before = getattr(indicator, field)

    def apply(self) -> None:
        self._save(self.after)

    def revert(self) -> None:
        self._save(self.before)

    def _save(self, value: object) -> None:
        indicators = self.session.services.indicators
        self.versioned(
            ("indicator", self.indicator_id),
            self.shown,
            lambda expected: indicators.update_indicator(self.indicator_id, expected=expected, **{self.field: value}),
        )

    def again(self) -> ServiceCommand:
        return EditIndicator(self.session, _now(self), self.field, self.after)


class SetTarget(ServiceCommand):
    kinds = (INDICATORS,)

    def __init__(self, session: Session, indicator: Indicator, year: int, text: str) -> None:
        super().__init__(session, f"修改{year}年目标：{indicator.name}", indicator.plan_id)
        self.indicator_id, self.year, self.after, self.shown = indicator.id, year, text, indicator.version
        self.before = next((t.text for t in indicator.targets if t.year == year), "")

    def apply(self) -> None:
        self._save(self.after)

    def revert(self) -> None:
        self._save(self.before)

    def _save(self, text: str) -> None:
        indicators = self.session.services.indicators
        self.versioned(
            ("indicator", self.indicator_id),
            self.shown,
            lambda expected: indicators.set_target(self.indicator_id, self.year, text, expected=expected),
        )

    def again(self) -> ServiceCommand:
        return SetTarget(self.session, _now(self), self.year, self.after)


class SetActual(ServiceCommand):
    kinds = (INDICATORS,)

    def __init__(self, session: Session, indicator: Indicator, period: Period, text: str) -> None:
        super().__init__(session, f"填写{period.label}完成值：{indicator.name}", indicator.plan_id)
        self.indicator_id, self.period, self.after, self.shown = indicator.id, period, text, indicator.version
        old = next((a for a in indicator.actuals if a.period == period), None)
        self.before, self.note = (old.text, old.note) if old else ("", "")

    def apply(self) -> None:
        self._save(self.after)

    def revert(self) -> None:
        self._save(self.before)

    def _save(self, text: str) -> None:
        indicators = self.session.services.indicators
        self.versioned(
            ("indicator", self.indicator_id),
            self.shown,
            lambda expected: indicators.set_actual(self.indicator_id, self.period, text, self.note, expected=expected),
        )

    def again(self) -> ServiceCommand:
        return SetActual(self.session, _now(self), self.period, self.after)


class AddIndicator(ServiceCommand):
    """A new indicator at the end of the table; undo deletes it, redo puts the same one (same id) back."""

    kinds = (INDICATORS, UNITS)

    def __init__(self, session: Session, plan_id: int, fields: dict[str, object]) -> None:
        super().__init__(session, f"新增指标：{fields.get('name', '')}", plan_id)
        self.fields = dict(fields)
        self.indicator_id = 0
        self.snapshot: IndicatorSnapshot | None = None

    def apply(self) -> None:
        indicators = self.session.services.indicators
        if self.snapshot is None:
            self.indicator_id = indicators.add_indicator(self.plan_id, **self.fields).id  # type: ignore[arg-type]
        else:
            indicators.restore_indicator(self.snapshot)

    def revert(self) -> None:
        self.snapshot = self.session.services.indicators.delete_indicator(self.indicator_id)


class DeleteIndicator(ServiceCommand):
    """Delete an indicator with its targets and actual values; undo restores all of them."""

    kinds = (INDICATORS, UNITS)

    def __init__(self, session: Session, indicator: Indicator) -> None:
        super().__init__(session, f"删除指标：{indicator.name}", indicator.plan_id)
        self.indicator_id = indicator.id
        self.snapshot: IndicatorSnapshot | None = None

    def apply(self) -> None:
        self.snapshot = self.session.services.indicators.delete_indicator(self.indicator_id)

    def revert(self) -> None:
        assert self.snapshot is not None
        self.session.services.indicators.restore_indicator(self.snapshot)


def _now(command) -> Indicator:
    """The indicator as it is now (after another desk's save)."""
    return command.session.services.indicators.get_indicator(command.indicator_id)
