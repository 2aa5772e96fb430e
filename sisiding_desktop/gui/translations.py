"""Qt's own texts in Chinese: standard buttons (是/否/确定/取消), file dialogs, the edit menu of text fields."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

QT_CATALOGS = ("qtbase_zh_CN",)


def install_chinese_translations(app: QApplication) -> list[str]:
    """Load Qt's Simplified Chinese catalogs into ``app``; return the names loaded (none when Qt ships none)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in QT_CATALOGS:
        translator = QTranslator(app)  # parented to the application, so it lives as long as it does
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(name)
    return loaded
