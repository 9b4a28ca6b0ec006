"""One 甲方 with several 乙方 (一对多): input, agreement, file names, merging pairs."""

import copy

import pytest

from docgen import render_pairing
from docgen.errors import ValidationError
from docgen.ooxml.text import document_text
from docgen.pipeline.validate import validate_pairing

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
