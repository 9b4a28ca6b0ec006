import json

import pytest

from docgen.errors import InputError
from docgen.pipeline.load import decode_text, load_mapping


def test_yaml_keeps_values_as_text(write_yaml):
    path = write_yaml("""
        start: 2025.10
        date: 2025-09-01
        phone: 01234567
        code: 0x1F
        copies: 4
        flag: yes
        ok: true
        empty:
    """)
    data = load_mapping(path)
    assert data == {"start": "2025.10", "date": "2025-09-01", "phone": "01234567",
                    "code": "0x1F", "copies": 4, "flag": "yes", "ok": True, "empty": None}


def test_yaml_syntax_error_names_the_line(write_yaml):
    path = write_yaml("supporter:\n  name: 甲校\n   representative: 王强\n")
    with pytest.raises(InputError) as info:
        load_mapping(path)
    message = str(info.value)
    assert "YAML 格式错误" in message and "第3行" in message
    assert info.value.exit_code == 2


def test_yaml_duplicate_key_is_an_error(write_yaml):
    path = write_yaml("id: a\nid: b\n")
    with pytest.raises(InputError) as info:
        load_mapping(path)
    assert "键重复" in str(info.value) and "第2行" in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        load_mapping(tmp_path / "nope.yaml")
    assert "找不到输入文件" in str(info.value)


def test_folder_given_as_file(tmp_path):
    with pytest.raises(InputError) as info:
        load_mapping(tmp_path)
    assert "文件夹" in str(info.value)


def test_empty_file(write_yaml):
    with pytest.raises(InputError) as info:
        load_mapping(write_yaml("# 只有注释\n"))
    assert "空的" in str(info.value)


def test_json_input(tmp_path):
    path = tmp_path / "pair.json"
    path.write_text(json.dumps({"supporter": {"name": "甲校"}}, ensure_ascii=False), "utf-8")
    assert load_mapping(path) == {"supporter": {"name": "甲校"}}


def test_json_syntax_error(tmp_path):
    path = tmp_path / "pair.json"
    path.write_text('{"a": 1,\n "b": }', "utf-8")
    with pytest.raises(InputError) as info:
        load_mapping(path)
    assert "JSON 格式错误" in str(info.value) and "第2行" in str(info.value)


def test_word_file_given_as_input(tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError) as info:
        load_mapping(path)
    assert "YAML 或 JSON" in str(info.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_encodings_are_detected(tmp_path, encoding):
    text = "甲方:\n  名称: 常州市实验小学\n"
    path = tmp_path / "pair.yaml"
    path.write_bytes(text.encode(encoding))
    assert load_mapping(path) == {"甲方": {"名称": "常州市实验小学"}}


def test_undecodable_bytes():
    with pytest.raises(InputError):
        decode_text(b"\xef\xbb\xbf\xff\xfe\xfa")
