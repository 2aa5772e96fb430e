"""Print preview: the report of the current tab drawn on A4 landscape pages, header repeated, pages numbered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from sisiding_desktop.gui.print_preview import configured_printer, paint_layout
from sisiding_desktop.render.pdf_pages import plan_pages


def test_the_division_report_paints_on_several_pages(services, pingluo, tmp_path, qapp):
    layout = services.exporting.layout(pingluo.id, "division")
    printer = configured_printer(layout)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    pages = paint_layout(layout, printer)
    assert pages > 3
    assert pages == len(plan_pages(layout).pages)  # the same pages as the exported PDF
    assert (tmp_path / "preview.pdf").stat().st_size > 10_000
    assert printer.pageLayout().orientation().name == "Landscape"


def test_preview_dialog_from_the_menu_for_the_quarter_tab(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    window.show_tab(1)
    seen = {}

    def look(dialog) -> bool:
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        seen["pages"] = widget.pageCount()
        seen["title"] = dialog.windowTitle()
        return False

    prompter.dialogs.append(look)
    window.actions_by_name["print_preview"].trigger()
    assert seen["pages"] >= 1
    assert "推进情况表" in seen["title"]


def test_any_report_previews_from_the_export_dialog(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    seen = {}

    def look(dialog) -> bool:
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        seen["pages"] = widget.pageCount()
        return False

    def choose_unit_report(dialog) -> bool:
        dialog.report.setCurrentIndex(dialog.report.findData("unit"))
        dialog.unit.setCurrentText("住建局")
        prompter.dialogs.insert(0, look)
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
        return False  # looked, not exported

    prompter.dialogs.append(choose_unit_report)
    window.transfer.export()
    assert seen["pages"] == 1
    assert not window.jobs.busy()
