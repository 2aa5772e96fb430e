"""Undo steps on plans: create, rename, duplicate, delete, and an import just made."""

from __future__ import annotations

from sisiding_desktop.domain.model import Plan
from sisiding_desktop.gui.commands.base import ServiceCommand
from sisiding_desktop.gui.session import INDICATORS, PLANS, PROGRESS, TREE, Session
from sisiding_desktop.services.plans import PlanSnapshot

ALL_PLAN_KINDS = (PLANS, TREE, PROGRESS, INDICATORS)


class _PlanLifetime(ServiceCommand):
    """A plan that comes into being on the first redo; undo deletes it whole, redo restores the same plan."""

    kinds = ALL_PLAN_KINDS
    focus_first = True

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(session, text)
        self.snapshot: PlanSnapshot | None = None

    def create(self) -> Plan:
        raise NotImplementedError

    def apply(self) -> None:
        if self.snapshot is None:
            self.plan_id = self.create().id
        else:
            self.session.services.plans.restore_plan(self.snapshot)

    def revert(self) -> None:
        self.snapshot = self.session.services.plans.delete_plan_keeping(self.plan_id)


class CreatePlan(_PlanLifetime):
    def __init__(self, session: Session, title: str, **fields: object) -> None:
        super().__init__(session, f"新建计划：{title}")
        self.title, self.fields = title, fields

    def create(self) -> Plan:
        return self.session.services.plans.create_plan(self.title, **self.fields)


class DuplicatePlan(_PlanLifetime):
    def __init__(self, session: Session, source: Plan, title: str) -> None:
        super().__init__(session, f"复制计划：{title}")
        self.source_id, self.title = source.id, title

    def create(self) -> Plan:
        return self.session.services.plans.duplicate_plan(self.source_id, self.title)


class ImportedPlan(_PlanLifetime):
    """An import already committed by the worker; the first redo only records it."""

    def __init__(self, session: Session, plan: Plan) -> None:
        super().__init__(session, f"导入计划：{plan.title}")
        self.plan = plan

    def create(self) -> Plan:
        return self.plan


class RenamePlan(ServiceCommand):
    kinds = (PLANS,)

    def __init__(self, session: Session, plan: Plan, title: str) -> None:
        super().__init__(session, f"重命名计划：{title}", plan.id)
        self.before, self.after, self.shown = plan.title, title, plan.version

    def apply(self) -> None:
        _save_plan(self, title=self.after)

    def revert(self) -> None:
        _save_plan(self, title=self.before)

    def again(self) -> ServiceCommand:
        return RenamePlan(self.session, self.session.services.plans.get_plan(self.plan_id), self.after)


class EditPlanFields(ServiceCommand):
    """Years, region, issuer … of a plan (the 计划属性 dialog)."""

    kinds = (PLANS, TREE, PROGRESS, INDICATORS)

    def __init__(self, session: Session, plan: Plan, **changes: object) -> None:
        super().__init__(session, "修改计划属性", plan.id)
        self.after, self.shown = changes, plan.version
        self.before = {name: getattr(plan, name) for name in changes}

    def apply(self) -> None:
        _save_plan(self, **self.after)

    def revert(self) -> None:
        _save_plan(self, **self.before)

    def again(self) -> ServiceCommand:
        return EditPlanFields(self.session, self.session.services.plans.get_plan(self.plan_id), **self.after)


def _save_plan(command: RenamePlan | EditPlanFields, **fields: object) -> None:
    plans = command.session.services.plans
    command.versioned(
        ("plan", command.plan_id),
        command.shown,
        lambda expected: plans.update_plan(command.plan_id, expected=expected, **fields),
    )


class DeletePlan(ServiceCommand):
    kinds = ALL_PLAN_KINDS

    def __init__(self, session: Session, plan: Plan) -> None:
        super().__init__(session, f"删除计划：{plan.title}", plan.id)
        self.snapshot: PlanSnapshot | None = None

    def apply(self) -> None:
        self.snapshot = self.session.services.plans.delete_plan_keeping(self.plan_id)

    def revert(self) -> None:
        assert self.snapshot is not None
        self.session.services.plans.restore_plan(self.snapshot)
