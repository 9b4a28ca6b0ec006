"""Batch: rosters, encodings, row isolation, safe names, atomicity, manifest, zip, merge."""

import csv
import io
import subprocess
import sys
import textwrap
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from docgen import render_pairing, validate_pairing
from docgen.pipeline.batch import run_batch
from docgen.cli import main
from docgen.ooxml.text import document_text
from docgen.errors import InputError
from docgen.pipeline.names import document_path, safe_component

from conftest import SAMPLES

HEADER = "编号,甲方学校,甲方代表,乙方学校,乙方代表,开始年月,签订日期,甲方电话\n"


def roster_csv(tmp_path, rows, header=HEADER, encoding="utf-8-sig", name="名单.csv"):
    path = tmp_path / name
    path.write_bytes((header + "".join(r + "\n" for r in rows)).encode(encoding))
    return path


def manifest(outdir):
    with open(outdir / "manifest.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = ["A-1,城区一校,王强,乡村一校,陈刚,2025-09,2025-09-01,0519-86600001",
        "A-2,城区二校,李敏,乡村二校,,2025-09,,0519-86600002"]


# --------------------------------------------------------------------------- reading rosters

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings_are_detected(tmp_path, encoding):
    roster = roster_csv(tmp_path, ROWS, encoding=encoding)
    result = run_batch(roster, tmp_path / "out", kinds=["agreement"])
    assert result.failed == 0 and result.written == 2
    assert "城区一校" in document_text(tmp_path / "out/A-1_城区一校_乡村一校/协议书.docx")


def test_encoding_option_overrides_detection(tmp_path):
    roster = roster_csv(tmp_path, ROWS, encoding="gbk")
    result = run_batch(roster, tmp_path / "out", kinds=["agreement"], encoding="gbk")
    assert result.written == 2
    with pytest.raises(InputError) as info:
        run_batch(roster, tmp_path / "out2", kinds=["agreement"], encoding="utf-8")
    assert "按 utf-8 解码失败" in str(info.value)


def test_headers_tolerate_spaces_and_canonical_keys(tmp_path):
    header = " 编号 ,甲方\u3000学校,supporter.representative,乙方学校,term.start\n"
    roster = roster_csv(tmp_path, ["A-1,城区一校,王强,乡村一校,2025-09"], header=header)
    result = run_batch(roster, tmp_path / "out", kinds=["agreement"])
    text = document_text(tmp_path / "out/A-1_城区一校_乡村一校/协议书.docx")
    assert "代表（签字）：王强" in text and "自2025年9月至2028年8月" in text
    assert result.failed == 0


def test_unknown_header_stops_the_batch_with_a_suggestion(tmp_path):
    roster = roster_csv(tmp_path, ["A-1,x"], header="编号,甲方学效\n")
    with pytest.raises(InputError) as info:
        run_batch(roster, tmp_path / "out")
    assert "未知的列名「甲方学效」，是否应为「甲方学校」？" in str(info.value)
    assert info.value.exit_code == 2


def test_phone_numbers_keep_leading_zeros_and_long_numbers_stay_whole(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["编号", "甲方学校", "乙方学校", "甲方电话", "乙方电话", "文号"])
    # Excel holds numbers as doubles (15 digits); longer ones users keep as text cells.
    sheet.append([123456789012345, "甲", "乙", "05198660000", 13800000000, "320412199001011234"])
    sheet["D2"].number_format = "@"
    book.save(tmp_path / "r.xlsx")
    run_batch(tmp_path / "r.xlsx", tmp_path / "out", kinds=["agreement"])
    (doc,) = (tmp_path / "out").glob("*/协议书.docx")
    text = document_text(doc)
    assert "联系电话：05198660000 | 联系电话：13800000000" in text
    assert "编号：123456789012345" in text and "（320412199001011234）" in text


