"""The 计划 menu: create, rename, duplicate (next year's plan), delete, properties — all undoable."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QWidget

from sisiding_desktop.domain.model import Plan
from sisiding_desktop.gui.commands.plan_commands import (
    CreatePlan,
    DeletePlan,
    DuplicatePlan,
    EditPlanFields,
    RenamePlan,
)
from sisiding_desktop.gui.session import Session

_YEAR = re.compile(r"(19|20)\d{2}")
NEW_PLAN_TITLE = "新建任务分工表"


def next_year_title(title: str) -> str:
    """The title with every year moved on by one (2024年 → 2025年), or with （复制） when it has none."""
    moved = _YEAR.sub(lambda m: str(int(m.group()) + 1), title)
    return moved if moved != title else f"{title}（复制）"


class PlanActions:
    def __init__(self, session: Session, parent: QWidget) -> None:
        self.session = session
        self.parent = parent

    def current(self) -> Plan | None:
        if not self.session.plan_id:
            return None
        return self.session.guarded(lambda: self.session.services.plans.get_plan(self.session.plan_id))

    def new_plan(self) -> None:
        title = self.session.prompter.text("新建计划", "计划名称：", NEW_PLAN_TITLE)
        if title is not None:
            self.session.push(CreatePlan(self.session, title))

    def rename(self) -> None:
        plan = self.current()
        if plan is None:
            return
        title = self.session.prompter.text("重命名计划", "新的计划名称：", plan.title)
        if title is not None and title.strip() != plan.title:
            self.session.push(RenamePlan(self.session, plan, title.strip()))

    def duplicate(self) -> None:
        """A copy of the plan's table, units and indicators (not its progress), its years moved on by one."""
        plan = self.current()
        if plan is None:
            return
        title = self.session.prompter.text(
            "复制为新计划", "新计划的名称（表格、单位和指标会复制，进展不复制）：", next_year_title(plan.title)
        )
        if title is None:
            return
        with self.session.macro(f"复制计划：{title}"):
            command = DuplicatePlan(self.session, plan, title)
            if self.session.push(command) and plan.year_from and plan.year_to:
                copy = self.session.services.plans.get_plan(command.plan_id)
                self.session.push(
                    EditPlanFields(self.session, copy, year_from=plan.year_from + 1, year_to=plan.year_to + 1)
                )

    def delete(self) -> None:
        plan = self.current()
        if plan is None:
            return
        if self.session.prompter.ask(
            "删除计划", f"删除计划“{plan.title}”及其全部任务、进展和指标？\n删除后可以用“撤销”（Ctrl+Z）恢复。"
        ):
            self.session.push(DeletePlan(self.session, plan))

    def edit_properties(self) -> None:
        from sisiding_desktop.gui.dialogs.plan_properties import PlanPropertiesDialog

        plan = self.current()
        if plan is None:
            return
        dialog = PlanPropertiesDialog(plan, self.parent)
        if self.session.prompter.run_dialog(dialog):
            changes = dialog.changes()
            if changes:
                self.session.push(EditPlanFields(self.session, plan, **changes))
