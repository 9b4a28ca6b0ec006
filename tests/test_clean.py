"""Clean and ingest: every seed cleaned (golden), split, made a template and rendered."""

import os
import re

import pytest
from hypothesis import given, settings, strategies as st

from docgen.api import clean_source, ingest_source
from docgen.tools.clean import _PINYIN, _SUSPICIOUS, clean_text
from docgen.ooxml.text import document_text
from docgen.errors import InputError

from conftest import DATA, SEEDS, from_shared, needs_shared, invoke

GOLDEN = DATA / "golden" / "clean"
SEED_FILES = sorted(SEEDS.glob("0*.txt"))
SEED_PARAMS = from_shared(SEED_FILES)
# Documents in each seed, and 一级 / 二级 headings of its first document (counted by hand).
EXPECTED = {"000": (1, 5, 0), "001": (5, 5, 1), "002": (6, 4, 8), "003": (5, 4, 11), "004": (1, 9, 7)}


@pytest.mark.parametrize("seed", SEED_PARAMS, ids=lambda p: p.name[:3])
def test_cleaned_seed_matches_golden(seed):
    result = clean_text(seed.read_text(encoding="utf-8"))
    path = GOLDEN / f"{seed.name[:3]}.txt"
    if os.environ.get("DOCGEN_UPDATE_GOLDEN"):
        path.write_text(result.text, encoding="utf-8")
    assert result.text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", SEED_PARAMS, ids=lambda p: p.name[:3])
def test_no_pinyin_no_debris_no_unflagged_mojibake(seed):
    result = clean_text(seed.read_text(encoding="utf-8"))
    text = result.text
    assert not _PINYIN.search(text)
    assert not re.search(r"<[^>]+>|&nbsp;|_第\d+[页頁]|已[阅閱]读|下[载載]本文[档檔]|温馨提示|溫馨提示", text)
    assert not re.search(r"^\s*\|", text, re.M)
    # any '?' left is not the start of a mojibake span
    for m in re.finditer(r"\?(.{0,8})", text):
        assert not _SUSPICIOUS.search(m.group(1)), m.group(0)
    documents, level1, level2 = EXPECTED[seed.name[:3]]
    assert len(result.documents) == documents
    first = result.documents[0].paragraphs
    assert sum(1 for p in first if re.match(r"^[一二三四五六七八九十]{1,3}、", p)) == level1
    assert sum(1 for p in first if re.match(r"^[（(][一二三四五六七八九十]{1,3}[）)]", p)) == level2


@needs_shared
def test_pinyin_counts_of_the_seeds():
    counts = {s.name[:3]: clean_text(s.read_text(encoding="utf-8")).report.counts["pinyin"]
              for s in SEED_FILES}
    assert counts["001"] == 1238 and counts["004"] == 90


@needs_shared
def test_seed_004_mojibake_is_repaired_or_flagged():
    result = clean_text(next(s for s in SEED_FILES if s.name.startswith("004")).read_text("utf-8"))
    text = result.text
    for repaired in ("（一）城鄉學校領導結對", "（二）城鄉學校教師結對", "（二）簽訂協議書",
                     "（三）落實獎懲措□", "確□活動扎實有效地開展", "（城市學校", "（農村學校"):
        assert repaired in text, repaired
    assert result.report.counts["mojibake_flagged"] == 2
    assert len([f for f in result.report.flagged if "□" in f]) == 2
    assert result.report.counts["mojibake_inferred"] == 3


def test_real_parentheses_are_kept():
    text = "（一）工作要求 (EN-US) 甲方（盖章） (1)每学科 城鄉(xiāng)學校"
    assert clean_text(text).text == "（一）工作要求 (EN-US) 甲方（盖章）\n(1)每学科 城鄉學校\n"


@needs_shared
def test_simplified_output():
    result = clean_source(next(s for s in SEED_FILES if s.name.startswith("001")), to="hans")
    assert "城乡学校结对帮扶工作总结" in result.text and "鄉" not in result.text


CJK = st.sampled_from(list("我们学校教师学生城乡结对帮扶工作活动开展交流提高质量发展"))
PUNCT = st.sampled_from(list("，。；：、"))
PARAGRAPH = st.lists(st.one_of(CJK, CJK, CJK, PUNCT), min_size=1, max_size=60).map("".join)


@settings(max_examples=80, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=8))
def test_clean_text_without_debris_is_unchanged(paragraphs):
    text = "\n".join(paragraphs) + "\n"
    assert clean_text(text).text == text


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("城乡学校一二三、（）()，。：:总结方案12 \n\u3000")),
               min_size=1, max_size=300))
def test_clean_never_deletes_a_chinese_character(text):
    cjk = lambda s: re.sub(r"[^\u4e00-\u9fff]", "", s)  # noqa: E731
    assert cjk(clean_text(text).text) == cjk(text)