def test_yaml_roster_and_defaults_file(tmp_path):
    (tmp_path / "r.yaml").write_text(textwrap.dedent("""
        - {编号: Y-1, 甲方: {名称: 城区一校}, 乙方: {名称: 乡村一校}}
        - {id: Y-2, supporter: {name: 城区二校}, supported: {name: 乡村二校}, authority: 自己的教育局}
    """), "utf-8")
    (tmp_path / "d.yaml").write_text("主管部门: 常州市教育局\n依据: {文号: '常教发[2007]023号'}\n"
                                     "期限: {开始: 2025-09}\n", "utf-8")
    result = run_batch(tmp_path / "r.yaml", tmp_path / "out", kinds=["agreement"],
                       defaults=tmp_path / "d.yaml")
    assert result.failed == 0
    one = document_text(tmp_path / "out/Y-1_城区一校_乡村一校/协议书.docx")
    two = document_text(tmp_path / "out/Y-2_城区二校_乡村二校/协议书.docx")
    assert "根据常州市教育局《" in one and "常教发〔2007〕23号" in one and "自2025年9月" in one
    assert "根据自己的教育局《" in two  # the row overrides the defaults


def test_sample_workbook_reads_defaults_and_activities_sheets(tmp_path):
    result = run_batch(SAMPLES / "roster.xlsx", tmp_path / "out")
    assert len({r.pair for r in result.rows}) >= 20
    assert result.failed == 0
    agreement = document_text(next((tmp_path / "out").glob("CZ-2025-001_*/协议书.docx")))
    assert "常州市教育局《关于做好城乡学校结对工作的意见》（常教发〔2007〕23号）" in agreement
    summary = document_text(next((tmp_path / "out").glob("CZ-2025-001_*/工作总结.docx")))
    assert "本学年共开展结对活动3次，送教示范课2节，派出教师3人次，接待跟岗教师4人次" in summary
    assert "捐赠图书200册、电脑1台、资金5000元" in summary
    other = document_text(next((tmp_path / "out").glob("CZ-2025-010_*/工作总结.docx")))
    assert "本学年共开展结对活动3次" in other and "捐赠图书650册" in other


def test_a_pair_missing_from_the_activity_sheet_fails_its_summary_only(tmp_path):
    """A summary is never written claiming 0 activities while the sheet has rows: the
    pair's summary fails naming the 编号 found; its agreement and plan are written."""
    (tmp_path / "r.csv").write_text("编号,甲方学校,乙方学校\nA-1,城一,乡一\nB-2,城二,乡二\n", "utf-8")
    (tmp_path / "log.csv").write_text("编号,类型,课时\nA-1,送教示范课,2\nA-l,送教示范课,1\n", "utf-8")
    result = run_batch(tmp_path / "r.csv", tmp_path / "out", activities=tmp_path / "log.csv",
                       kinds=["agreement", "plan", "summary"])
    status = {(r.pair, r.kind): r for r in result.rows}
    assert status[("A-1", "summary")].status in ("ok", "blanks")
    assert status[("B-2", "agreement")].status != "error" and status[("B-2", "plan")].status != "error"
    failed = status[("B-2", "summary")]
    assert failed.status == "error" and "没有编号为「B-2」的活动" in failed.message
    assert "A-1、A-l" in failed.message
    assert not (tmp_path / "out" / failed.path).exists()


def test_an_activity_problem_fails_only_that_pairs_summary(tmp_path):
    (tmp_path / "r.csv").write_text("编号,甲方学校,乙方学校\nA-1,城一,乡一\n", "utf-8")
    (tmp_path / "log.csv").write_text("编号,类型,课时\nA-1,送教示范课,很多\n", "utf-8")
    result = run_batch(tmp_path / "r.csv", tmp_path / "out", activities=tmp_path / "log.csv")
    status = {r.kind: r for r in result.rows}
    assert status["agreement"].status != "error" and status["plan"].status != "error"
    assert status["summary"].status == "error"
    assert "第2行 「课时」" in status["summary"].message and "应为整数" in status["summary"].message
    assert result.exit_code == 1


def test_gbk_sample_csv(tmp_path):
    result = run_batch(SAMPLES / "roster-gbk.csv", tmp_path / "out", kinds=["agreement"])
    assert result.written == 8 and result.failed == 0


# --------------------------------------------------------------------------- isolation

def test_a_bad_row_is_reported_and_skipped(tmp_path):
    rows = [ROWS[0], "A-3,城区三校,张华,乡村三校,,2025-13,,", ROWS[1]]
    result = run_batch(roster_csv(tmp_path, rows), tmp_path / "out", kinds=["agreement", "plan"])
    assert result.exit_code == 1
    errors = [r for r in result.rows if r.status == "error"]
    assert {r.kind for r in errors} == {"agreement", "plan"} and {r.pair for r in errors} == {"A-3"}
    assert "第3行 「开始年月」" in errors[0].message and "无法识别的日期" in errors[0].message
    assert result.written == 4
    assert not (tmp_path / "out/A-3_城区三校_乡村三校").exists()


