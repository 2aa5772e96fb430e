"""GUI tests (pytest-qt); they run on the offscreen platform unless told otherwise."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
