"""Data files as office staff type them (issue 13, part 7): full-width colons and spaces,
tabs, traditional keys, Notepad's encodings. Repaired line for line before parsing, with
notices naming the lines; what cannot be read is refused naming the line and the cause."""

import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from docgen.errors import InputError
from docgen.kinds import PAIRING_SPEC
from docgen.ooxml.text import document_text
from docgen.pipeline.load import read_yaml
from docgen.pipeline.typed import normalise

from conftest import DATA, SAMPLES

TYPED = DATA / "typed"


def read(text: str, **kw):
    return read_yaml(text, "数据.yaml", spec=PAIRING_SPEC, expected="键值表（一个结对）", **kw)


def refused(text: str) -> str:
    with pytest.raises(InputError) as info:
        read(text)
    assert info.value.exit_code == 2
    return str(info.value)


# --------------------------------------------------------------------------- repaired

@pytest.mark.parametrize("typed, meant", [
    ("编号：HX-2026-031\n甲方：\n  名称：县实验小学\n", "编号: HX-2026-031\n甲方:\n  名称: 县实验小学\n"),
    ("甲方：\n\t名称：县一中\n\t代表：张三\n", "甲方:\n  名称: 县一中\n  代表: 张三\n"),
    ("甲方：\n　　名称：县一中\n　　代表：张三\n", "甲方:\n  名称: 县一中\n  代表: 张三\n"),
    ("甲方:\n  名称:　县一中\n  代表：　张三\n", "甲方:\n  名称: 县一中\n  代表: 张三\n"),
    ("甲方:　\n  名称: 县一中\n", "甲方:\n  名称: 县一中\n"),
    ("编号:HX-1\n份数:4\n", "编号: HX-1\n份数: 4\n"),
    ("编号　：　HX-1\n", "编号: HX-1\n"),
    # a list of records: each item a mapping, its keys aligned under the first by tabs
    ("总结：\n\t活动记录：\n\t\t-\t类型：捐赠\n\t\t\t图书：300\n\t\t-\t类型：其他\n",
     "总结:\n  活动记录:\n    - 类型: 捐赠\n      图书: 300\n    - 类型: 其他\n"),
    ("总结：\n\t活动记录：\n\t\t- 类型：捐赠\n\t\t  图书：300\n",
     "总结:\n  活动记录:\n    - 类型: 捐赠\n      图书: 300\n"),
    # tabs on some lines, spaces on others: a tab is one level of the file's spaces (4 here)
    ("甲方:\n    名称: 县一中\n\t代表: 张三\n乙方:\n\t名称: 县二中\n",
     "甲方:\n  名称: 县一中\n  代表: 张三\n乙方:\n  名称: 县二中\n"),
    ("依据：{标题：关于做好结对工作的意见，文号：\"常教发[2007]023号\"}\n",
     "依据: {标题: 关于做好结对工作的意见, 文号: \"常教发[2007]023号\"}\n"),
    ("依据：{标题：关于A, B的通知，文号：常教发[2007]023号}\n",
     "依据: {标题: \"关于A, B的通知\", 文号: \"常教发[2007]023号\"}\n"),
    ("总结：\n  活动记录：\n    - {类型：捐赠，图书：300}\n", "总结:\n  活动记录:\n    - {类型: 捐赠, 图书: 300}\n"),
    ("编号：A\r\n甲方：\r\n\t名称：县一中\r\n", "编号: A\n甲方:\n  名称: 县一中\n"),
])
def test_typed_forms_read_as_the_yaml_meant(typed, meant):
    assert read(typed).data == yaml.safe_load(meant)


def test_notices_say_what_was_repaired_on_which_lines():
    loaded = read("# 数据\n编号：HX-1\n甲方：\n\t名称：县一中\n\t代表:　张三\n乙方:\n  名称: 县二中\n")
    notices = [str(n) for n in loaded.notices]
    assert "数据.yaml: 第2—4行：全角冒号「：」已按半角冒号「:」读取" in notices
    assert "数据.yaml: 第5行：冒号后的全角空格「　」已按空格读取" in notices
    assert any(n.startswith("数据.yaml: 第4—5行：Tab 已按空格读取，一个 Tab 为一级缩进（2 个空格）")
               and "混用了 Tab 和空格" in n for n in notices)
    assert read("编号: A\n甲方:\n  名称: 县一中\n").notices == []


