"""One 甲方 with several 乙方 (一对多): input, agreement, file names, merging pairs."""

import copy
import io
import re
import subprocess

import pytest
from docx import Document
from docx.shared import Mm

from docgen import load_pairing, render_pairing
from docgen.api import ScriptOptions
from docgen.errors import InputError, ValidationError
from docgen.kinds import field_label
from docgen.ooxml.text import document_text
from docgen.pipeline.batch import run_batch
from docgen.pipeline.one_to_many import merge_supported
from docgen.pipeline.validate import validate_pairing

from conftest import SAMPLES, require_client
from test_client import pdf_pages, pdf_text, to_pdf

SCHOOLS = [
    {"学校名称": "青山镇中心小学", "代表": "陈刚", "联系人": "周丽", "联系电话": "0551-66100001"},
    {"学校名称": "白水乡中心小学", "代表": "赵云", "联系人": "孙红", "联系电话": "0551-66100002"},
    {"学校名称": "石桥镇中心小学", "代表": "钱进", "联系人": "吴芳", "联系电话": "0551-66100003"},
]
PAIR = {
    "编号": "XX-2026-001", "主管部门": "某县教育局",
    "依据": {"标题": "关于开展城乡学校结对帮扶工作的通知", "文号": "某教发〔2026〕5号"},
    "甲方": {"学校名称": "某县实验小学", "代表": "王强", "联系人": "李敏", "联系电话": "0551-66000000"},
    "乙方": SCHOOLS,
    "期限": {"开始": "2026-09", "年限": 3}, "签订日期": "2026-09-01", "份数": 5, "其它条款": [],
}


def pair(**changes):
    data = copy.deepcopy(PAIR)
    data.update(changes)
    return data


def agreement_text(data, **options) -> str:
    return document_text(render_pairing("agreement", data, **options).data)


# --------------------------------------------------------------------------- input

def test_a_list_of_supported_schools_is_read_in_order():
    p = validate_pairing(pair())
    assert p.supported.name == "青山镇中心小学"           # 乙方一, as every kind reads it
    assert [s.name for s in p.supported_schools] == ["青山镇中心小学", "白水乡中心小学", "石桥镇中心小学"]
    assert [s.category for s in p.supported_schools] == ["农村学校"] * 3  # the side's default
    assert p.supported_schools[2].representative == "钱进"


def test_a_list_of_one_is_the_mapping():
    one = validate_pairing(pair(乙方=SCHOOLS[:1]))
    mapping = validate_pairing(pair(乙方=SCHOOLS[0]))
    assert one == mapping and one.more_supported == ()
    assert agreement_text(pair(乙方=SCHOOLS[:1])) == agreement_text(pair(乙方=SCHOOLS[0]))


def test_a_bad_item_is_named_with_its_key_path():
    bad = [SCHOOLS[0], {"学校名称": "白水乡中心小学", "学校明称": "x", "联系电话": ["0551"]}, "石桥镇"]
    with pytest.raises(ValidationError) as info:
        render_pairing("agreement", pair(乙方=bad))
    problems = {p.where.key_path: p.message for p in info.value.problems}
    assert "乙方第2项" in problems["supported[2].学校明称"]
    assert "是否应为「学校名称」" in problems["supported[2].学校明称"]
    assert problems["supported[2].phone"] == '应为文本（乙方第2项联系电话），实际为列表 "[\'0551\']"'
    assert problems["supported[3]"].startswith("应为键值表（乙方第3项）")


def test_an_empty_list_is_refused():
    with pytest.raises(ValidationError) as info:
        render_pairing("agreement", pair(乙方=[]))
    (problem,) = info.value.problems
    assert problem.where.key_path == "supported" and "列表是空的" in problem.message


def test_other_kinds_name_the_first_supported_school():
    plan = document_text(render_pairing("plan", pair()).data)
    assert "与青山镇中心小学（以下简称乙方）" in plan


# --------------------------------------------------------------------------- the agreement

def test_a_missing_value_of_an_item_is_its_own_blank():
    schools = copy.deepcopy(SCHOOLS)
    del schools[1]["联系电话"]
    result = render_pairing("agreement", pair(乙方=schools))
    assert result.blanks.as_dict() == {"supported[2].phone": 1}
    assert field_label("supported[2].phone") == "乙方第2项联系电话"
    assert field_label("supported_schools") == "乙方学校名称"


