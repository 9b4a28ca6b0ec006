"""Regional conventions on OpenCC's output: quotation marks, common forms, 週, Taiwan words."""

import re
from functools import lru_cache

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.script.region import COMMON_FORMS, regional_text, vocabulary_phrases

TARGETS = ("hans", "hant", "tw", "twp", "hk")
FROM_HANS = {"hant": "s2t", "tw": "s2tw", "twp": "s2twp", "hk": "s2hk"}


@lru_cache(maxsize=None)
def cc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to(target: str, simplified: str) -> str:
    """What the target's reader gets: OpenCC, then the regional fixes."""
    return regional_text(cc(FROM_HANS[target]).convert(simplified), target)


# ----------------------------------------------------------------------------- length

_TRICKY = "周週四第十兩為爲期連續內後前“”‘’\"'「」『』 \nabnt0123學校的環境測一次"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(_TRICKY), st.characters()), max_size=60),
       st.sampled_from(TARGETS))
def test_keeps_the_length(text, target):
    out = regional_text(text, target)
    assert len(out) == len(text)
    # Only the characters the rules name ever change.
    changed = {(a, b) for a, b in zip(text, out) if a != b}
    assert all(a in "周“”‘’\"「」『』" or a in COMMON_FORMS for a, _ in changed)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("学校四周每第为期连续两天内后“”‘’\"说好的。，"), max_size=40),
       st.sampled_from(tuple(FROM_HANS)))
def test_keeps_the_length_of_opencc_output(text, target):
    converted = cc(FROM_HANS[target]).convert(text)
    assert len(regional_text(converted, target)) == len(converted)


def test_unknown_script_is_refused():
    with pytest.raises(ValueError):
        regional_text("x", "jp")
    with pytest.raises(ValueError):
        vocabulary_phrases("tws")
    assert regional_text("“周”", "") == "“周”"  # OpenCC's Japanese configs


# ----------------------------------------------------------------------------- quotes

@pytest.mark.parametrize("simplified, expected", [
    ("他说：“她说‘好’。”", "他說：「她說『好』。」"),
    ("请在“备注”栏填写‘无’。", "請在「備註」欄填寫『無』。"),
    ("O’Neil说“你好”", "O’Neil說「你好」"),                  # an apostrophe in a name
    ("“I don’t know,”他说。", "「I don’t know,」他說。"),      # English quoted in Chinese
    ("他写道：“He said ‘no’ twice.”", "他寫道：「He said 『no』 twice.」"),  # nested
    ("He said “no” and left.", "He said “no” and left."),    # an English passage stays
    ("the students’ books", "the students’ books"),          # no ‘ open: apostrophe
    ("rock ‘n’ roll", "rock ‘n’ roll"),
    ("“第一段\n第二段”", "「第一段\n第二段」"),                  # each paragraph on its own
    ("“未完的引文", "「未完的引文"),
    ("这是\"测试\"的\"内容\"", "這是「測試」的「內容」"),          # straight, around Chinese
    ("“他说\"好\"”", "「他說『好』」"),                         # straight inside a corner pair
    ("尺寸15\"和17\"", "尺寸15\"和17\""),                       # inch marks
    ("key=\"值\"", "key=\"值\""),                               # code
    ("\"一\"、\"二\"和\"三", "\"一\"、\"二\"和\"三"),              # odd count: uncertain
    ("他说\"OK\"", "他說\"OK\""),                               # no Chinese inside
    ("'单引号'不变", "'單引號'不變"),                             # straight singles stay
])
def test_corner_quotes(simplified, expected):
    assert to("tw", simplified) == expected
    assert to("twp", simplified) == expected


def test_corner_quotes_for_every_traditional_target():
    for target in ("hant", "tw", "twp", "hk"):
        out = to(target, "“一‘二’三”")
        assert out == "「一『二』三」"


def test_a_masked_word_counts_as_chinese():
    # ScriptConverter's protected words are private-use characters in OpenCC's output.
    assert regional_text("“\U000F0000”", "tw") == "「\U000F0000」"


def test_mainland_quotes_from_traditional():
    for config in ("t2s", "tw2s", "tw2sp", "hk2s"):
        out = regional_text(cc(config).convert("他說：「她說『好』。」"), "hans")
        assert out == "他说：“她说‘好’。”"


