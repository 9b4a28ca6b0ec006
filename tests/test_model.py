
import pytest

from docgen.pairing.dates import PartialDate
from docgen.errors import ValidationError
from docgen.kinds import PAIRING_SPEC
from docgen.pairing.schema import field_labels
from docgen.pipeline.validate import validate_pairing

from conftest import SAMPLES


def problems_of(data, **kw):
    with pytest.raises(ValidationError) as info:
        validate_pairing(data, **kw)
    return [str(p) for p in info.value.problems]


def test_canonical_keys():
    p = validate_pairing({
        "id": "CZ-1", "authority": "常州市教育局",
        "basis": {"title": "关于做好城乡学校结对工作的意见", "number": "常教发[2007]023号"},
        "supporter": {"name": "甲校", "representative": "王强", "phone": "0519-86600000"},
        "supported": {"name": "乙校", "category": "农村学校"},
        "term": {"start": "2025-09", "years": 3},
        "signed_on": "2025-09-01", "copies": 4,
    })
    assert p.supporter.name == "甲校"
    assert p.supporter.category == "城市学校"  # the form's default
    assert p.supported.category == "农村学校"
    assert p.basis.number == "常教发〔2007〕23号"
    assert p.term.start == PartialDate(2025, 9)
    assert p.signed_on == PartialDate(2025, 9, 1)
    assert p.copies == 4


def test_chinese_aliases_mean_the_same():
    chinese = validate_pairing({
        "编号": "CZ-1", "主管部门": "常州市教育局",
        "依据": {"标题": "意见", "文号": "常教发〔2007〕23号"},
        "甲方": {"名称": "甲校", "代表": "王强", "联系人": "李敏", "电话": "1"},
        "乙方": {"名称": "乙校", "代表": "陈刚"},
        "期限": {"开始": "2025-09", "年限": 3},
        "签订日期": "2025年9月1日", "份数": 2,
        "其它条款": ["一条"],
    })
    english = validate_pairing({
        "id": "CZ-1", "authority": "常州市教育局",
        "basis": {"title": "意见", "number": "常教发〔2007〕23号"},
        "supporter": {"name": "甲校", "representative": "王强", "contact": "李敏", "phone": "1"},
        "supported": {"name": "乙校", "representative": "陈刚"},
        "term": {"start": "2025-09", "years": 3},
        "signed_on": "2025-09-01", "copies": 2,
        "other_terms": ["一条"],
    })
    assert chinese == english


def test_defaults_when_little_is_given():
    p = validate_pairing({"supporter": {"name": "甲校"}})
    assert p.term.years == 3 and p.copies == 4
    assert p.term.start == PartialDate() and p.signed_on == PartialDate()
    assert p.supported.name is None
    assert p.duties.supporter is None and p.other_terms is None


def test_every_problem_is_reported_at_once_with_its_key_path():
    problems = problems_of({
        "supporter": {"name": ["a"], "phone": True},
        "term": {"start": "2025-13", "years": "几"},
        "signed_on": "昨天",
        "copies": 0,
        "supporterr": {},
    })
    text = "\n".join(problems)
    assert 'term.start: 无法识别的日期 "2025-13"' in text
    assert "supporter.name: 应为文本" in text
    assert "supporter.phone: 应为文本" in text
    assert "term.years: 应为整数" in text
    assert "signed_on: 无法识别的日期" in text
    assert "copies: 份数应在 1 到 20 之间" in text
    assert "未知字段「supporterr」，是否应为「supporter」" in text
    assert len(problems) == 7


def test_unknown_nested_key_is_a_likely_typo():
    (problem,) = problems_of({"supporter": {"nmae": "甲校"}})
    assert problem.startswith("supporter.nmae:")
    assert "是否应为「name」" in problem


def test_unknown_key_without_a_near_match_lists_the_allowed_ones():
    (problem,) = problems_of({"颜色": "红"})
    assert "未知字段「颜色」" in problem and "supporter" in problem


def test_alias_and_canonical_key_together_are_a_duplicate():
    (problem,) = problems_of({"甲方": {"name": "a"}, "supporter": {"name": "b"}})
    assert "重复" in problem


def test_top_level_must_be_a_mapping():
    (problem,) = problems_of(["a", "b"])
    assert "顶层应为键值表" in problem


