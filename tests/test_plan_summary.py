"""Plan, summary and community scheme: figures from the log, author's side, bad input."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from docgen import load_pairing, render_pairing, validate_pairing
from docgen.kinds.activities import compute_totals
from docgen.api import load_activities
from docgen.ooxml.text import document_text
from docgen.errors import InputError, ValidationError
from docgen.kinds.activities import ACTIVITY_TYPES

from conftest import SAMPLES, invoke

BASE = {
    "authority": "常州市教育局",
    "supporter": {"name": "城区甲校", "representative": "王强"},
    "supported": {"name": "乡村乙校", "representative": "陈刚"},
    "term": {"start": "2025-09"},
}


def text_for(kind, **blocks):
    return document_text(render_pairing(kind, {**BASE, **blocks}).data)


# --------------------------------------------------------------------------- figures

activity = st.fixed_dictionaries(
    {"type": st.sampled_from(ACTIVITY_TYPES),
     "date": st.dates(dt.date(2025, 9, 1), dt.date(2026, 8, 31)).map(dt.date.isoformat)},
    optional={
        "teachers": st.integers(0, 500), "lessons": st.integers(0, 200),
        "participants": st.integers(0, 5000), "host": st.sampled_from(["supporter", "supported"]),
        "donation": st.fixed_dictionaries({}, optional={
            "books": st.integers(0, 10**5), "computers": st.integers(0, 500),
            "funds": st.integers(0, 10**7)}),
    })


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(activity, max_size=25))
def test_summary_figures_equal_the_sums_over_the_log(log):
    result = render_pairing("summary", {**BASE, "summary": {"school_year": "2025-2026",
                                                            "activities": log}})
    text = document_text(result.data)

    def total(key, types=None, exclude=()):
        return sum(a.get(key) or 0 for a in log
                   if (types is None or a["type"] in types) and a["type"] not in exclude)

    def donated(key):
        return sum(a.get("donation", {}).get(key) or 0 for a in log)

    expected = (
        f"本学年共开展结对活动{len(log)}次，"
        f"送教示范课{total('lessons', {'送教示范课'})}节，"
        f"派出教师{total('teachers', exclude={'教师跟岗'})}人次，"
        f"接待跟岗教师{total('teachers', {'教师跟岗'})}人次，"
        f"专题讲座{sum(1 for a in log if a['type'] == '专题讲座')}场，"
        f"捐赠图书{donated('books')}册、电脑{donated('computers')}台、资金{donated('funds')}元。")
    assert expected in text
    assert not [w for w in result.warnings if "不在" in str(w)]


def test_sample_summary_figures():
    pairing = load_pairing(SAMPLES / "pairing.yaml")
    totals = compute_totals(pairing.summary.activities)
    assert (totals.activities, totals.demo_lessons, totals.teachers_sent, totals.teachers_hosted,
            totals.lectures, totals.books, totals.computers, totals.funds) == \
        (15, 5, 19, 7, 2, 300, 1, 8000)
    text = document_text(render_pairing("summary", pairing).data)
    assert ("本学年共开展结对活动15次，送教示范课5节，派出教师19人次，接待跟岗教师7人次，"
            "专题讲座2场，捐赠图书300册、电脑1台、资金8000元。") in text


def test_activities_are_grouped_and_dated():
    text = text_for("summary", summary={"school_year": "2025-2026", "activities": [
        {"date": "2026-03-01", "type": "送教示范课", "teachers": 2, "lessons": 3, "subjects": ["语文"]},
        {"date": "2025-10-01", "type": "领导互访"},
        {"date": "2025-11-01", "type": "网络教研"},
    ]})
    lines = text.splitlines()
    headings = [line for line in lines if line[:2] in ("1．", "2．", "3．") and "，" in line
                and len(line) < 20]
    assert headings == ["1．领导互访，更新办学理念", "2．教学展示，提高能力", "3．网络交流，资源共享"]
    assert "2026年3月1日，城区甲校派出教师2人次到我校送教，上语文示范课3节。" in lines


def test_missing_figures_and_dates_are_blanks():
    result = render_pairing("summary", {**BASE, "summary": {"school_year": "2025-2026", "activities": [
        {"type": "送教示范课", "date": "2025-10"}]}})
    text = document_text(result.data)
    assert "2025年10月____日，城区甲校派出教师____人次到我校送教，上示范课____节。" in text
    assert result.blanks.as_dict()["summary.activities[1].lessons"] == 1
    assert result.blanks.as_dict()["summary.activities[1].date"] == 1


def test_summary_without_a_log_shows_blank_figures():
    result = render_pairing("summary", BASE)
    assert "本学年共开展结对活动____次，送教示范课____节" in document_text(result.data)
    assert result.blanks.as_dict()["summary.activities"] >= 9


# --------------------------------------------------------------------------- author's side

def test_summary_wording_follows_the_author_side():
    supported = text_for("summary", summary={"author": "supported"})
    supporter = text_for("summary", summary={"author": "甲方"})
    assert "我校与城区甲校结为城乡结对帮扶学校，我校是受援学校" in supported
    assert "我校与乡村乙校结为城乡结对帮扶学校，我校是支援学校" in supporter
    assert supported.splitlines()[0].startswith("乡村乙校")
    assert supporter.splitlines()[0].startswith("城区甲校")
    assert "与城区甲校相互促进" in supported and "与乡村乙校携手并进" in supporter


def test_plan_wording_follows_the_author_side():
    supported = text_for("plan", plan={"school_year": "2025-2026"})
    supporter = text_for("plan", plan={"school_year": "2025-2026", "author": "supporter"})
    assert "作为本轮城乡结对帮扶的乙方，我校将充分借助城区甲校" in supported
    assert "三、受扶工作规划及主要措施" in supported
    assert "作为本轮城乡结对帮扶的甲方，我校将发挥" in supporter and "从乡村乙校的实际需要出发" in supporter
    assert "三、帮扶工作规划及主要措施" in supporter
    assert supporter.splitlines()[0] == "城区甲校2025—2026学年城乡学校结对帮扶工作计划"


def test_summary_sections_can_be_overridden():
    text = text_for("summary", summary={"sections": {"感受": ["我们的感受。"], "progress": "第一段\n第二段"}})
    assert "四、感受与启发\n我们的感受。\n五、" in text
    assert "三、加强学习，不断进步\n第一段\n第二段\n四、" in text


# --------------------------------------------------------------------------- plan

def test_plan_schedule_is_a_month_table_in_order():
    text = text_for("plan", plan={"school_year": "2025-2026", "schedule": [
        {"month": "2026-03", "item": "手拉手"}, {"month": "2025-09", "item": "签订协议"}]})
    assert "月份 | 工作安排\n2025年9月 | 签订协议\n2026年3月 | 手拉手\n" in text


def test_plan_default_schedule_spans_the_school_year():
    text = text_for("plan", plan={"school_year": "2025-2026"})
    assert "2025年9月 | 两校对接交流" in text and "2026年7月 | 总结本学年" in text
    assert "城区甲校骨干教师到乡村乙校开展送教示范课活动" in text


def test_plan_leading_group_and_measures():
    text = text_for("plan", plan={
        "leading_group": {"组长": "张三", "副组长": "李四、王五", "成员": ["赵六"]},
        "measures": [{"area": "学校管理指导", "intro": "说明文字", "actions": ["第一", "第二"]}]})
    assert "组　长：张三\n副组长：李四、王五\n成　员：赵六" in text
    assert "（一）学校管理指导\n说明文字\n具体措施：\n①第一\n②第二\n四、" in text


# --------------------------------------------------------------------------- scheme

def test_scheme_for_a_plain_pair_uses_the_two_schools():
    text = text_for("scheme")
    assert "城区甲校与乡村乙校结成城乡学校共同体（城区甲校为核心学校，乡村乙校为成员学校）" in text
    assert "王强 | 组长 | 城区甲校校长" in text and "陈刚 | 副组长 | 乡村乙校校长" in text


def test_scheme_lists_every_school_for_signature():
    text = document_text(render_pairing("scheme", load_pairing(SAMPLES / "community.yaml")).data)
    assert "常州市实验小学 | 武进区礼嘉中心小学\n金坛区薛埠中心小学 | 武进区前黄实验学校\n溧阳市南渡中心小学 | \n" in text
    assert "（一）准备阶段（2025年9月—2025年10月）" in text
    assert text.rstrip().endswith("2025年9月1日")


def test_scheme_default_phases_follow_the_term():
    text = text_for("scheme")
    assert "准备阶段（2025年9月—2025年10月）" in text
    assert "实施阶段（2025年11月—2028年5月）" in text
    assert "总结评估阶段（2028年6月—2028年8月）" in text


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("activity, message", [
    ({"type": "送课"}, "summary.activities[1].type: 未知的活动类型「送课」，是否应为「送教示范课」"),
    ({"type": "捐赠", "teachers": -2}, "summary.activities[1].teachers: 教师人次不能为负数"),
    ({"type": "捐赠", "lessons": "若干节"}, "summary.activities[1].lessons: 应为整数"),
    ({"type": "捐赠", "date": "2025-13-01"}, "summary.activities[1].date: 无法识别的日期"),
    ({"type": "捐赠", "donation": {"funds": "很多"}}, "summary.activities[1].donation.funds: 应为数字"),
    ({"type": "捐赠", "host": "丙方"}, "summary.activities[1].host: 承办方应为 甲方"),
    ({"date": "2025-10-01"}, "summary.activities[1].type: 缺少活动类型"),
])
def test_bad_activities_are_errors_with_key_paths(activity, message):
    with pytest.raises(ValidationError) as info:
        validate_pairing({"summary": {"activities": [activity]}})
    assert message in str(info.value)


def test_activity_outside_the_school_year_is_a_warning():
    pairing = validate_pairing({"summary": {"school_year": "2025-2026", "activities": [
        {"type": "捐赠", "date": "2025-08-31"}, {"type": "捐赠", "date": "2025-09-01"}]}})
    (warning,) = pairing.warnings
    assert "summary.activities[1].date" in str(warning)
    assert "不在 2025—2026学年 内" in str(warning)


def test_activity_outside_the_summary_year_is_a_warning():
    pairing = validate_pairing({"summary": {"year": 2025, "activities": [
        {"type": "捐赠", "date": "2024-12-31"}]}})
    assert "不在 2025年度 内" in str(pairing.warnings[0])


def test_schedule_month_outside_the_school_year_is_a_warning():
    pairing = validate_pairing({"plan": {"school_year": "2025-2026", "schedule": [
        {"month": "2026-09", "item": "x"}]}})
    assert "plan.schedule[1].month" in str(pairing.warnings[0])


def test_bad_school_year():
    with pytest.raises(ValidationError) as info:
        validate_pairing({"plan": {"school_year": "2025-2027"}})
    assert "plan.school_year: 无法识别的学年" in str(info.value)


# --------------------------------------------------------------------------- sheets

def write_csv(path, text, encoding="utf-8-sig"):
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_activities_from_csv_with_chinese_headers(tmp_path, encoding):
    sheet = write_csv(tmp_path / "log.csv",
                      " 日期 ,类型,名称,承办方,教师人次,课时,参与人数,学科,图书,电脑,资金\n"
                      "2025-10-15,送教示范课,示范课,甲方,3,2,40,语文、数学,,,\n"
                      "\n"
                      "2025-11-20,捐赠,捐书,甲方,,,,,300,1,8000\n", encoding)
    pairing = load_activities(validate_pairing({**BASE, "summary": {"school_year": "2025-2026"}}), sheet)
    totals = compute_totals(pairing.summary.activities)
    assert (totals.activities, totals.demo_lessons, totals.books, totals.funds) == (2, 2, 300, 8000)
    assert pairing.summary.activities[0].subjects == ["语文", "数学"]


def test_sheet_errors_name_the_row_and_column(tmp_path):
    sheet = write_csv(tmp_path / "log.csv",
                      "日期,类型,课时\n2025-10-15,送教示范课,2\n2025-10-16,送课,-1\n")
    with pytest.raises(ValidationError) as info:
        load_activities(validate_pairing(BASE), sheet)
    message = str(info.value)
    assert "第3行 「类型」" in message and "未知的活动类型「送课」" in message
    assert "第3行 「课时」" in message and "不能为负数" in message


def test_sheet_unknown_header_is_reported(tmp_path):
    sheet = write_csv(tmp_path / "log.csv", "日期,类形,课时\n2025-10-15,捐赠,1\n")
    with pytest.raises(InputError) as info:
        load_activities(validate_pairing(BASE), sheet)
    assert "缺少「活动类型」列" in str(info.value) and "不认识的列：类形" in str(info.value)


def test_sheet_rows_are_selected_by_pair_id(tmp_path):
    sheet = write_csv(tmp_path / "log.csv", "编号,类型\nA-1,捐赠\nB-2,捐赠\nA-1,领导互访\n")
    pairing = load_activities(validate_pairing({**BASE, "id": "A-1"}), sheet)
    assert [a.type for a in pairing.summary.activities] == ["捐赠", "领导互访"]


def test_sample_workbook_equals_the_yaml_log():
    pairing = load_pairing(SAMPLES / "pairing.yaml")
    from_sheet = load_activities(pairing, SAMPLES / "activities.xlsx")
    from_csv = load_activities(pairing, SAMPLES / "activities.csv")
    assert from_sheet.summary.activities == pairing.summary.activities
    assert from_csv.summary.activities == pairing.summary.activities


def test_not_a_workbook(tmp_path):
    (tmp_path / "log.xlsx").write_text("hello")
    with pytest.raises(InputError) as info:
        load_activities(validate_pairing(BASE), tmp_path / "log.xlsx")
    assert "不是有效的 Excel" in str(info.value)


# --------------------------------------------------------------------------- CLI


@pytest.mark.parametrize("kind, title", [("plan", "工作计划"), ("summary", "工作总结"),
                                         ("scheme", "实施方案")])
def test_cli_renders_each_kind(tmp_path, kind, title):
    out = tmp_path / f"{title}.docx"
    sample = SAMPLES / ("community.yaml" if kind == "scheme" else "pairing.yaml")
    result = invoke("render", kind, "-i", sample, "-o", out)
    assert result.exit_code == 0, result.output
    assert title in document_text(out)


def test_cli_activities_option(tmp_path):
    out = tmp_path / "总结.docx"
    result = invoke("render", "summary", "-i", SAMPLES / "pairing.yaml",
                    "--activities", SAMPLES / "activities.xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    assert "本学年共开展结对活动15次" in document_text(out)


def test_cli_activities_of_another_pair_are_an_error_not_an_empty_summary(tmp_path):
    """The sample sheet's rows all belong to CZ-2025-001: a summary of CZ-2025-002 from it
    would claim 0 activities; it is refused, naming the 编号 found, and nothing is written."""
    out = tmp_path / "总结.docx"
    result = invoke("render", "summary", "-i", SAMPLES / "pairing-partial.yaml",
                    "--activities", SAMPLES / "activities.xlsx", "-o", out)
    assert result.exit_code == 2
    assert "没有编号为「CZ-2025-002」的活动" in result.stderr and "CZ-2025-001" in result.stderr
    assert not out.exists()


def test_cli_period_mismatch_warns_and_writes(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "summary: {school_year: 2025-2026, activities: [{type: 捐赠, date: 2024-05-01}]}\n", "utf-8")
    out = tmp_path / "s.docx"
    result = invoke("render", "summary", "-i", tmp_path / "p.yaml", "-o", out)
    assert result.exit_code == 0
    assert "注意：" in result.stderr and "不在 2025—2026学年 内" in result.stderr
    assert out.is_file()


def test_cli_bad_activity_sheet_exits_2(tmp_path):
    sheet = write_csv(tmp_path / "log.csv", "类型,教师人次\n送教示范课,很多\n")
    out = tmp_path / "s.docx"
    result = invoke("render", "summary", "-i", SAMPLES / "pairing.yaml", "--activities", sheet,
                    "-o", out)
    assert result.exit_code == 2
    assert "第2行 「教师人次」" in result.stderr and not out.exists()