# --------------------------------------------------------------------------- ingest

@pytest.mark.parametrize("seed", SEED_PARAMS, ids=lambda p: p.name[:3])
def test_every_seed_cleans_splits_ingests_and_renders(tmp_path, seed):
    out_dir = tmp_path / "clean"
    result = invoke("clean", seed, "-o", out_dir)
    assert result.exit_code == 0, result.output
    files = sorted(out_dir.glob("*.txt")) or [out_dir.with_suffix(".txt")]
    assert len(files) == EXPECTED[seed.name[:3]][0]
    for number, cleaned in enumerate(files, 1):
        template = tmp_path / f"t{number}.docx"
        fields = tmp_path / f"t{number}.yaml"
        result = invoke("ingest", cleaned, "-o", template, "--fields", fields)
        assert result.exit_code == 0, result.output
        # Unfilled: the original blanks come back.
        invoke("render", template, "-i", fields, "-o", tmp_path / f"blank{number}.docx")
        original = cleaned.read_text("utf-8").split("\n")
        rendered = document_text(tmp_path / f"blank{number}.docx").split("\n")
        assert [line for line in rendered if line] == [line for line in original if line]
        # Filled: every field's value lands in the document.
        text = fields.read_text("utf-8")
        names = re.findall(r"^([^#\s][^:]*):", text, re.M)
        filled = re.sub(r'^([^#\s][^:]*): .*$', lambda m: f'{m.group(1)}: "〈{m.group(1)}〉"', text,
                        flags=re.M)
        fields.write_text(filled, "utf-8")
        result = invoke("render", template, "-i", fields, "-o", tmp_path / f"full{number}.docx")
        assert result.exit_code == 0, result.output
        full = document_text(tmp_path / f"full{number}.docx")
        for name in names:
            assert f"〈{name}〉" in full


@needs_shared
def test_ingest_styles_headings_and_names_fields_uniquely(tmp_path):
    seed = next(s for s in SEED_FILES if s.name.startswith("004"))
    result = ingest_source(seed, to="hans")
    assert result.headings["Title"] == 1 and result.headings["Heading 1"] == 9
    assert result.headings["Heading 2"] == 7
    names = [f.name for f in result.fields]
    assert len(names) == len(set(names))
    assert "month_1" in names and "day_1" in names and "甲方_1" in names
    from docx import Document
    import io
    doc = Document(io.BytesIO(result.data))
    assert doc.paragraphs[0].style.name == "Title"
    assert any(p.style.name == "Heading 1" and p.text.startswith("一、") for p in doc.paragraphs)
    assert "关于做好城乡学校结对工作的实施意见" in doc.paragraphs[0].text


@needs_shared
def test_ingest_seed_001_in_simplified(tmp_path):
    seed = next(s for s in SEED_FILES if s.name.startswith("001"))
    result = invoke("ingest", seed, "-o", tmp_path / "t.docx", "--to", "hans")
    assert result.exit_code == 0
    text = document_text(tmp_path / "t.docx")
    assert text.startswith("城乡学校结对帮扶工作总结\n") and "學" not in text
    assert "{{ year_1 }}" in text


# --------------------------------------------------------------------------- bad input

def test_clean_from_stdin(tmp_path):
    result = invoke("clean", "-", "-o", tmp_path / "a.txt", input="城鄉(xiāng)學校<b>結對</b>&nbsp;\n")
    assert result.exit_code == 0
    assert (tmp_path / "a.txt").read_text("utf-8") == "城鄉學校結對\n"


def test_clean_from_stdin_in_gbk(tmp_path):
    """A Chinese Windows console pipes GBK: stdin is decoded as files are."""
    result = invoke("clean", "-", "-o", tmp_path / "a.txt",
                    input="城乡学校结对帮扶工作总结\n".encode("gbk"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.txt").read_text("utf-8") == "城乡学校结对帮扶工作总结\n"


@pytest.mark.parametrize("content, message", [
    (b"", "空的"),
    (b"\x00\x01\x02binary\x00\xff" * 10, "不是文本文件"),
])
def test_clean_bad_files(tmp_path, content, message):
    (tmp_path / "a.txt").write_bytes(content)
    result = invoke("clean", tmp_path / "a.txt", "-o", tmp_path / "b.txt")
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "b.txt").exists()


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_clean_detects_encodings(tmp_path, encoding):
    (tmp_path / "a.txt").write_bytes("城鄉(xiāng)學校\n".encode(encoding))
    result = invoke("clean", tmp_path / "a.txt", "-o", tmp_path / "b.txt")
    assert result.exit_code == 0
    assert (tmp_path / "b.txt").read_text("utf-8") == "城鄉學校\n"


def test_an_oversized_paste_is_refused_quickly():
    with pytest.raises(InputError) as info:
        clean_text("字" * 5_000_001)
    assert "文本过长" in str(info.value)