def test_group_must_be_a_mapping():
    (problem,) = problems_of({"term": "三年"})
    assert problem.startswith("term:") and "应为键值表" in problem


def test_file_name_is_part_of_the_location():
    (problem,) = problems_of({"copies": "x"}, file="pair.yaml")
    assert problem.startswith("pair.yaml copies:")


def test_duties_accept_a_list_or_lines_and_drop_typed_numbers():
    p = validate_pairing({"duties": {"supporter": ["1.第一条", "2、第二条"],
                                     "supported": "1. 甲\n\n2. 乙\n"}})
    assert p.duties.supporter == ["第一条", "第二条"]
    assert p.duties.supported == ["甲", "乙"]


def test_other_terms_empty_list_means_none_and_absent_means_unknown():
    assert validate_pairing({"other_terms": []}).other_terms == []
    assert validate_pairing({}).other_terms is None


def test_numbers_given_for_text_become_text():
    p = validate_pairing({"supporter": {"phone": 13800000000, "name": 123}})
    assert p.supporter.phone == "13800000000" and p.supporter.name == "123"


def test_whitespace_only_text_is_missing():
    assert validate_pairing({"supporter": {"name": "  \u3000 "}}).supporter.name is None


def test_control_characters_are_removed_with_a_warning():
    p = validate_pairing({"supporter": {"name": "甲\x07校"}})
    assert p.supporter.name == "甲校"
    assert any("控制字符" in str(w) and "supporter.name" in str(w) for w in p.warnings)


def test_special_characters_are_kept_as_given():
    name = "A&B <学校> \"甲\" '乙' 😀 𠀀 {{ x }} {% if %}"
    assert validate_pairing({"supporter": {"name": name}}).supporter.name == name


def test_basis_as_one_string_is_split_into_title_and_number():
    p = validate_pairing({"basis": "《关于做好城乡学校结对工作的意见》（常教发[2007]023号）"})
    assert p.basis.title == "关于做好城乡学校结对工作的意见"
    assert p.basis.number == "常教发〔2007〕23号"


def test_seal_images_are_resolved_against_the_input_folder():
    p = validate_pairing({"seal": {"supporter": "seal_a.png"}}, base_dir=SAMPLES)
    assert p.seal.supporter == SAMPLES / "seal_a.png"


def test_missing_seal_image(tmp_path):
    (problem,) = problems_of({"seal": {"supported": "nope.png"}}, base_dir=tmp_path)
    assert problem.startswith("seal.supported:") and "找不到图片文件" in problem


def test_seal_that_is_not_an_image(tmp_path):
    (tmp_path / "seal.png").write_text("not a picture")
    (problem,) = problems_of({"seal": {"supporter": "seal.png"}}, base_dir=tmp_path)
    assert "不是可用的图片文件" in problem


def test_seal_that_is_a_folder(tmp_path):
    (tmp_path / "d.png").mkdir()
    (problem,) = problems_of({"seal": {"supporter": "d.png"}}, base_dir=tmp_path)
    assert "找不到图片文件" in problem


def test_labels_cover_every_leaf():
    labels = field_labels(PAIRING_SPEC)
    assert labels["supporter.name"] == "甲方学校名称"
    assert labels["term.start"] == "开始年月"
    assert labels["duties.supported"] == "乙方责任"
    assert all(labels.values())


# --------------------------------------------------------------------------- one schema

def _groups(spec):
    yield spec
    for child in spec.children:
        if child.children:
            yield from _groups(child)


def test_every_name_means_one_field_of_its_group():
    from docgen.pipeline.keys import clean_name

    for group in _groups(PAIRING_SPEC):
        seen = {}
        for child in group.children:
            for name in child.names:
                other = seen.setdefault(clean_name(name), child.key)
                assert other == child.key, f"{group.label}: 「{name}」 means {other} and {child.key}"


def test_labels_are_whole_and_fields_documented():
    for path, spec in PAIRING_SPEC.leaves():
        assert "{}" not in spec.label and spec.label, path
        assert spec.kind in ("records",) or spec.kind in __import__(
            "docgen.pairing.schema", fromlist=["VALUE_KINDS"]).VALUE_KINDS, path