def test_the_agreement_names_each_supported_school_and_has_a_block_for_each():
    text = agreement_text(pair())
    lines = text.splitlines()
    assert lines[2:6] == ["甲方：某县实验小学（城市学校）", "乙方一：青山镇中心小学（农村学校）",
                          "乙方二：白水乡中心小学（农村学校）", "乙方三：石桥镇中心小学（农村学校）"]
    assert "共享各校教育资源，推动各校共同发展" in text and "两校" not in text
    assert "四、乙方责任\n乙方各校分别履行以下责任：\n1．" in text
    assert "本协议自各方盖章" in text and "一式五份，甲方、乙方各校及主管部门各执一份。" in text
    # Four signature blocks: 甲方 and three 乙方, each with its own column, two to a row.
    assert "甲方（盖章）：某县实验小学 | 乙方一（盖章）：青山镇中心小学" in lines
    assert "乙方二（盖章）：白水乡中心小学 | 乙方三（盖章）：石桥镇中心小学" in lines
    assert text.count("代表（签字）：") == 4 and text.count("2026年9月1日") == 4
    for name in ("陈刚", "赵云", "钱进"):
        assert f"代表（签字）：{name}" in text
    assert "联系电话：0551-66100002 | 联系电话：0551-66100003" in lines


def test_an_odd_last_block_leaves_its_right_cell_empty():
    schools = [*SCHOOLS, {"学校名称": "河口村小学", "代表": "郑和"}]
    text = agreement_text(pair(乙方=schools, 份数=6))
    lines = text.splitlines()
    assert "乙方四（盖章）：河口村小学 | " in lines and "代表（签字）：郑和 | " in lines
    assert "一式六份，甲方、乙方各校及主管部门各执一份" in text
    assert text.count("（盖章）：") == 5


def test_two_supported_schools_and_the_copies_clause():
    text = agreement_text(pair(乙方=SCHOOLS[:2], 份数=6))
    assert "乙方二（盖章）：白水乡中心小学 | " in text.splitlines()
    assert "一式六份，由甲方、乙方各校及有关部门分别存执。" in text


def test_fewer_copies_than_schools_is_a_warning():
    (warning,) = validate_pairing(pair(份数=3)).warnings
    assert warning.where.key_path == "copies" and "少于签约学校数（4所）" in warning.message
    assert not validate_pairing(pair(份数=4)).warnings
    assert not validate_pairing(pair(乙方=SCHOOLS[0], 份数=1)).warnings  # one-to-one: unchanged


def test_signature_table_keeps_two_columns_within_the_text_width():
    schools = [*SCHOOLS, {"学校名称": "河口村小学"}]
    doc = Document(io.BytesIO(render_pairing("agreement", pair(乙方=schools)).data))
    (table,) = doc.tables
    for row in table.rows:
        assert len(row.cells) == 2
        assert sum(c.width for c in row.cells) <= Mm(156) + Mm(1)


def test_the_seal_of_the_first_supported_school_goes_in_its_column():
    data = pair(盖章={"甲方": "seal_a.png", "乙方": "seal_b.png"})
    doc = Document(io.BytesIO(render_pairing("agreement", data, base_dir=SAMPLES).data))
    rows = doc.tables[0].rows
    pictures = [[bool(c._tc.xpath(".//pic:pic")) for c in row.cells] for row in rows]
    assert pictures.count([True, True]) == 1 and sum(map(sum, pictures)) == 2


def test_traditional_output():
    text = agreement_text(pair(), script=ScriptOptions("hant"))
    assert "乙方二（蓋章）：白水鄉中心小學 | 乙方三（蓋章）：石橋鎮中心小學" in text
    assert "代表（簽字）：趙雲" in text