def test_duplicate_ids_name_both_rows(tmp_path):
    rows = [ROWS[0], ROWS[1], "A-1,别的城区校,x,别的乡村校,y,2025-09,,"]
    result = run_batch(roster_csv(tmp_path, rows), tmp_path / "out", kinds=["agreement"])
    errors = [r for r in result.rows if r.status == "error"]
    assert [r.row for r in errors] == [2, 4]
    assert all("编号「A-1」重复（第2、4行）" in r.message for r in errors)
    assert result.exit_code == 1 and result.written == 1


def test_strict_batch_fails_documents_with_blanks(tmp_path):
    result = run_batch(roster_csv(tmp_path, ROWS), tmp_path / "out", kinds=["agreement"],
                       strict=True)
    assert result.written == 0 and result.failed == 2
    assert "严格模式" in result.rows[0].message


# --------------------------------------------------------------------------- names

@pytest.mark.parametrize("name", ["../../etc", "A/B", "CON", "con.txt", "a\\b", "  ..  ", "名:称*?",
                                  "x" * 300, "甲" * 100, "\x00\x1f"])
def test_safe_components(name):
    safe = safe_component(name)
    assert safe and "/" not in safe and "\\" not in safe and safe not in (".", "..")
    assert not any(c in safe for c in '<>:"|?*')
    assert safe.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}
    assert len(safe.encode("utf-8")) <= 150
    assert not safe.endswith((".", " "))


def test_hostile_school_names_stay_inside_the_output_folder(tmp_path):
    rows = ["../../etc,../../etc,王,A/B,陈,2025-09,,", "CON,CON,王,NUL,陈,2025-09,,"]
    out = tmp_path / "out"
    result = run_batch(roster_csv(tmp_path, rows), out, kinds=["agreement"])
    assert result.failed == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert written == ["_CON_CON_NUL/协议书.docx", ".._.._etc_.._.._etc_A_B/协议书.docx"] or \
        all(not part.startswith("..") or part.startswith(".._") for w in written for part in w.split("/"))
    for path in out.rglob("*"):
        assert out.resolve() in path.resolve().parents
    assert document_path("{id}/{title}", {"id": "../..", "title": "协议书"}).parts[0] != ".."


def test_name_pattern_option(tmp_path):
    result = run_batch(roster_csv(tmp_path, ROWS), tmp_path / "out", kinds=["agreement"],
                       name="{kind}/{id}-{supported}")
    assert result.written == 2
    assert (tmp_path / "out/agreement/A-1-乡村一校.docx").is_file()
    with pytest.raises(InputError):
        run_batch(roster_csv(tmp_path, ROWS), tmp_path / "o2", name="{nope}")


def test_colliding_names_are_errors_not_overwrites(tmp_path):
    result = run_batch(roster_csv(tmp_path, ROWS), tmp_path / "out", kinds=["agreement"],
                       name="{title}")
    assert result.written == 1 and result.failed == 1
    assert "重名" in [r for r in result.rows if r.status == "error"][0].message


# --------------------------------------------------------------------------- safety

def test_existing_files_are_kept_without_force(tmp_path):
    roster = roster_csv(tmp_path, ROWS)
    out = tmp_path / "out"
    run_batch(roster, out, kinds=["agreement"])
    target = out / "A-1_城区一校_乡村一校/协议书.docx"
    target.write_bytes(b"edited by hand")
    again = run_batch(roster, out, kinds=["agreement"])
    assert again.count("skipped") == 2 and again.exit_code == 0
    assert target.read_bytes() == b"edited by hand"
    forced = run_batch(roster, out, kinds=["agreement"], force=True)
    assert forced.written == 2 and "城区一校" in document_text(target)


CRASH = textwrap.dedent("""
    import os, sys
    import docgen.pipeline.write as output
    import docgen.pipeline.batch as batch
    real = output.write_atomic
    calls = {"n": 0}
    def dying(path, data, **kw):
        calls["n"] += 1
        if calls["n"] == int(sys.argv[3]):
            # die in the middle of writing a document: a partial temporary file is left,
            # named as the write stage names them (the dying process's id)
            tmp = path.parent / f".{path.name}.{os.getpid()}-0.tmp"
            tmp.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data[: len(data) // 2])
            os._exit(9)
        return real(path, data, **kw)
    batch.write_atomic = dying
    batch.run_batch(sys.argv[1], sys.argv[2], kinds=["agreement", "plan"])
""")