def test_traditional_keys_are_read_through_their_simplified_form():
    p = validate_pairing({"編號": "T-1", "甲方": {"學校名稱": "臺北市立實驗小學", "聯繫人": "陳美"},
                          "乙方": {"校長": "林志"}, "期限": {"開始年月": "2025-09"},
                          "簽訂日期": "2025-09-01", "總結": {"學年": "2025-2026"}})
    # Traditional text is read into simplified, as the templates are written.
    assert (p.id, p.supporter.name, p.supporter.contact) == ("T-1", "台北市立实验小学", "陈美")
    assert any("繁体" in w.message for w in p.warnings)
    assert p.supported.representative == "林志" and p.signed_on == PartialDate(2025, 9, 1)
    assert p.summary.school_year.start == 2025
    taiwan = validate_pairing({"甲方": {"聯絡人": "陳美", "聯絡電話": "02-1"}})  # Taiwan's words
    assert (taiwan.supporter.contact, taiwan.supporter.phone) == ("陈美", "02-1")
    problems = problems_of({"甲方": {"聯繫電郵": "1"}})
    assert "未知字段「聯繫電郵」，是否应为「联系电话」（甲方联系电话）" in problems[0]


def test_activity_sheets_and_data_files_take_the_same_names(tmp_path):
    """Every name an activity may be written with in a data file is a header of an activity
    sheet for the same field, and the other way round (活动日期, 节, 图书（册）…); a sheet
    also names a donation's fields flat (图书), and links rows to pairs by 编号."""
    from docgen.pipeline.keys import clean_name, find_child
    from docgen.pipeline.activity_sheet import ACTIVITY_HEADERS

    activity = PAIRING_SPEC.child("summary").child("activities")
    for path, leaf in activity.leaves():
        for name in leaf.names:
            assert ACTIVITY_HEADERS[clean_name(name)] == (path,), name
    for header, (path,) in ACTIVITY_HEADERS.items():
        if "." not in path and path != "id":
            assert find_child(activity, header).key == path, header
    records = [{"活动日期": "2025-10-15", "类型": "送教示范课", "节": 2, "教师人次（人次）": 3},
               {"日期": "2025-11-02", "类型": "捐赠", "捐赠": {"图书（册）": 300}}]
    pairing = validate_pairing({"总结": {"学年": "2025-2026", "活动记录": records}})
    (sent, gift) = pairing.summary.activities
    assert (sent.lessons, sent.date, gift.donation.books) == (2, PartialDate(2025, 10, 15), 300)
    sheet = tmp_path / "活动.csv"
    sheet.write_text("活动日期,类型,节,教师人次,图书（册）\n2025-10-15,送教示范课,2,3,\n"
                     "2025-11-02,捐赠,,,300\n", encoding="utf-8")
    from docgen import load_activities

    from_sheet = load_activities(validate_pairing({"总结": {"学年": "2025-2026"}}), sheet)
    assert from_sheet.summary.activities == pairing.summary.activities


def test_roster_headers_in_traditional_characters(tmp_path):
    from docgen.pipeline.batch import run_batch

    roster = tmp_path / "名單.csv"
    roster.write_text("編號,甲方學校,乙方學校,乙方聯繫人,簽訂日期,學年\n"
                      "T-1,臺北市立實驗小學,石碇國小,林志,2025-09-01,2025-2026\n", encoding="utf-8")
    result = run_batch(roster, tmp_path / "out", kinds=["agreement", "plan"])
    assert result.failed == 0, [r.message for r in result.rows]


def test_one_declaration_gives_labels_everywhere():
    """The label of a field is what blanks, the web form and docgen kinds show."""
    from docgen.api import field_label, form_fields, kind_fields

    assert field_label("summary.activities[3].teachers") == "教师人次"
    assert form_fields("supporter.phone")[0].label == "甲方联系电话"
    assert ("signed_on", "签订日期") in kind_fields("agreement")


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk", "s2twp"])
def test_every_name_in_every_traditional_script_finds_its_field(config):
    """Each name of each field, written as Taiwan, Hong Kong or OpenCC's traditional
    writes it (電腦枱數, 聯絡人, 型別), names the same field, at every level."""
    from docgen.pipeline.keys import find_child
    from docgen.script.text import _opencc

    missed = []

    def walk(spec, path):
        for child in spec.children:
            for name in child.names:
                written = _opencc(config).convert(name)
                if find_child(spec, written) is not child:
                    missed.append(f"{path}{child.key}: {name} → {written}")
            if child.kind in ("group", "records"):
                walk(child, f"{path}{child.key}.")

    walk(PAIRING_SPEC, "")
    assert not missed


