"""The Qt-free model: dataset format, dates, quote anchors, columnar index, layout."""
