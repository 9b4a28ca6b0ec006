"""docgen.api takes paths, bytes or streams alike, and returns what the front ends show."""

import io

import pytest

from docgen import api
from docgen.errors import InputError, ValidationError
from docgen.ooxml.text import document_text

from conftest import SAMPLES


def test_a_pairing_from_a_path_bytes_or_a_stream():
    path = SAMPLES / "pairing.yaml"
    data = path.read_bytes()
    from_path = api.load_pairing(path)
    assert api.load_pairing(data, name="pairing.yaml", base_dir=SAMPLES) == from_path
    assert api.load_pairing(io.BytesIO(data), name="pairing.yaml", base_dir=SAMPLES) == from_path
    with pytest.raises(ValidationError) as info:
        api.load_pairing(data, name="pairing.yaml")  # its seal images are named relative to it
    assert "找不到图片文件" in str(info.value)


def test_render_with_an_activity_sheet_given_as_bytes():
    pairing = api.load_pairing(SAMPLES / "pairing.yaml")
    sheet = (SAMPLES / "activities.xlsx").read_bytes()
    result = api.render_pairing("summary", pairing, activities=sheet, activities_name="活动.xlsx")
    assert "本学年共开展结对活动15次" in document_text(result.data)
    with pytest.raises(InputError) as info:
        api.render_pairing("summary", pairing, activities=b"not a sheet", activities_name="活动.xlsx")
    assert "活动.xlsx" in str(info.value)


def test_blanks_and_fill_in_memory(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("甲方：____（城市学校）")
    buffer = io.BytesIO()
    doc.save(buffer)
    data = buffer.getvalue()
    scan = api.list_blanks(data, name="表.docx")
    assert [b.label for b in scan.blanks] == ["甲方"]
    result = api.fill_document(io.BytesIO(data), {"1": "常州市实验小学"}, name="表.docx")
    assert "甲方：常州市实验小学（城市学校）" in document_text(result.data)
    assert result.filled == 1 and not list(tmp_path.iterdir())  # nothing written


def test_convert_and_clean_in_memory():
    result = api.convert_document("头发和内存".encode(), to="twp", name="说明.txt")
    assert result.data.decode() == "頭髮和記憶體" and result.output is None
    assert api.clean_source(None, text="城鄉(xiāng)學校", to="hans").text.strip() == "城乡学校"


def test_a_batch_from_a_roster_in_memory(tmp_path):
    roster = "编号,甲方学校,乙方学校\nM-1,甲校,乙校\n".encode("gbk")
    result = api.run_batch(api.Source("名单.csv", data=roster), tmp_path / "out", kinds=["agreement"])
    assert result.written == 1 and result.failed == 0