@pytest.mark.parametrize("die_at", [1, 3, 4])
def test_a_crash_leaves_only_complete_documents_and_a_rerun_completes(tmp_path, die_at):
    roster = roster_csv(tmp_path, ROWS + ["A-3,城区三校,张华,乡村三校,何平,2025-09,,"])
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", CRASH, str(roster), str(out), str(die_at)],
                          capture_output=True, timeout=120)
    assert done.returncode == 9
    present = list(out.rglob("*.docx"))
    assert len(present) == die_at - 1
    for path in present:
        Document(str(path))  # opens: complete
    result = run_batch(roster, out, kinds=["agreement", "plan"])
    assert result.exit_code == 0
    assert result.count("skipped") == die_at - 1 and result.written == 6 - (die_at - 1)
    assert len(list(out.rglob("*.docx"))) == 6
    assert not list(out.rglob("*.tmp"))


# --------------------------------------------------------------------------- outputs

def test_manifest_has_one_row_per_document(tmp_path):
    out = tmp_path / "out"
    run_batch(roster_csv(tmp_path, ROWS), out, kinds=["agreement", "summary"])
    assert (out / "manifest.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = manifest(out)
    assert [(r["pair"], r["kind"]) for r in rows] == [
        ("A-1", "agreement"), ("A-1", "summary"), ("A-2", "agreement"), ("A-2", "summary")]
    a2 = rows[2]
    assert a2["status"] == "blanks" and int(a2["blanks"]) >= 3
    assert "乙方代表" in a2["message"] and "签订日期" in a2["message"]
    assert a2["path"] == "A-2_城区二校_乡村二校/协议书.docx" and a2["row"] == "3"


def test_zip_has_utf8_flagged_chinese_names(tmp_path):
    result = run_batch(roster_csv(tmp_path, ROWS), tmp_path / "out", kinds=["agreement"],
                       zip_path=tmp_path / "结对文书.zip")
    with zipfile.ZipFile(result.zip_path) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert "A-1_城区一校_乡村一校/协议书.docx" in names and "manifest.csv" in names
        assert all(i.flag_bits & 0x800 for i in infos if not i.filename.isascii())
        Document(io.BytesIO(archive.read("A-1_城区一校_乡村一校/协议书.docx")))


def test_merge_starts_each_pair_on_a_new_page(tmp_path):
    rows = ROWS + ["A-3,城区三校,张华,乡村三校,何平,2025-09,,"]
    result = run_batch(roster_csv(tmp_path, rows), tmp_path / "out", kinds=["agreement"],
                       merge=True)
    (merged,) = result.merged
    doc = Document(str(merged))
    breaks = doc.element.body.xpath('.//w:br[@w:type="page"]')
    assert len(breaks) == 2
    text = document_text(merged)
    assert text.count("城乡学校结对帮扶协议书") == 3
    assert text.index("城区一校") < text.index("城区二校") < text.index("城区三校")


def test_fast_path_equals_a_single_render(tmp_path):
    out = tmp_path / "out"
    run_batch(SAMPLES / "roster.xlsx", out, kinds=["agreement", "plan", "summary"])
    from docgen.api import load_activities
    from docgen.pipeline.roster import Roster, deep_merge
    table = Roster(SAMPLES / "roster.xlsx")
    row = next(table.rows())
    pairing = validate_pairing(deep_merge(table.defaults(), row.data))
    pairing = load_activities(pairing, SAMPLES / "roster.xlsx")
    for kind, title in (("agreement", "协议书"), ("plan", "工作计划"), ("summary", "工作总结")):
        single = render_pairing(kind, pairing).data
        batched = next(out.glob(f"CZ-2025-001_*/{title}.docx")).read_bytes()
        assert document_text(batched) == document_text(single)
        names = lambda data: sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())  # noqa: E731
        assert names(batched) == names(single)


