"""Where the dataset that ships with the viewer is (opened when no file is named)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

BUNDLED_NAME = "kalbajar.timeline.json"


def bundled_dataset() -> Path:
    """Path of the bundled Kalbajar dataset."""
    here = Path(__file__).resolve().parents[1]
    for candidate in (here / "resources", here.parent / "resources"):  # installed, source tree
        if (candidate / BUNDLED_NAME).is_file():
            return candidate / BUNDLED_NAME  # (without importlib.resources: start-up time)
    try:
        return Path(str(resources.files("viewer.resources").joinpath(BUNDLED_NAME)))
    except ModuleNotFoundError:  # running from a source tree that is not installed
        return Path(__file__).resolve().parents[2] / "resources" / BUNDLED_NAME