@pytest.mark.parametrize("typed, key, value", [
    ("依据：\n  标题：关于印发《方案》的通知：附件\n", "标题", "关于印发《方案》的通知：附件"),
    ("依据：\n  标题：http://jyj.example.gov.cn/a:b?x=1\n", "标题", "http://jyj.example.gov.cn/a:b?x=1"),
    ("依据：\n  标题: 关于：通知\n", "标题", "关于：通知"),
    ("依据：\n  标题：会议: 通知\n", "标题", "会议: 通知"),          # ': ' inside a value: quoted
    ("依据：\n  标题：县一中\t（城区）\n", "标题", "县一中\t（城区）"),  # a tab inside a value: kept
    ("依据：\n  标题：\"甲：乙\"\n", "标题", "甲：乙"),
    ("依据：\n  标题：'它''s：x'\n", "标题", "它's：x"),
    ("依据：\n  标题：　　李　明\n", "标题", "李　明"),           # inner full-width space kept
    ("依据：\n  标题：10：30 开会 # 备注\n", "标题", "10：30 开会"),
])
def test_values_keep_their_content(typed, key, value):
    assert read(typed).data["依据"][key] == value


def test_block_scalars_quoted_strings_and_text_lists_are_not_touched():
    typed = ("工作计划：\n"
             "\t指导思想：|\n"
             "\t\t以……为指导：\n"
             "\t\t　　坚持　立德树人：\t根本任务\n"
             "\t工作保障：\"第一行：\n"
             "\t　第二行：x\"\n"
             "其它条款：\n"
             "\t- 甲方：负责教师培训。\n"
             "\t- 乙方：配合。\n")
    data = read(typed).data
    assert data["工作计划"]["指导思想"] == "以……为指导：\n　　坚持　立德树人：\t根本任务\n"
    assert data["工作计划"]["工作保障"] == "第一行： 　第二行：x"
    assert data["其它条款"] == ["甲方：负责教师培训。", "乙方：配合。"]


def test_a_value_on_its_own_line_stays_a_value():
    data = read("依据：\n  标题：\n    关于印发：通知\n其它条款：\n  甲方：负责。\n").data
    assert data == {"依据": {"标题": "关于印发：通知"}, "其它条款": "甲方：负责。"}


def test_without_a_schema_list_items_are_mappings_only_when_written_as_such():
    assert read_yaml("- 甲：乙\n- 丙：丁\n").data == ["甲：乙", "丙：丁"]
    assert read_yaml("- 名字：乙\n  年龄：3\n").data == [{"名字": "乙", "年龄": 3}]
    assert normalise("网址:http://x\n").text == "网址:http://x\n"  # not a known field: text


# --------------------------------------------------------------------------- refused

def test_text_at_the_top_says_why_and_where():
    message = refused("关于做好城乡学校结对工作的意见，请各校：认真执行\n")
    assert "第1行: 输入文件的顶层应为键值表（一个结对），实际为文本：" in message
    assert "全角冒号「：」前的文字不像键名" in message


@pytest.mark.parametrize("typed, line, cause", [
    ("2026年结对数据\n编号：x\n", 1, "这一行没有冒号"),
    ("编号：x\n甲方：\n\t名称：x\n\t代表 张三\n\t联系人：李四\n", 4, "这一行没有冒号"),
    ("编号：x\n网址:　http://x\n关于结对帮扶工作的几点补充说明，请各校注意:　x\n甲方: 1\n", 3,
     "冒号后是全角空格「　」"),
    ("编号：x\n网址:http://x\n甲方: 1\n", 2, "冒号「:」后缺少空格"),
])
def test_a_line_that_is_not_key_value_is_named_with_its_cause(typed, line, cause):
    message = refused(typed)
    assert f"数据.yaml 第{line}行: " in message and cause in message


def test_yaml_errors_name_the_original_line_and_column():
    message = refused("甲方：\n\t名称：x\n\t\t代表：y\n")
    assert "数据.yaml 第3行: YAML 格式错误，第5列：" in message  # the column of 「：」 in \t\t代表：y


