"""The local web page: API tests with Flask's client, end-to-end tests in headless Chromium."""

import io
import os
import re
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document

from docgen.ooxml.text import document_text
from docgen.web import create_app

from conftest import SAMPLES, require_client

ROOT_ASSETS = re.compile(r'(?:src|href)="(https?:)?//')


@pytest.fixture
def app(tmp_path):
    return create_app(tmp_path / "area")


@pytest.fixture
def client(app):
    return app.test_client()


def token(client) -> str:
    page = client.get("/").data.decode()
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


BASE = {"kind": "agreement", "script": "hans", "supporter.name": "常州市实验小学",
        "supported.name": "武进区礼嘉中心小学", "supporter.representative": "王强",
        "term.start": "2025-09", "term.years": "3", "copies": "4"}


def test_pages_are_chinese_and_use_no_outside_assets(client):
    for url in ("/", "/batch", "/blanks", "/clean"):
        page = client.get(url).data.decode()
        assert '<html lang="zh-CN">' in page and "结对帮扶" in page
        assert not ROOT_ASSETS.search(page)


def test_preview_lists_the_blanks_then_download(client):
    csrf = token(client)
    page = client.post("/", data={**BASE, "csrf": csrf, "action": "preview"}).data.decode()
    assert "项留空" in page and "签订日期" in page
    response = client.post("/", data={**BASE, "csrf": csrf, "action": "download"})
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert "常州市实验小学" in document_text(response.data)


def test_strict_refuses_while_blanks_remain(client):
    csrf = token(client)
    page = client.post("/", data={**BASE, "csrf": csrf, "strict": "on", "action": "download"})
    assert page.headers["Content-Type"].startswith("text/html")
    assert "严格模式" in page.data.decode()


def test_traditional_download(client):
    csrf = token(client)
    response = client.post("/", data={**BASE, "csrf": csrf, "script": "hk", "action": "download"})
    assert "常州市實驗小學" in document_text(response.data)


@pytest.mark.parametrize("field, value, message", [
    ("signed_on", "2025-13-40", "无法识别的日期"),
    ("supporter.name", "", "请填写甲方学校名称"),
    ("copies", "很多", "应为整数"),
])
def test_bad_fields_get_a_message_next_to_them(client, field, value, message):
    csrf = token(client)
    page = client.post("/", data={**BASE, field: value, "csrf": csrf, "action": "download"})
    text = page.data.decode()
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert re.search(rf'name="{re.escape(field)}"[^>]*>\s*<span class="err">[^<]*{message}', text)


def test_activity_rows_and_sheet(client):
    csrf = token(client)
    data = {**BASE, "csrf": csrf, "kind": "summary", "summary.school_year": "2025-2026",
            "act.0.date": "2025-10-15", "act.0.type": "送教示范课", "act.0.teachers": "3",
            "act.0.lessons": "2", "act.1.type": "捐赠", "act.1.books": "300", "action": "download"}
    text = document_text(client.post("/", data=data).data)
    assert "本学年共开展结对活动2次，送教示范课2节" in text and "捐赠图书300册" in text
    bad = client.post("/", data={**data, "act.1.type": "送课"}).data.decode()
    assert "活动第2行" in bad and "未知的活动类型" in bad
    with open(SAMPLES / "activities.xlsx", "rb") as sheet:
        response = client.post("/", data={**BASE, "csrf": csrf, "kind": "summary", "id": "CZ-2025-001",
                                          "summary.school_year": "2025-2026", "action": "download",
                                          "activities": (sheet, "活动.xlsx")},
                               content_type="multipart/form-data")
    assert "本学年共开展结对活动15次" in document_text(response.data)


def test_wrong_file_types_and_oversized_uploads(client, app):
    csrf = token(client)
    page = client.post("/", data={**BASE, "csrf": csrf, "action": "preview",
                                  "seal.supporter": (io.BytesIO(b"x"), "seal.gif")},
                       content_type="multipart/form-data").data.decode()
    assert "公章图片应为 PNG 或 JPEG" in page
    page = client.post("/blanks", data={"csrf": csrf, "document": (io.BytesIO(b"x"), "a.doc")},
                       content_type="multipart/form-data").data.decode()
    assert "另存为" in page
    app.config["MAX_CONTENT_LENGTH"] = 1024
    big = client.post("/batch", data={"csrf": csrf, "roster": (io.BytesIO(b"x" * 5000), "r.csv")},
                      content_type="multipart/form-data")
    assert big.status_code == 413 and "文件过大" in big.data.decode()


def test_cross_site_posts_are_refused(client):
    response = client.post("/", data={**BASE, "action": "download"})
    assert response.status_code == 400 and "跨站" in response.data.decode()


