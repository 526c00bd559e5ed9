"""The model never imports Qt or pyqtgraph (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys


def test_model_imports_no_qt() -> None:
    code = (
        "import sys, viewer.model.formats.detect, viewer.model.listing, viewer.cli\n"
        "import pkgutil, importlib, viewer.model\n"
        "for m in pkgutil.walk_packages(viewer.model.__path__, 'viewer.model.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