def test_a_flow_mapping_with_full_width_colons_and_unknown_keys_is_refused():
    message = refused("编号：x\n甲方：{名字：县一中，代表：张三}\n")
    assert "第2行: 花括号 {…} 中的冒号是全角「：」" in message


# --------------------------------------------------------------------------- properties

SCHEMA_KEYS = sorted({name for _, spec in PAIRING_SPEC.leaves() for name in spec.names}
                     | {name for spec in PAIRING_SPEC.children for name in spec.names})
KEYS = st.sampled_from(SCHEMA_KEYS + ["名字", "k", "a b", "甲：乙"])
PIECES = st.sampled_from(["：", ":", "　", "\t", " ", "http://a.cn/x:y", "#", " # ", "- ", "|", "'",
                          '"', "\n", "　　坚持", "关于：通知", "[", "{", "甲方：", "10：30", "-"])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=6).map("".join)
DATA = st.recursive(st.one_of(TEXT, st.integers(), st.none()),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4),
                    max_leaves=12)


class _BlockDumper(yaml.SafeDumper):
    """Multi-line strings as block scalars (|), as people write them."""


_BlockDumper.add_representer(str, lambda d, s: d.represent_scalar(
    "tag:yaml.org,2002:str", s, style="|" if "\n" in s else None))

