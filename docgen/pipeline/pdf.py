"""PDF copies through LibreOffice (headless), one process for any number of documents."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import Location, RenderError


def find_soffice() -> str | None:
    """The LibreOffice command, if installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_pdf(documents: list[Path], *, force: bool = False) -> list[Path]:
    """Write ``X.pdf`` beside each ``X.docx``; existing PDFs are kept unless ``force``.

    All documents go through one LibreOffice process: they are linked into a private
    folder under unique names, converted together, and each PDF is renamed into place
    (atomic, like every other write).
    """
    soffice = find_soffice()
    if soffice is None:
        raise RenderError("未安装 LibreOffice，无法生成 PDF（Word 文档已生成）。安装后重试："
                          "Debian/Ubuntu 上为 apt-get install libreoffice-writer-nogui",
                          Location(key_path="--pdf"))
    todo = [d for d in documents if force or not d.with_suffix(".pdf").exists()]
    if not todo:
        return []
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as tmp:
        work = Path(tmp)
        inputs = []
        for number, document in enumerate(todo):
            link = work / f"{number:06d}.docx"
            try:
                os.link(document, link)
            except OSError:
                shutil.copyfile(document, link)
            inputs.append(link)
        profile = (work / "profile").as_uri()
        try:
            done = subprocess.run(
                [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(work / "pdf"), *map(str, inputs)],
                capture_output=True, timeout=120 + 5 * len(inputs))
        except subprocess.TimeoutExpired:
            raise RenderError("LibreOffice 转换 PDF 超时", Location(key_path="--pdf")) from None
        written = []
        for document, link in zip(todo, inputs):
            pdf = work / "pdf" / (link.stem + ".pdf")
            if pdf.is_file():
                target = document.with_suffix(".pdf")
                shutil.move(str(pdf), str(target.with_name(f".{target.name}.{os.getpid()}.tmp")))
                os.replace(target.with_name(f".{target.name}.{os.getpid()}.tmp"), target)
                written.append(target)
        if len(written) < len(todo):
            message = done.stderr.decode("utf-8", "replace").strip()[-300:]
            raise RenderError(f"LibreOffice 未能转换 {len(todo) - len(written)} 个文档为 PDF：{message}",
                              Location(key_path="--pdf"))
    return written