def test_traditional_keys_and_choices_in_activity_records():
    p = validate_pairing({"總結": {"學年": "2025-2026", "活動記錄": [
        {"日期": "2025-10-15", "類型": "送教示範課", "課時": 2, "承辦方": "甲方"},
        {"日期": "2025-11-02", "類型": "捐贈", "捐贈": {"圖書（冊）": 300, "電腦": 1}},
        {"日期": "2025-12-01", "類型": "專題講座", "圖書": 20}]}})
    (lesson, gift, lecture) = p.summary.activities
    assert (lesson.type, lesson.lessons, lesson.host) == ("送教示范课", 2, "supporter")
    assert (gift.type, gift.donation.books, gift.donation.computers) == ("捐赠", 300, 1)
    assert (lecture.type, lecture.donation.books) == ("专题讲座", 20)


def test_traditional_names_in_a_roster_its_defaults_sheet_and_a_defaults_file(tmp_path):
    import openpyxl

    from docgen.ooxml.text import document_text
    from docgen.pipeline.batch import run_batch

    book = openpyxl.Workbook()
    book.active.title = "結對名單"
    book.active.append(["編號", "甲方學校", "乙方學校", "乙方聯繫人"])
    book.active.append(["T-1", "臺北市立實驗小學", "石碇國小", "林志"])
    defaults = book.create_sheet("默认值")
    defaults.append(["字段", "值"])
    defaults.append(["主管部門", "新北市教育局"])
    defaults.append(["簽訂日期", "2025-09-01"])
    book.save(tmp_path / "名單.xlsx")
    (tmp_path / "公共.yaml").write_text("期限:\n  開始年月: 2025-09\n  年限: 3\n份數: 2\n", "utf-8")
    result = run_batch(tmp_path / "名單.xlsx", tmp_path / "out", kinds=["agreement"],
                       defaults=tmp_path / "公共.yaml")
    assert result.failed == 0, [r.message for r in result.rows]
    (doc,) = (tmp_path / "out").glob("*/协议书.docx")
    text = document_text(doc)
    for part in ("台北市立实验小学", "石碇国小", "根据新北市教育局", "自2025年9月", "一式二份", "2025年9月1日"):
        assert part in text, part


# --------------------------------------------------------------------------- flat donations

def test_donation_fields_written_flat_in_an_activity_equal_the_nested_form():
    flat = validate_pairing({"总结": {"活动记录": [
        {"类型": "捐赠", "日期": "2025-11-02", "图书": 300, "电脑": 2, "资金": 8000},
        {"类型": "捐赠", "图书（册）": 50, "捐赠资金": "1,000"}]}})
    nested = validate_pairing({"总结": {"活动记录": [
        {"类型": "捐赠", "日期": "2025-11-02", "捐赠": {"图书": 300, "电脑": 2, "资金": 8000}},
        {"类型": "捐赠", "捐赠": {"图书": 50, "资金": "1,000"}}]}})
    assert flat.summary.activities == nested.summary.activities
    assert flat.summary.activities[0].donation.books == 300
    mixed = validate_pairing({"总结": {"活动记录": [
        {"类型": "捐赠", "图书": 300, "捐赠": {"电脑": 2}}]}})
    assert mixed.summary.activities[0].donation == nested.summary.activities[0].donation.__class__(
        books=300, computers=2)


def test_a_donation_written_both_flat_and_nested_is_an_error_naming_both():
    problems = problems_of({"总结": {"活动记录": [
        {"类型": "捐赠", "图书": 300, "捐赠": {"图书（册）": 200}}]}})
    assert problems == ["summary.activities[1].donation.books: "
                        "重复：「图书」与「捐赠」中的「图书（册）」指同一项（图书），请只写一处"]
    problems = problems_of({"总结": {"活动记录": [{"类型": "捐赠", "图书": 300, "图书（册）": 200}]}})
    assert "重复：「图书」与「图书（册）」指同一项（图书）" in problems[0]
    problems = problems_of({"总结": {"活动记录": [{"类型": "捐赠", "图书": "三百"}]}})
    assert problems == ['summary.activities[1].donation.books: 应为整数（图书），实际为文本 "三百"']
