"""Real clients: LibreOffice opens what docgen writes, and the PDF holds the text.

Skipped on a developer machine without LibreOffice; in CI (.ci/run installs it) a
missing client fails the run instead of skipping.
"""

import subprocess

import pytest

from docgen import load_pairing, render_pairing

from conftest import SAMPLES, require_client

pytestmark = pytest.mark.client


def to_pdf(docx_path, out_dir):
    """Convert with LibreOffice headless, in a private profile so runs never collide."""
    profile = out_dir / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)],
        check=True, capture_output=True, timeout=240)
    pdf = out_dir / (docx_path.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    return pdf


def pdf_text(pdf):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, timeout=60).stdout.decode("utf-8")


def pdf_pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          timeout=60).stdout.decode("utf-8")
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.mark.parametrize("kind, sample, headings, pages", [
    ("plan", "pairing.yaml", ["指导思想", "组织机构", "工作安排", "工作保障"], (3, 7)),
    ("summary", "pairing.yaml", ["高度重视", "开展各项活动", "感受与启发", "工作中的不足"], (3, 7)),
    ("scheme", "community.yaml", ["组织领导", "发展目标", "实施步骤"], (2, 6)),
])
def test_libreoffice_renders_plan_summary_scheme(tmp_path, kind, sample, headings, pages):
    require_client("soffice", "pdftotext", "pdfinfo")
    pairing = load_pairing(SAMPLES / sample)
    docx_path = tmp_path / f"{kind}.docx"
    docx_path.write_bytes(render_pairing(kind, pairing).data)
    pdf = to_pdf(docx_path, tmp_path)
    text = pdf_text(pdf).replace(" ", "")
    for heading in headings:
        assert heading in text
    names = ([pairing.community.core.name] if kind == "scheme"
             else [pairing.supporter.name, pairing.supported.name])
    for name in names:
        assert name in text
    assert pages[0] <= pdf_pages(pdf) <= pages[1]


@pytest.mark.parametrize("sample", ["pairing.yaml", "pairing-partial.yaml"])
def test_libreoffice_renders_the_agreement(tmp_path, sample):
    require_client("soffice", "pdftotext", "pdfinfo")
    pairing = load_pairing(SAMPLES / sample)
    docx_path = tmp_path / "协议书.docx"
    docx_path.write_bytes(render_pairing("agreement", pairing).data)
    pdf = to_pdf(docx_path, tmp_path)
    text = pdf_text(pdf).replace(" ", "")
    assert pairing.supporter.name in text
    assert pairing.supported.name in text
    assert "甲方责任" in text and "乙方责任" in text
    assert "城乡学校结对帮扶协议书" in text
    assert 2 <= pdf_pages(pdf) <= 4
    if "partial" in sample:
        assert "____" in text


@pytest.mark.parametrize("script, heading", [("hant", "甲方責任"), ("tw", "甲方責任"), ("hk", "甲方責任")])
def test_libreoffice_renders_traditional_output(tmp_path, script, heading):
    require_client("soffice", "pdftotext", "pdfinfo")
    from docgen.pipeline.finish import ScriptOptions

    pairing = load_pairing(SAMPLES / "pairing.yaml")
    docx_path = tmp_path / "協議書.docx"
    docx_path.write_bytes(render_pairing("agreement", pairing, script=ScriptOptions(script)).data)
    pdf = to_pdf(docx_path, tmp_path)
    text = pdf_text(pdf).replace(" ", "")
    assert heading in text and "常州市實驗小學" in text and "武進區禮嘉中心小學" in text
    assert 2 <= pdf_pages(pdf) <= 4


KIND_HEADINGS = {"agreement": ["甲方责任", "乙方责任", "协议生效"], "plan": ["指导思想", "组织机构", "工作保障"],
                 "summary": ["开展各项活动", "感受与启发"], "scheme": ["组织领导", "实施步骤"]}
PAGES = {"agreement": (2, 4), "plan": (3, 7), "summary": (3, 7), "scheme": (2, 6)}


def test_every_kind_in_every_script_renders_in_libreoffice(tmp_path):
    """16 documents converted by one LibreOffice process (the --pdf path)."""
    require_client("soffice", "pdftotext", "pdfinfo")
    from docgen.pipeline.pdf import convert_to_pdf
    from docgen.pipeline.finish import ScriptOptions
    from docgen.script.text import ScriptConverter

    documents = {}
    for kind in KIND_HEADINGS:
        pairing = load_pairing(SAMPLES / ("community.yaml" if kind == "scheme" else "pairing.yaml"))
        for script in ("hans", "hant", "tw", "hk"):
            path = tmp_path / f"{kind}-{script}.docx"
            path.write_bytes(render_pairing(kind, pairing, script=ScriptOptions(script)).data)
            names = ([pairing.community.core.name] if kind == "scheme"
                     else [pairing.supporter.name, pairing.supported.name])
            documents[path] = (kind, script, names)
    pdfs = convert_to_pdf(list(documents))
    assert len(pdfs) == len(documents) == 16
    for path, (kind, script, names) in documents.items():
        convert = ScriptConverter.between("hans", script).convert
        pdf = path.with_suffix(".pdf")
        text = pdf_text(pdf).replace(" ", "")
        for expected in [*names, *KIND_HEADINGS[kind]]:
            assert convert(expected) in text, (kind, script, expected)
        low, high = PAGES[kind]
        assert low <= pdf_pages(pdf) <= high, (kind, script)


def test_render_pdf_option(tmp_path):
    require_client("soffice", "pdftotext")
    from click.testing import CliRunner
    from docgen.cli import main

    out = tmp_path / "协议书.docx"
    result = CliRunner().invoke(main, ["render", "agreement", "-i", str(SAMPLES / "pairing.yaml"),
                                       "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    assert "常州市实验小学" in pdf_text(out.with_suffix(".pdf")).replace(" ", "")


def test_pdf_without_libreoffice_is_a_clear_message(tmp_path, monkeypatch):
    from click.testing import CliRunner
    import docgen.pipeline.pdf
    from docgen.cli import main

    monkeypatch.setattr(docgen.pipeline.pdf.shutil, "which", lambda name: None)
    out = tmp_path / "协议书.docx"
    result = CliRunner().invoke(main, ["render", "agreement", "-i", str(SAMPLES / "pairing.yaml"),
                                       "-o", str(out), "--pdf"])
    assert result.exit_code == 1 and "未安装 LibreOffice" in result.stderr
    assert out.is_file() and not out.with_suffix(".pdf").exists()
