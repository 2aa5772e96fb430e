"""sisiding_desktop — 四水四定任务分工表的桌面管理程序。"""

import os

# openpyxl switches to lxml whenever it can import it (python-docx brings lxml along), and then writes and reads
# xlsx through another code path, without defusedxml. The program keeps to the one path its checks and tests
# cover: the standard library's XML with defusedxml. Set before anything imports openpyxl.
os.environ.setdefault("OPENPYXL_LXML", "False")

__version__ = "0.1.0"

APP_NAME = "sisiding_desktop"
APP_DISPLAY_NAME = "四水四定任务分工"
ORG_NAME = "sisiding"
