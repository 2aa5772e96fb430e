"""Exporting reports as Word documents through the service: every report, the division table's round trip."""

from __future__ import annotations

import os
import zipfile

import pytest
from docx import Document

from sisiding_desktop.domain.model import IndicatorAttribute, Period, Status
from sisiding_desktop.services import ServiceError
from sisiding_desktop.services.documents import plan_document
from sisiding_desktop.services.exporting import FORMATS
from sisiding_desktop.services.tree import walk
from tests.conftest import PINGLUO_XLSX

Q3 = Period(2024, 3)


def _shape(nodes):
    return [(n["kind"], n["label"], n["text"], n["lead"], n["support"], _shape(n["children"])) for n in nodes]


def _texts(path) -> str:
    document = Document(str(path))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def test_exported_division_document_imports_back_to_the_same_plan(services, tmp_path):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    services.indicators.add_indicator(
        plan.id, "用水总量", category="总体目标", measure_unit="亿立方米", attribute=IndicatorAttribute.BINDING,
        responsible=["水务局"], targets={2024: "6.17", 2025: "6.20"},
    )  # fmt: skip
    services.indicators.add_indicator(
        plan.id, "万元GDP用水量下降率", category="以水定产", measure_unit="%", attribute=IndicatorAttribute.EXPECTED,
        responsible=["发改局", "水务局"], targets={2025: "≥16"},
    )  # fmt: skip
    out = services.exporting.export(plan.id, "division", "docx", tmp_path / "分工表.docx")
    assert len(Document(str(out)).tables) == 2  # the 主要指标表 travels with it, as in the workbook
    again, preview = services.importing.import_plan(out)
    assert preview.warnings == ()
    first = plan_document(services.plans.contents(plan.id))
    second = plan_document(services.plans.contents(again.id))
    assert _shape(second["nodes"]) == _shape(first["nodes"])
    assert second["indicators"] == first["indicators"]
    for key in ("title", "attachment_label"):
        assert second["plan"][key] == first["plan"][key]


@pytest.mark.parametrize("report", ["division", "progress", "indicators", "unit"])
def test_every_report_is_written_as_a_word_document(services, tmp_path, report):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    measure = next(n for n in walk(services.plans.tree(plan.id)) if n.kind.value == "measure")
    services.progress.record(measure.id, Q3, status=Status.IN_PROGRESS, percent=60, progress_text="=已完成划定")
    services.indicators.add_indicator(plan.id, "用水总量", measure_unit="亿立方米", targets={2024: "6.17"})
    unit = measure.lead[0].name
    out = services.exporting.export(plan.id, report, "docx", tmp_path / f"{report}.docx", period=Q3, unit=unit)
    assert zipfile.is_zipfile(out)
    text = _texts(out)
    expected = {"division": measure.text, "progress": "=已完成划定", "indicators": "用水总量", "unit": measure.text}
    assert expected[report] in text
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_word_is_one_of_the_formats_and_a_failed_write_leaves_nothing(services, tmp_path, monkeypatch):
    assert "docx" in FORMATS
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    with pytest.raises(ServiceError, match="docx"):
        services.exporting.export(plan.id, "division", "doc", tmp_path / "a.doc")
    target = tmp_path / "分工表.docx"
    target.write_bytes(b"the earlier file")

    def full_disk(self, stream):
        stream.write(b"PK half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("docx.document.Document.save", full_disk)
    with pytest.raises(ServiceError, match="未留下不完整的文件"):
        services.exporting.export(plan.id, "division", "docx", target)
    assert target.read_bytes() == b"the earlier file"
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]