# TYPED_EXAMPLES=5000 for a longer search (about 3 minutes each)
PROPERTY = settings(max_examples=int(os.environ.get("TYPED_EXAMPLES", 300)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@PROPERTY
@given(data=st.dictionaries(KEYS, DATA, min_size=1, max_size=5), flow=st.sampled_from([False, None]),
       block=st.booleans(), indent=st.sampled_from([2, 4]))
def test_normalising_never_changes_valid_yaml(data, flow, block, indent):
    """Any mapping YAML writes (block or flow style, block scalars, values holding
    full-width colons and spaces, tabs, URLs, quotes) comes out byte for byte."""
    text = yaml.dump(data, Dumper=_BlockDumper if block else yaml.SafeDumper, allow_unicode=True,
                     default_flow_style=flow, sort_keys=False, indent=indent)
    assert normalise(text, PAIRING_SPEC).text == text
    assert normalise(text).text == text
    assert normalise(text, PAIRING_SPEC, roster=True).text == text


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_the_samples_are_left_as_they_are(path):
    text = path.read_text("utf-8")
    assert normalise(text, PAIRING_SPEC).text == text


def _plain(value: str) -> bool:
    """A value YAML reads, after ``key: ``, as exactly this text."""
    try:
        return value == value.strip(" \t\u3000") and yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        return False


VALUE = st.tuples(st.sampled_from(list("甲乙县李AB1")), TEXT).map(
    lambda t: (t[0] + t[1]).replace("\n", "")).filter(_plain)


@PROPERTY
@given(values=st.lists(VALUE, min_size=7, max_size=7),
       colon=st.sampled_from(["：", ":　", "：　", ": ", "　：", ":"]),
       level=st.sampled_from(["\t", "　　", "  ", "    "]), gap=st.sampled_from(["\t", "　", " "]))
def test_typed_files_keep_every_value(values, colon, level, gap):
    """A pairing typed with any separator and indentation reads each value exactly as the
    same line after an ASCII ': ' would."""
    v = values
    lines = [("编号", v[0]), ("甲方", None), (level + "名称", v[1]), (level + "代表", v[2]),
             ("其它条款", None), (level + "-" + gap + v[3],), (level + "-" + gap + v[4],),
             ("总结", None), (level + "活动记录", None),
             (level * 2 + "-" + gap + "类型", v[5]), (level * 3 + "名称", v[6])]
    text = ""
    for key, *value in lines:
        if not value:
            text += key + "\n"  # a list item
        elif value[0] is None:
            text += key + colon.rstrip(" ") + "\n"
        else:
            text += key + colon + value[0] + "\n"
    data = read(text).data
    assert data == {"编号": v[0], "甲方": {"名称": v[1], "代表": v[2]}, "其它条款": [v[3], v[4]],
                    "总结": {"活动记录": [{"类型": v[5], "名称": v[6]}]}}


# --------------------------------------------------------------------------- end to end


def test_a_file_typed_with_full_width_colons_and_tabs_renders(run, tmp_path):
    source = TYPED / "fullwidth-tabs.yaml"
    result = run("render", "agreement", "-i", source, "-o", "协议书.docx")
    assert result.exit_code == 0, result.output
    assert "注意：" in result.stderr and "行：全角冒号「：」已按半角冒号「:」读取" in result.stderr
    assert "行：Tab 已按空格读取" in result.stderr
    text = document_text(tmp_path / "协议书.docx")
    for part in ("编号：HX-2026-031", "××县实验小学", "××县河口镇中心小学", "2026年9月至2029年8月",
                 "乙方：在学校网站（http://hk.example.edu.cn/jd）公布结对活动情况。"):
        assert part in text, part
    result = run("render", "summary", "-i", source, "-o", "工作总结.docx")
    assert result.exit_code == 0, result.output
    assert "捐赠图书300册、电脑2台、资金8000元" in document_text(tmp_path / "工作总结.docx")


def test_a_file_with_traditional_keys_renders(run, tmp_path):
    result = run("render", "summary", "-i", TYPED / "traditional-keys.yaml", "-o", "總結.docx")
    assert result.exit_code == 0, result.output
    # Nothing to repair (valid YAML); the traditional text is read into simplified.
    assert "注意" in result.stderr and "全角" not in result.stderr and "数据是繁体字" in result.stderr
    text = document_text(tmp_path / "總結.docx")
    assert "新北市立实验小学" in text and "专题讲座1场" in text and "图书120册、电脑1台" in text


@pytest.mark.parametrize("name, pair_id", [("notepad-gbk-crlf.yaml", "GB-2026-015"),
                                           ("notepad-bom-crlf.yaml", "BOM-2026-016")])
def test_files_saved_by_notepad_render(run, tmp_path, name, pair_id):
    raw = (TYPED / name).read_bytes()
    assert b"\r\n" in raw and (raw.startswith(b"\xef\xbb\xbf") or "GB" in pair_id)
    result = run("render", "agreement", "-i", TYPED / name, "-o", "协议书.docx")
    assert result.exit_code == 0, result.output
    assert "第1—13行：全角冒号「：」已按半角冒号「:」读取" in result.stderr
    assert "第4—6、8—9、11—12行：缩进中的全角空格「　」已按两个空格读取" in result.stderr
    text = document_text(tmp_path / "协议书.docx")
    assert f"编号：{pair_id}" in text and "××县洪山乡初级中学" in text and "2026年9月至2029年8月" in text


def test_a_typed_file_that_cannot_be_read_names_the_line(run, tmp_path):
    data = tmp_path / "数据.yaml"
    data.write_text("编号：HX-1\n甲方：\n\t名称：县一中\n\t代表 张三\n\t联系人：李四\n", encoding="utf-8")
    result = run("render", "agreement", "-i", data, "-o", "协议书.docx")
    assert result.exit_code == 2
    assert "数据.yaml 第4行: 这一行没有冒号，不是「键: 值」（代表 张三）" in result.stderr
    assert not (tmp_path / "协议书.docx").exists()


def test_a_typed_yaml_roster_and_defaults_file_in_a_batch(run, tmp_path):
    (tmp_path / "名单.yaml").write_text(
        "-\t编号：Y-1\n\t甲方：\n\t\t名称：城区一校\n\t乙方：\n\t\t名称：乡村一校\n"
        "-\t編號：Y-2\n\t甲方學校：城区二校\n\t乙方：\n\t\t名稱：乡村二校\n", "utf-8")
    (tmp_path / "公共.yaml").write_text("主管部门：××县教育局\n期限：\n　　开始：2026-09\n", "utf-8")
    result = run("batch", "名单.yaml", "-o", "输出", "--kinds", "agreement", "--defaults", "公共.yaml")
    assert result.exit_code == 1  # 甲方學校 is a roster column, not a key of a pairing file
    assert "注意：名单.yaml: 第1—9行：全角冒号「：」已按半角冒号「:」读取" in result.stderr
    assert "注意：公共.yaml: 第3行：缩进中的全角空格「　」已按两个空格读取" in result.stderr
    assert "未知字段「甲方學校」" in result.stderr
    text = document_text(tmp_path / "输出/Y-1_城区一校_乡村一校/协议书.docx")
    assert "根据××县教育局" in text and "自2026年9月" in text