def test_pairs_with_seal_images_take_the_general_path(tmp_path):
    (tmp_path / "seal.png").write_bytes((SAMPLES / "seal_a.png").read_bytes())
    roster = roster_csv(tmp_path, ["S-1,城区一校,王强,乡村一校,陈刚,2025-09,,,seal.png"],
                        header=HEADER.strip() + ",甲方盖章\n")
    result = run_batch(roster, tmp_path / "out", kinds=["agreement"])
    assert result.failed == 0
    doc = Document(str(tmp_path / "out/S-1_城区一校_乡村一校/协议书.docx"))
    assert doc.tables[0]._tbl.xpath(".//pic:pic")


def test_parallel_jobs_give_the_same_result(tmp_path):
    one = run_batch(SAMPLES / "roster.xlsx", tmp_path / "one", kinds=["agreement", "plan"])
    two = run_batch(SAMPLES / "roster.xlsx", tmp_path / "two", kinds=["agreement", "plan"], jobs=2)
    assert [r.as_list() for r in one.rows] == [r.as_list() for r in two.rows]
    for row in one.rows:
        assert document_text(tmp_path / "one" / row.path) == document_text(tmp_path / "two" / row.path)


# --------------------------------------------------------------------------- CLI

def test_cli_batch_closing_line_and_exit_codes(tmp_path):
    rows = [ROWS[0], "A-3,城区三校,张华,乡村三校,,2025-13,,"]
    result = CliRunner().invoke(main, ["batch", str(roster_csv(tmp_path, rows)), "-o",
                                       str(tmp_path / "out"), "--kinds", "agreement"])
    assert result.exit_code == 1
    assert "写出 1 份" in result.stdout and "失败 1 份" in result.stdout and "用时" in result.stdout
    assert "失败：A-3 agreement" in result.stderr and "第3行" in result.stderr
    assert "生成中" not in result.output  # no progress bar when not a terminal
    ok = CliRunner().invoke(main, ["batch", str(SAMPLES / "roster-gbk.csv"), "-o",
                                   str(tmp_path / "ok"), "--kinds", "agreement,plan"])
    assert ok.exit_code == 0, ok.output


def test_cli_batch_bad_input_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "none.xlsx"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "找不到输入文件" in result.stderr
    result = CliRunner().invoke(main, ["batch", str(SAMPLES / "roster-gbk.csv"), "-o",
                                       str(tmp_path / "o"), "--kinds", "contract"])
    assert result.exit_code == 2 and "未知的文书类型" in result.stderr


# --------------------------------------------------------------------------- temporaries of other runs

def _dead_pid() -> int:
    """The id of a process that has ended (what a killed run's temporary files carry)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_a_run_keeps_the_temporary_files_of_a_live_writer(tmp_path):
    """--name "{id}_{kind}" puts every document in one folder, where other processes (the
    workers of --jobs) are writing: only what a dead process left may be removed."""
    roster = roster_csv(tmp_path, ROWS)
    out = tmp_path / "out"
    out.mkdir()
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as writer:
        try:
            live = out / f".A-9_agreement.docx.{writer.pid}-0.tmp"
            live.write_bytes(b"half a document")
            dead = out / f".A-8_agreement.docx.{_dead_pid()}-0.tmp"
            dead.write_bytes(b"half a document")
            result = CliRunner().invoke(main, ["batch", str(roster), "-o", str(out), "--kinds",
                                               "agreement", "--name", "{id}_{kind}"])
            assert result.exit_code == 0, result.output
            assert live.exists() and not dead.exists()
        finally:
            writer.kill()


def test_parallel_workers_sharing_a_folder_lose_no_document(tmp_path):
    rows = [f"P-{i:03d},城区{i}校,王强,乡村{i}校,陈刚,2025-09,2025-09-01," for i in range(300)]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(roster_csv(tmp_path, rows)), "-o", str(out),
                                       "--kinds", "agreement,plan", "--name", "{id}_{kind}",
                                       "--jobs", "4"])
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.docx"))) == 600
    assert not [r for r in manifest(out) if r["status"] == "error"]


def test_a_rerun_removes_the_manifest_temporary_a_killed_run_left(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".manifest.csv.{_dead_pid()}-3.tmp"
    stale.write_bytes(b"pair,kind,path")
    result = CliRunner().invoke(main, ["batch", str(roster_csv(tmp_path, ROWS)), "-o", str(out),
                                       "--kinds", "agreement"])
    assert result.exit_code == 0, result.output
    assert not stale.exists() and (out / "manifest.csv").is_file()
