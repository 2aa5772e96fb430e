"""Unit lists come in pinyin order, as a clerk finds names in Excel or WPS."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sisiding_desktop.gui.application import create_application
from sisiding_desktop.gui.collation import chinese_sorted

PINYIN_ORDER = ["财政局", "发改局", "工信局", "农业农村局", "水务局", "住建局", "自然资源局"]


def test_names_sort_by_pinyin_and_numbers_by_value():
    shuffled = ["住建局", "水务局", "财政局", "自然资源局", "发改局", "农业农村局", "工信局"]
    assert chinese_sorted(shuffled) == PINYIN_ORDER
    assert chinese_sorted(["第10组", "第2组", "第1组"]) == ["第1组", "第2组", "第10组"]
    units = [("水务局", 2), ("财政局", 1)]
    assert chinese_sorted(units, key=lambda unit: unit[0]) == [("财政局", 1), ("水务局", 2)]


def test_the_unit_tab_lists_units_by_pinyin(make_window, services, qtbot):
    create_application()  # the program's Chinese locale, as at start-up
    for name in reversed(PINYIN_ORDER):
        services.units.create_unit(name)
    window = make_window()
    window.show_tab(3)
    view = window.units_view
    qtbot.waitUntil(lambda: view.proxy.rowCount() == len(PINYIN_ORDER))
    shown = [view.proxy.index(row, 0).data() for row in range(view.proxy.rowCount())]
    assert shown == PINYIN_ORDER
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert view.proxy.index(0, 0).data() == "自然资源局"