@pytest.mark.client
@pytest.mark.parametrize("count", [3, 4])
def test_libreoffice_opens_the_agreement_and_keeps_blocks_whole(tmp_path, count):
    require_client("soffice", "pdftotext", "pdfinfo")
    schools = [*SCHOOLS, {"学校名称": "宜兴市张渚镇省庄中心小学", "代表": "欧阳明"}][:count]
    docx_path = tmp_path / "协议书.docx"
    docx_path.write_bytes(render_pairing("agreement", pair(乙方=schools, 份数=count + 2)).data)
    pdf = to_pdf(docx_path, tmp_path)
    text = pdf_text(pdf).replace(" ", "")
    for i, label in enumerate(["乙方一", "乙方二", "乙方三", "乙方四"][:count]):
        assert f"{label}（盖章）" in text and schools[i]["代表"] in text
    assert 2 <= pdf_pages(pdf) <= 5
    # The signature table stays within the right margin (26 mm from the edge: x ≤ 521.6 pt).
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                          timeout=60).stdout.decode("utf-8")
    words = re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)</word>', bbox)
    right = [float(x) for x, word in words if re.match("(甲方|乙方.)（盖章）：|代表（签字）：|联系人：|联系电话：", word)]
    assert len(right) == 4 * (count + 1) and max(right) <= 595.3 - Mm(26).pt + 1
    # A block is never split over two pages: each page holding a 盖章 line holds its date.
    for page in pdf_text(pdf).split("\f"):
        page = page.replace(" ", "")
        assert page.count("（盖章）") == 0 or page.count("2026年9月1日") >= page.count("（盖章）")


# --------------------------------------------------------------------------- batch, merging

def test_batch_names_several_supported_schools_by_the_first(tmp_path):
    roster = tmp_path / "r.yaml"
    roster.write_text(
        "- {编号: Y-1, 甲方: {名称: 城区一校}, 乙方: [{名称: 乡村一校}, {名称: 乡村二校}, {名称: 乡村三校}]}\n"
        "- {编号: Y-2, 甲方: {名称: 城区二校}, 乙方: [{名称: 乡村四校}]}\n", "utf-8")
    result = run_batch(roster, tmp_path / "out", kinds=["agreement", "plan"])
    assert result.failed == 0
    text = document_text(tmp_path / "out/Y-1_城区一校_乡村一校等3校/协议书.docx")
    assert "乙方三：乡村三校（农村学校）" in text
    assert (tmp_path / "out/Y-1_城区一校_乡村一校等3校/工作计划.docx").is_file()
    assert (tmp_path / "out/Y-2_城区二校_乡村四校/协议书.docx").is_file()


def test_merge_supported_lists_every_pair_supported_school():
    rows = [
        {"id": "1", "supporter": {"name": "城区一校", "representative": "王强"},
         "supported": {"name": "乡村一校"}, "signed_on": "2026-09-01"},
        {"编号": "2", "甲方": {"学校名称": "城区一校"}, "乙方": {"学校名称": "乡村二校"}},
        {"id": "3", "supporter": {"name": "城区一校"}, "supported": [{"name": "乡村三校"}, {"name": "乡村四校"}]},
    ]
    merged = merge_supported(rows)
    assert merged["id"] == "1" and merged["signed_on"] == "2026-09-01"
    assert merged["supporter"] == {"name": "城区一校", "representative": "王强"}
    assert [s["name"] for s in merged["supported"]] == ["乡村一校", "乡村二校", "乡村三校", "乡村四校"]
    assert "乙方四：乡村四校（农村学校）" in agreement_text(merged)
    assert merge_supported(rows[:1])["supported"] == {"name": "乡村一校"}


def test_merge_supported_refuses_pairs_that_differ_elsewhere():
    rows = [{"supporter": {"name": "城区一校"}, "supported": {"name": "乡村一校"}, "term": {"years": 3}},
            {"supporter": {"name": "城区二校"}, "supported": {"name": "乡村二校"}, "term": {"years": 5}}]
    with pytest.raises(InputError) as info:
        merge_supported(rows, file="名单.xlsx")
    messages = {p.where.key_path: p.message for p in info.value.problems}
    assert messages["supporter.name"].startswith("「甲方学校名称」不一致：第1个结对为「城区一校」，第2个结对为「城区二校」")
    assert "「年限」不一致" in messages["term.years"]


# --------------------------------------------------------------------------- the sample

def test_the_sample_renders_without_blanks():
    pairing = load_pairing(SAMPLES / "pairing-one-to-many.yaml")
    assert len(pairing.supported_schools) == 3 and not pairing.warnings
    result = render_pairing("agreement", pairing, base_dir=SAMPLES)
    assert not result.blanks
    assert "乙方三：溧阳市社渚中心小学（农村学校）" in document_text(result.data)


def test_init_copies_the_sample(tmp_path):
    from docgen.api import init_samples
    written = init_samples(tmp_path / "work")
    assert tmp_path / "work" / "pairing-one-to-many.yaml" in written
    pairing = load_pairing(tmp_path / "work" / "pairing-one-to-many.yaml")
    assert [s.name for s in pairing.supported_schools][1] == "金坛区薛埠中心小学"