def test_simplified_keeps_its_curly_quotes():
    assert regional_text("“你好”‘好’don’t", "hans") == "“你好”‘好’don’t"


# ----------------------------------------------------------------------------- common forms

def test_hant_writes_the_common_forms():
    assert cc("s2t").convert("因为作为伪造") == "因爲作爲僞造"  # what OpenCC writes
    assert to("hant", "因为作为伪造") == "因為作為偽造"
    assert to("hant", "群众刚才审核考核秘书，踊跃报名") == "羣眾剛才審核考核秘書，踴躍報名"


def test_common_forms_are_where_taiwan_and_hong_kong_agree():
    """Exactly the characters OpenCC's tw and hk variant tables both map to one form."""
    chars = [chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000))]
    tw = cc("t2tw").convert("\n".join(chars)).split("\n")
    hk = cc("t2hk").convert("\n".join(chars)).split("\n")
    agreed = {c: a for c, a, b in zip(chars, tw, hk) if a == b != c}
    assert agreed == COMMON_FORMS


def test_common_forms_change_nothing_taiwan_or_hong_kong_write():
    text = "因为群众刚才审核考核秘书吃饭，里面着急"
    for target in ("tw", "hk"):
        converted = cc(FROM_HANS[target]).convert(text)
        assert regional_text(converted, target) == converted


# ----------------------------------------------------------------------------- 週

# Simplified sentence → Taiwan output (s2tw, then regional_text).
WEEKS = [
    # a bare 四周 is "all around"
    ("学校四周种满了树", "學校四周種滿了樹"),
    ("四周的环境很安静", "四周的環境很安靜"),
    ("四周围都是农田", "四周圍都是農田"),
    ("他环顾四周", "他環顧四周"),
    ("四周一片寂静", "四周一片寂靜"),
    ("房前屋后四周都是竹林", "房前屋後四周都是竹林"),
    ("附近四周都是山", "附近四周都是山"),
    ("操场四周内侧种花", "操場四周內側種花"),
    # … unless a duration surrounds it
    ("本次培训为期四周", "本次培訓為期四週"),
    ("连续四周获得流动红旗", "連續四週獲得流動紅旗"),
    ("实习时间不少于四周", "實習時間不少於四週"),
    ("至少四周", "至少四週"),
    ("每隔四周检查一次", "每隔四週檢查一次"),
    ("第四周开始", "第四週開始"),
    ("开学前四周", "開學前四週"),
    ("学期最后四周复习", "學期最後四週複習"),
    ("最近四周", "最近四週"),
    ("四周内完成", "四週內完成"),
    ("四周后提交总结", "四週後提交總結"),
    ("四周以上", "四週以上"),
    ("四周左右", "四週左右"),
    ("用四周时间", "用四週時間"),
    ("四周的时间", "四週的時間"),
    ("四周一次", "四週一次"),
    ("三到四周", "三到四週"),
    ("四周到六周", "四週到六週"),
    ("四周岁", "四週歲"),
    ("四周期间", "四週期間"),
    # numerals
    ("第十四周", "第十四週"),
    ("三四周", "三四週"),
    ("九周", "九週"),
    ("第九周", "第九週"),
    ("每学期4周", "每學期4週"),
    ("第1周至第18周", "第1週至第18週"),
    ("2-4周", "2-4週"),
    ("两周内", "兩週內"),
    ("连续多周", "連續多週"),
    ("绕操场一周", "繞操場一週"),
    # words before and after
    ("该周", "該週"),
    ("次周", "次週"),
    ("首周", "首週"),
    ("哪周", "哪週"),
    ("每周一次", "每週一次"),
    ("下周一", "下週一"),
    ("周一至周五", "週一至週五"),
    ("周末", "週末"),
    ("周测成绩", "週測成績"),
    ("周计划", "週計劃"),
    ("教师周工作总结", "教師週工作總結"),
    ("周课表", "週課表"),
    ("校历周次", "校歷週次"),
    ("教学周历", "教學週曆"),
    ("读书周活动", "讀書週活動"),
    ("安全教育周", "安全教育週"),
    ("考试周，", "考試週，"),
    ("期末周", "期末週"),
    # 周 in other words and names stays
    ("服务周到", "服務周到"),
    ("考虑周全", "考慮周全"),
    ("活动周边", "活動周邊"),
    ("圆周率", "圓周率"),
    ("半周长", "半周長"),
    ("众所周知", "眾所周知"),
    ("周老师", "周老師"),
    ("小周练习书法", "小周練習書法"),
    ("学习周恩来精神", "學習周恩來精神"),
    ("商末周初", "商末周初"),
    # 周年 as OpenCC writes it
    ("建校十周年", "建校十週年"),
    ("四周年", "四週年"),
]


