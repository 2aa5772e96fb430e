"""设置: the office name printed on reports, the light thresholds and how many backups to keep (in the database),
and this desk's name for the change log (on this machine)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from sisiding_desktop.domain.lights import LightSettings
from sisiding_desktop.gui.commands.settings_commands import OfficeSettings
from sisiding_desktop.gui.dialogs.buttons import ok_cancel
from sisiding_desktop.services.settings import BACKUP_KEEP_RANGE


class SettingsDialog(QDialog):
    def __init__(self, current: OfficeSettings, desk: str = "", login: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("设置")
        lights = current.lights
        self.desk = QLineEdit(desk)
        self.desk.setMaxLength(100)
        self.desk.setPlaceholderText(f"默认：{login}" if login else "例如：水资源股")
        self.desk.setToolTip("几台电脑共用一个服务器数据库时，修改记录中用这个名称注明是谁改的。")
        self.office = QLineEdit(current.office)
        self.office.setPlaceholderText("例如：平罗县水务局")
        self.margin = QSpinBox()
        self.margin.setRange(0, 100)
        self.margin.setSuffix(" 个百分点")
        self.margin.setValue(lights.behind_margin)
        self.due_soon = QSpinBox()
        self.due_soon.setRange(0, 3650)
        self.due_soon.setSuffix(" 天")
        self.due_soon.setValue(lights.due_soon_days)
        self.backup_keep = QSpinBox()
        self.backup_keep.setRange(*BACKUP_KEEP_RANGE)
        self.backup_keep.setSuffix(" 份")
        self.backup_keep.setValue(current.backup_keep)
        note = QLabel(
            "亮灯规则：已完成为绿灯；逾期未完成为红灯；落后序时进度超过上面的百分点，"
            "或距完成时限不足上面的天数（0 表示不提醒），为黄灯。"
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("单位名称(&O)：", self.office)
        form.addRow("落后序时进度(&M)：", self.margin)
        form.addRow("临近完成时限(&D)：", self.due_soon)
        form.addRow("自动备份保留(&B)：", self.backup_keep)
        form.addRow("本机名称(&N)：", self.desk)
        buttons = ok_cancel(self)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(480, 300)

    def values(self) -> OfficeSettings:
        lights = LightSettings(self.margin.value(), self.due_soon.value())
        return OfficeSettings(self.office.text().strip(), lights, self.backup_keep.value())

    def desk_name(self) -> str:
        """This desk's name as typed (empty: the OS login)."""
        return self.desk.text().strip()