def test_batch_gives_a_zip_and_a_row_error_table(client, app, tmp_path):
    csrf = token(client)
    roster = ("编号,甲方学校,乙方学校,开始年月\nW-1,甲一校,乙一校,2025-09\nW-2,甲二校,乙二校,2025-13\n")
    page = client.post("/batch", data={"csrf": csrf, "kinds": ["agreement"],
                                       "roster": (io.BytesIO(roster.encode("gbk")), "名单.csv")},
                       content_type="multipart/form-data").data.decode()
    key = re.search(r"/batch/([0-9a-f]+)/status", page).group(1)
    for _ in range(100):
        status = client.get(f"/batch/{key}/status").get_json()
        if status["finished"]:
            break
        time.sleep(0.1)
    assert status["finished"] and status["zip"]
    assert status["errors"][0]["row"] == 3 and "开始年月" in status["errors"][0]["message"]
    response = client.get(f"/batch/{key}/download")
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert "manifest.csv" in names and any(n.endswith("协议书.docx") for n in names)
    assert client.get(f"/batch/{key}/download").status_code == 404  # nothing kept
    area = app.config["DOCGEN_AREA"]
    assert not any(p.suffix == ".docx" for p in area.rglob("*"))


def test_blanks_fill_round_trip_leaves_nothing_behind(client, app):
    csrf = token(client)
    doc = Document()
    doc.add_paragraph("甲方：____（城市学校）")
    buffer = io.BytesIO()
    doc.save(buffer)
    page = client.post("/blanks", data={"csrf": csrf, "document": (io.BytesIO(buffer.getvalue()), "表.docx")},
                       content_type="multipart/form-data").data.decode()
    fill_url = re.search(r'action="(/blanks/[0-9a-f]+/fill)"', page).group(1)
    response = client.post(fill_url, data={"csrf": csrf, "1": "常州市实验小学"})
    assert "甲方：常州市实验小学（城市学校）" in document_text(response.data)
    assert not list(app.config["DOCGEN_AREA"].glob("*.docx"))
    assert client.post(fill_url, data={"csrf": csrf, "1": "x"}).status_code == 404


def test_clean_page(client):
    csrf = token(client)
    page = client.post("/clean", data={"csrf": csrf, "text": "城鄉(xiāng)學校<b>結對</b>", "to": "hans"}).data.decode()
    assert "城乡学校结对" in page and "拼音注音" in page


# --------------------------------------------------------------------------- a real browser

@pytest.fixture
def server(tmp_path):
    app = create_app(tmp_path / "area")
    from werkzeug.serving import make_server
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    httpd = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    httpd.shutdown()


@pytest.fixture
def browser(tmp_path):
    require_client("chromium", "chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,1600"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait_for_text(browser, text: str, timeout: float = 30) -> None:
    """Wait for the page (the one a submitted form loads) to show ``text``."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda driver: text in driver.find_element(By.TAG_NAME, "body").text)


def wait_for_file(folder: Path, suffix: str, timeout: float = 30) -> Path:
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = [p for p in folder.glob(f"*{suffix}")]
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded")


def test_browser_fills_the_form_and_downloads_the_agreement(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    for name, value in (("supporter.name", "常州市实验小学"), ("supported.name", "武进区礼嘉中心小学"),
                        ("supporter.representative", "王强"), ("term.start", "2025-09"),
                        ("signed_on", "2025-09-01")):
        element = browser.find_element(By.ID, name)
        element.clear()
        element.send_keys(value)
    browser.find_element(By.ID, "preview").click()
    wait_for_text(browser, "项留空")
    browser.save_screenshot(str(tmp_path / "form.png"))  # README's docs/web-form.png is one of these
    assert (tmp_path / "form.png").stat().st_size > 10_000
    browser.find_element(By.ID, "download").click()
    downloaded = wait_for_file(browser.downloads, ".docx")
    text = document_text(downloaded.read_bytes())
    assert "甲方：常州市实验小学（城市学校）" in text and "2025年9月1日" in text


def test_browser_uploads_a_roster_and_gets_the_zip(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/batch")
    browser.find_element(By.ID, "roster").send_keys(str(SAMPLES / "roster-gbk.csv"))
    browser.find_element(By.ID, "start").click()
    deadline = time.time() + 60
    while time.time() < deadline and not browser.find_elements(By.ID, "zip"):
        time.sleep(0.3)
    assert "完成" in browser.find_element(By.ID, "status").text
    browser.find_element(By.ID, "zip").click()
    archive = wait_for_file(browser.downloads, ".zip")
    names = zipfile.ZipFile(archive).namelist()
    assert "manifest.csv" in names and sum(n.endswith(".docx") for n in names) == 24


def test_docgen_serve_runs_the_page_as_its_own_program(tmp_path):
    """`docgen serve` starts `python -m docgen.web`; the page answers, Ctrl+C stops it."""
    import signal
    import subprocess
    import sys
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-c", "from docgen.cli import main; main()"]  # docgen, wherever it is
    server = subprocess.Popen([*command, "serve", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path,
                              start_new_session=True)
    try:
        deadline = time.time() + 30
        while True:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                break
            except OSError:
                assert time.time() < deadline and server.poll() is None, server.stdout.read()
                time.sleep(0.2)
        assert "生成一份文书".encode() in page
    finally:
        os.killpg(server.pid, signal.SIGINT)  # what Ctrl+C in the terminal sends
        assert server.wait(timeout=20) == 0
    assert f"http://127.0.0.1:{port}/" in server.stdout.read().decode()
