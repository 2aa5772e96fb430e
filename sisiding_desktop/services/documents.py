"""A whole plan as plain JSON-ready data (the shape of ``show --json``)."""

from __future__ import annotations

from sisiding_desktop.domain.model import Indicator, Node, Plan
from sisiding_desktop.services.plans import PlanContents


def plan_document(contents: PlanContents) -> dict:
    return {
        "plan": _plan(contents.plan),
        "nodes": [_node(n) for n in contents.nodes],
        "indicators": [_indicator(i) for i in contents.indicators],
    }


def plan_summary(plan: Plan) -> dict:
    return {
        "id": plan.id,
        "title": plan.title,
        "region": plan.region,
        "year_from": plan.year_from,
        "year_to": plan.year_to,
    }


def _plan(plan: Plan) -> dict:
    return {
        "id": plan.id,
        "title": plan.title,
        "region": plan.region,
        "issuer": plan.issuer,
        "doc_number": plan.doc_number,
        "year_from": plan.year_from,
        "year_to": plan.year_to,
        "attachment_label": plan.attachment_label,
        "source_file": plan.source_file,
        "notes": plan.notes,
    }


def _node(node: Node) -> dict:
    return {
        "id": node.id,
        "kind": node.kind.value,
        "label": node.number,
        "source_label": node.source_label,
        "text": node.text,
        "lead": [u.name for u in node.lead],
        "support": [u.name for u in node.support],
        "local": [u.name for u in node.local],
        "remarks": node.remarks,
        "units_inherited": node.inherited_units,
        "deadline": node.deadline.text,
        "children": [_node(c) for c in node.children],
    }


def _indicator(indicator: Indicator) -> dict:
    return {
        "category": indicator.category,
        "name": indicator.name,
        "unit": indicator.measure_unit,
        "attribute": indicator.attribute.label if indicator.attribute else "",
        "base_value": indicator.base_value,
        "targets": {str(t.year): t.text for t in indicator.targets},
        "actuals": {a.period.code: a.text for a in indicator.actuals},
        "responsible": [u.name for u in indicator.responsible],
    }
