"""The one writer (viewer.model.output) on real files, devices, FIFOs and killed processes.

The full disk is a private character device with /dev/full's numbers made by mknod in a
temporary folder (never the machine's own /dev files). The read-only folder is a folder of mode
0555 written by a child process that has given up root (root ignores permission bits).
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path

import pytest

from viewer.model.output import (
    OutputError,
    open_output,
    refuse_inputs,
    replace_folder,
    same_file,
    write_by_name,
    write_output,
)

NOBODY = 65534


def full_device(folder: Path) -> Path:
    """A character device with the numbers of /dev/full (every write: ENOSPC)."""
    node = folder / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError as exc:
        pytest.skip(f"mknod is not permitted here ({exc.strerror}): no private full device")
    return node


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_regular_file_is_replaced_whole_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    inode = target.stat().st_ino
    write_output(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.stat().st_ino != inode  # a new file renamed over the old one
    assert temporaries(tmp_path) == []
    if os.geteuid() == 0:  # root writing over a user's file leaves it theirs
        os.chown(target, NOBODY, NOBODY)
        write_output(target, "newer\n")
        assert (target.stat().st_uid, target.stat().st_gid) == (NOBODY, NOBODY)
    assert temporaries(tmp_path) == []


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_output(tmp_path / "new.json", b"{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_a_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    write_output(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def produce_half() -> None:
        with open_output(target) as fh:
            fh.write("half of the new text")
            raise RuntimeError("the producer failed")

    with pytest.raises(RuntimeError, match="the producer failed"):
        produce_half()
    assert target.read_text(encoding="utf-8") == "old"
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("missing/x.json", "the folder .*missing does not exist"),
        (".", "is a folder"),
        ("file.txt/x.json", ".*file.txt is not a folder"),
    ],
)
def test_unwritable_paths_name_the_file_and_the_reason(
    tmp_path: Path, where: str, reason: str
) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    target = tmp_path / where
    with pytest.raises(OutputError, match=f"^{target}: cannot write: {reason}"):
        write_output(target, "text")


def test_a_full_device_is_written_into_and_reported(tmp_path: Path) -> None:
    node = full_device(tmp_path)
    with pytest.raises(OutputError) as got:
        write_output(node, "x" * 100_000)
    assert str(got.value) == f"{node}: cannot write: no space left on the disk"
    assert stat.S_ISCHR(node.stat().st_mode)  # still the device, not a regular file
    assert temporaries(tmp_path) == []
    with pytest.raises(OutputError, match="no space left"):  # a writer that wants a file name
        write_by_name(node, lambda tmp: Path(tmp).write_bytes(b"%PDF" * 1000))
    assert stat.S_ISCHR(node.stat().st_mode)


def test_a_fifo_is_written_into(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, "through the pipe\n")
    reader.join()
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_inputs_are_recognised_by_any_name(tmp_path: Path) -> None:
    data = tmp_path / "ds.json"
    data.write_text("{}", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(data)
    os.link(data, tmp_path / "hard.json")
    sub = tmp_path / "sub"
    sub.mkdir()
    for spelling in ("link.json", "hard.json", "sub/../ds.json", "./ds.json"):
        assert same_file(tmp_path / spelling, data), spelling
        with pytest.raises(OutputError, match="it is an input of this command"):
            refuse_inputs(tmp_path / spelling, [data])
    assert not same_file(tmp_path / "other.json", data)
    refuse_inputs(tmp_path / "other.json", [data, None])


WRITER = textwrap.dedent(
    """
    import sys
    from viewer.model.output import open_output

    with open_output(sys.argv[1], "wb") as fh:
        chunk = b"new " * 262144
        while True:  # a big write that never ends: killed in the middle
            fh.write(chunk)
            fh.flush()
            sys.stdout.write("1")
            sys.stdout.flush()
    """
)


def test_a_killed_writer_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "big.json"
    old = b'{"old": true}\n' * 100_000
    target.write_bytes(old)
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, cwd=Path.cwd()
    )
    assert child.stdout is not None
    try:
        assert child.stdout.read(8) == b"1" * 8  # 8 MiB written into the temporary file
        partial = temporaries(tmp_path)
        assert len(partial) == 1
        assert (tmp_path / partial[0]).stat().st_size >= 8 * 2**20
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == old


AS_NOBODY = textwrap.dedent(
    """
    import os, sys
    from viewer.model.output import OutputError, write_output

    os.setgroups([])
    os.setgid({uid})
    os.setuid({uid})
    try:
        write_output(sys.argv[1], "new")
    except OutputError as exc:
        sys.stderr.write(str(exc))
        sys.exit(1)
    """
).replace("{uid}", str(NOBODY))


@pytest.fixture
def open_folder():  # type: ignore[no-untyped-def]
    """A folder every user can enter (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="tv-output-"))
    folder.chmod(0o755)
    yield folder
    for p in folder.rglob("*"):
        if p.is_dir():
            p.chmod(0o755)
    shutil.rmtree(folder)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to become another user")
def test_a_read_only_folder_is_reported_and_left_alone(open_folder: Path) -> None:
    folder = open_folder / "ro"
    folder.mkdir()
    target = folder / "out.json"
    target.write_text("old", encoding="utf-8")
    folder.chmod(0o555)
    child = subprocess.run(
        [sys.executable, "-c", AS_NOBODY, str(target)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert child.returncode == 1, child.stderr
    assert child.stderr == f"{target}: cannot write: permission denied"
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in folder.iterdir()) == ["out.json"]


def test_a_folder_of_files_is_replaced_as_one(tmp_path: Path) -> None:
    target = tmp_path / "entry"
    target.mkdir()
    (target / "old.npy").write_bytes(b"old")
    replace_folder(target, lambda tmp: (tmp / "a.npy").write_bytes(b"a"))
    assert sorted(p.name for p in target.iterdir()) == ["a.npy"]

    def fail(tmp: Path) -> None:
        (tmp / "b.npy").write_bytes(b"b")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        replace_folder(target, fail)
    assert sorted(p.name for p in target.iterdir()) == ["a.npy"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry"]
