"""Quote anchors: exact positions, re-anchoring, UTF-16 conversion."""

from __future__ import annotations

from viewer.model.anchors import anchor, make_selector, utf16_offset


def test_exact_position_holds() -> None:
    text = "a “quote” here"
    sel = make_selector(text, 3, 8)
    assert anchor(text, **sel).status == "ok"  # type: ignore[arg-type]


def test_moved_quote_is_found_by_its_words_and_context() -> None:
    old = "one two. He said yes. She said yes. end"
    i = old.index("yes", old.index("She"))
    sel = make_selector(old, i, i + 3)
    new = "PREFACE " + old
    found = anchor(new, **sel)  # type: ignore[arg-type]
    assert found.status == "moved"
    assert new[found.start : found.end] == "yes"
    assert new[found.start - 9 : found.start] == "She said "


def test_missing_quote_is_reported() -> None:
    assert anchor("nothing here", "absent", "", "", 0, 6).status == "missing"


def test_utf16_offsets_count_astral_characters_twice() -> None:
    text = "a😀b\u00a0c"
    assert utf16_offset(text, 1) == 1
    assert utf16_offset(text, 2) == 3
    assert utf16_offset(text, 4) == 5