def weeks_of(text: str) -> list[tuple[int, str]]:
    return [(i, c) for i, c in enumerate(text) if c in "周週"]


@pytest.mark.parametrize("simplified, expected", WEEKS, ids=[s for s, _ in WEEKS])
def test_week(simplified, expected):
    assert to("tw", simplified) == expected
    # Hong Kong and plain traditional write other characters here and there (裏, 着),
    # but 周 and 週 in the same places.
    for target in ("hk", "hant", "twp"):
        out = to(target, simplified)
        assert len(out) == len(expected) and weeks_of(out) == weeks_of(expected), target


def test_week_in_hong_kong_and_traditional():
    assert to("hk", "为期四周，每周三下午") == "為期四週，每週三下午"
    assert to("hant", "为期四周，第九周") == "為期四週，第九週"
    assert to("hk", "学校四周说话") == "學校四周説話"


def test_week_is_never_turned_back():
    assert regional_text("四週的環境", "tw") == "四週的環境"


# ----------------------------------------------------------------------------- Taiwan words

def with_phrases(simplified: str) -> str:
    """s2twp with the supplement masked in first, longest key first (as ScriptConverter
    does), then the regional fixes."""
    phrases = vocabulary_phrases("twp")
    keys = sorted(phrases, key=len, reverse=True)
    spans: list[str] = []

    def mask(m: re.Match) -> str:
        spans.append(phrases[m.group(0)])
        return chr(0xF0000 + len(spans) - 1)

    masked = re.sub("|".join(map(re.escape, keys)), mask, simplified)
    out = cc("s2twp").convert(masked)
    out = re.sub("[\U000F0000-\U000FFFFD]", lambda m: spans[ord(m.group(0)) - 0xF0000], out)
    return regional_text(out, "twp")


@pytest.mark.parametrize("simplified, expected", [
    ("信息技术课", "資訊科技課"),
    ("网络安全", "網路安全"),
    ("安装教学软件", "安裝教學軟體"),
    ("请打印两份", "請列印兩份"),
    ("把成绩单打印出来", "把成績單列印出來"),
    ("召开视频会议", "召開視訊會議"),
    ("开展视频教研", "開展視訊教研"),
    ("与乡村学校视频连线", "與鄉村學校視訊連線"),
    ("录制教学视频", "錄製教學影片"),                      # a recorded video stays 影片
    ("提高教学质量", "提高教學品質"),
    ("物体的质量", "物體的質量"),                          # mass
    ("登录账号", "登入帳號"),
    ("计算机网络", "電腦網路"),
    ("建设数字校园", "建設數位校園"),
    ("发送到电子邮箱", "傳送到電子信箱"),
    ("扫描二维码报名", "掃描QR Code報名"),
    ("优化课堂结构", "優化課堂結構"),
    ("按照工作程序", "按照工作程序"),
    ("比赛项目共五项", "比賽項目共五項"),
    ("学习上级文件精神", "學習上級文件精神"),
    ("档案要妥善保存", "檔案要妥善保存"),
    ("保护个人信息", "保護個人資料"),
    ("“信息”周刊", "「資訊」週刊"),
])
def test_taiwan_words(simplified, expected):
    assert with_phrases(simplified) == expected


def test_every_supplement_line_is_a_gap_of_s2twp():
    phrases = vocabulary_phrases("twp")
    assert 10 <= len(phrases) <= 40
    for simplified, taiwan in phrases.items():
        assert cc("t2s").convert(simplified) == simplified, simplified  # keys are simplified
        assert cc("s2twp").convert(simplified) != taiwan, simplified


def test_only_twp_has_vocabulary():
    for target in ("hans", "hant", "tw", "hk", ""):
        assert vocabulary_phrases(target) == {}
    # A copy: a caller's change does not reach the next caller.
    vocabulary_phrases("twp").clear()
    assert vocabulary_phrases("twp")
