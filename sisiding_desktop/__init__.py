"""sisiding_desktop — 四水四定任务分工表的桌面管理程序。"""

__version__ = "0.1.0"

APP_NAME = "sisiding_desktop"
APP_DISPLAY_NAME = "四水四定任务分工"
ORG_NAME = "sisiding"
