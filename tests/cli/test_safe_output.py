"""Commands never write over their input, report every failed write, and write devices into.

convert, print and export in a subprocess: a self-overwrite through a symlink or a hard link; a
private full device (mknod in a temporary folder, never /dev/full itself); `-o -` and
/dev/stdout; a read-only folder (a child that gives up root, and a read-only mount when this
machine allows one).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.helpers import minimal, write
from tests.model.test_output import NOBODY, full_device


@pytest.fixture
def dataset(tmp_path: Path, bundled_path: Path) -> Path:
    copy = tmp_path / "ds.json"
    shutil.copyfile(bundled_path, copy)
    return copy


@pytest.mark.parametrize(
    "command",
    [("convert", "{inp}", "-o", "{out}", "--to", "csv"), ("print", "{inp}", "-o", "{out}")],
)
def test_a_self_overwrite_through_a_symlink_is_refused(
    dataset: Path, command: tuple[str, ...]
) -> None:
    before = dataset.read_bytes()
    link = dataset.parent / "link.json"
    link.symlink_to(dataset.name)
    r = run(*(a.format(inp=dataset, out=link) for a in command))
    assert r.returncode == 1
    assert r.stderr == (
        f"{link}: cannot write: it is an input of this command ({dataset}); nothing was read "
        "or written. Expected another output file\n"
    )
    assert r.stdout == ""
    assert dataset.read_bytes() == before
    assert link.is_symlink()


def test_a_self_overwrite_by_another_name_is_refused_before_reading(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    os.link(bad, tmp_path / "hard.json")
    for out in ("hard.json", "./bad.json", "sub/../bad.json"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        for command in (
            ("convert", "bad.json", "-o", out, "--to", "native"),
            ("export", "bad.json", "-o", out + ".png"),  # another file: reads and fails
        ):
            r = run(*command, cwd=tmp_path)
            assert r.returncode == 1
            if command[0] == "convert":  # refused without reading: no parse error
                assert r.stderr.count("\n") == 1, r.stderr
                assert "it is an input of this command" in r.stderr
            else:
                assert "it is an input" not in r.stderr
    assert bad.read_text(encoding="utf-8") == "{ not json"
    r = run("export", "bad.json", "-o", "hard.json", cwd=tmp_path)
    assert r.returncode == 2  # no image suffix: a usage error before anything else


def test_export_over_its_input_is_refused(dataset: Path) -> None:
    image = dataset.parent / "ds.png"
    image.write_bytes(b"not really a png")
    before = image.read_bytes()
    r = run("export", str(image), "-o", str(image))
    assert r.returncode == 1
    assert "it is an input of this command" in r.stderr
    assert image.read_bytes() == before


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (("convert", "{inp}", "-o", "{out}", "--to", "csv"), "{out}: cannot write: "),
        (("print", "{inp}", "-o", "{out}"), "timeline-viewer: cannot write {out}: "),
        (("export", "{inp}", "-o", "{out}.png"), "timeline-viewer: cannot write {out}.png: "),
    ],
)
def test_a_full_disk_is_exit_1_and_one_message(
    dataset: Path, command: tuple[str, ...], message: str
) -> None:
    node = full_device(dataset.parent)
    if command[0] == "export":
        (dataset.parent / "full.png").symlink_to("full")  # export wants a .png name
    r = run(*(a.format(inp=dataset, out=node) for a in command))
    assert r.returncode == 1
    last = r.stderr.splitlines()[-1]
    assert last == message.format(out=node) + "no space left on the disk"
    assert "wrote" not in r.stdout + r.stderr
    assert stat.S_ISCHR(node.stat().st_mode)  # the device is still a device
    assert sorted(p.name for p in dataset.parent.iterdir() if p.name.endswith(".tmp")) == []


def test_dash_writes_text_to_standard_output(dataset: Path, tmp_path: Path) -> None:
    r = run("convert", str(dataset), "-o", "-", "--to", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("id,start,end,")
    assert "-: wrote 10 events as csv" in r.stderr  # messages keep off the data
    table = tmp_path / "from-stdout.csv"
    table.write_text(r.stdout, encoding="utf-8", newline="")
    assert run("validate", str(table)).returncode == 0
    r = run("convert", str(dataset), "-o", "-")
    assert r.returncode == 2
    assert "--to native|timelinejs|csv" in r.stderr
    for command in ("print", "export"):
        r = run(command, str(dataset), "-o", "-")
        assert r.returncode == 2
        assert "go to files" in r.stderr or "cannot tell the format" in r.stderr


def test_dev_stdout_is_written_into(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "redirected.json"
    with open(out, "wb") as fh:
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "viewer",
                "convert",
                str(dataset),
                "-o",
                "/dev/stdout",
                "--to",
                "native",
            ],
            stdout=fh,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    assert r.returncode == 0, r.stderr
    assert "/dev/stdout: wrote 10 events as native" in r.stderr
    assert run("validate", str(out)).returncode == 0  # only the dataset went to stdout
    assert os.path.islink("/dev/stdout")


AS_NOBODY = textwrap.dedent(
    """
    import contextlib, io, os, sys, tempfile
    import viewer.cli

    # everything the command needs, imported while this process may still read it: the same
    # command once into a scratch file (the command line imports its modules when they are used)
    scratch = os.path.join(tempfile.mkdtemp(), "warm" + os.path.splitext(sys.argv[-1])[1])
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        viewer.cli.main([*sys.argv[1:-1], scratch])

    os.setgroups([])
    os.setgid({uid})
    os.setuid({uid})
    sys.exit(viewer.cli.main(sys.argv[1:]))
    """
).replace("{uid}", str(NOBODY))


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to become another user")
def test_a_read_only_folder_is_exit_1_and_leaves_the_old_file(bundled_path: Path) -> None:
    top = Path(tempfile.mkdtemp(prefix="tv-ro-"))
    try:
        top.chmod(0o755)
        source = top / "ds.json"
        shutil.copyfile(bundled_path, source)
        source.chmod(0o644)
        folder = top / "ro"
        folder.mkdir()
        target = folder / "out.csv"
        target.write_text("old", encoding="utf-8")
        folder.chmod(0o555)
        r = subprocess.run(
            [sys.executable, "-c", AS_NOBODY, "convert", str(source), "-o", str(target)],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert r.returncode == 1, r.stderr
        assert r.stderr.splitlines()[-1] == f"{target}: cannot write: permission denied"
        assert r.stdout == ""
        assert target.read_text(encoding="utf-8") == "old"
        assert sorted(p.name for p in folder.iterdir()) == ["out.csv"]
    finally:
        (top / "ro").chmod(0o755)
        shutil.rmtree(top)


def test_a_read_only_mount_is_exit_1(dataset: Path, tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    folder = tmp_path / "mnt"
    folder.mkdir()
    probe = subprocess.run(
        [unshare or "unshare", "-m", "mount", "-t", "tmpfs", "-o", "ro", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if unshare is None or probe.returncode != 0:
        pytest.skip("no private read-only mount here (unshare -m / mount not permitted)")
    exe = [sys.executable, "-m", "viewer", "convert", str(dataset)]
    script = f"mount -t tmpfs -o ro tmpfs {folder} && " + " ".join(
        [*exe, "-o", str(folder / "out.csv")]
    )
    r = subprocess.run(
        [unshare, "-m", "sh", "-c", script],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert r.returncode == 1, r.stderr
    assert r.stderr.splitlines()[-1] == f"{folder / 'out.csv'}: cannot write: the disk is read-only"


def test_convert_writes_inert_cells_unless_raw_cells(tmp_path: Path) -> None:
    data = minimal()
    data["events"][0]["title"] = '=HYPERLINK("http://example.com","open")'
    data["events"][1]["title"] = "'=not a formula either"
    path = write(tmp_path, data)
    r = run("convert", str(path), "-o", "-", "--to", "csv")
    assert r.returncode == 0, r.stderr
    titles = [row["title"] for row in csv.DictReader(io.StringIO(r.stdout, newline=""))]
    assert titles == ["'" + data["events"][0]["title"], "'" + data["events"][1]["title"]]
    table = tmp_path / "t.csv"
    assert run("convert", str(path), "-o", str(table)).returncode == 0
    back = run("list", str(table), "--format", "jsonl")
    assert sorted(json.loads(line)["title"] for line in back.stdout.splitlines()) == sorted(
        e["title"] for e in data["events"]
    )
    r = run("convert", str(path), "-o", "-", "--to", "csv", "--raw-cells")
    titles = [row["title"] for row in csv.DictReader(io.StringIO(r.stdout, newline=""))]
    assert titles == [e["title"] for e in data["events"]]
    assert "--raw-cells" in run("convert", "--help").stdout
