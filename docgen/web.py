"""``docgen serve``: a local web page for office staff who do not use a terminal. Owns flask.

Flask because the page is a handful of server-rendered forms: no build step, no JavaScript
framework, every asset inline (works with no internet), and Flask is small, documented and
maintained. Everything goes through :mod:`docgen.api`, as the CLI does.

Safe by default: binds to 127.0.0.1; uploads limited in size and type; every form carries a
CSRF token; uploads and results live in a private temporary area and are deleted when
downloaded or after ``KEEP_SECONDS``.
"""

from __future__ import annotations

import io
import secrets
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import (Flask, Response, abort, redirect, render_template_string, request,
                   send_file, session, url_for)

from .api import clean_source, render_pairing
from .batch import run_batch
from .errors import DocgenError, ValidationError
from .forms import fill_docx, scan_docx
from .kinds import KINDS
from .loaders import load_activity_sheet
from .model import validate_pairing, with_activities
from .postprocess import ScriptOptions
from .safety import check_package

MAX_UPLOAD = 20 * 1024 * 1024
KEEP_SECONDS = 15 * 60
SCRIPTS = [("hans", "简体"), ("hant", "繁體"), ("tw", "台灣"), ("hk", "香港")]
ACTIVITY_ROWS = 6

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }} · docgen</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#f4f6f8;color:#222}
header{background:#8b1a1a;color:#fff;padding:12px 24px}header a{color:#fff;margin-right:18px;text-decoration:none}
main{max-width:980px;margin:20px auto;background:#fff;padding:20px 28px;border-radius:6px}
fieldset{border:1px solid #ddd;margin:14px 0;padding:10px 16px}legend{font-weight:bold}
label{display:inline-block;min-width:7em}input[type=text],select,textarea{padding:4px;margin:3px 0;font-size:15px}
.row{margin:4px 0}.err{color:#b00020;font-size:14px;margin-left:8px}.note{color:#555;font-size:14px}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px;font-size:14px}
button{background:#8b1a1a;color:#fff;border:0;padding:8px 18px;font-size:15px;border-radius:4px;margin:6px 6px 0 0;cursor:pointer}
.box{background:#fff8e1;border:1px solid #f0c36d;padding:8px 12px;margin:10px 0}.ok{background:#e8f5e9;border-color:#81c784}
progress{width:100%;height:18px}
</style></head><body>
<header><strong>城乡学校结对帮扶文书</strong>&nbsp;&nbsp;
<a href="/">生成一份文书</a><a href="/batch">按名单批量生成</a><a href="/blanks">填写已有文档</a><a href="/clean">清理复制的文字</a></header>
<main>{{ body|safe }}</main></body></html>"""

SINGLE = """
<h2>生成一份文书</h2>
{% if message %}<div class="box">{{ message }}</div>{% endif %}
{% if blanks is not none %}<div class="box {{ 'ok' if not blanks }}">
{% if blanks %}还有 {{ blanks|length }} 项留空（生成后显示为 ____）：{% for f, n, label in blanks %}{{ label }}（{{ n }} 处）{% if not loop.last %}、{% endif %}{% endfor %}
{% else %}没有留空项，可以生成。{% endif %}</div>{% endif %}
<form method="post" action="/" enctype="multipart/form-data" id="pairing">
<input type="hidden" name="csrf" value="{{ csrf }}">
<fieldset><legend>文书</legend>
<div class="row"><label>类型</label><select name="kind" id="kind">{% for k in kinds %}<option value="{{ k.name }}" {{ 'selected' if v.kind == k.name }}>{{ k.title }}</option>{% endfor %}</select>
<label>文字</label><select name="script" id="script">{% for s, n in scripts %}<option value="{{ s }}" {{ 'selected' if v.script == s }}>{{ n }}</option>{% endfor %}</select>
<label><input type="checkbox" name="strict" {{ 'checked' if v.strict }}> 有留空时不生成</label></div></fieldset>
<fieldset><legend>结对</legend>
{% for name, label in common %}<div class="row"><label for="{{ name }}">{{ label }}</label><input type="text" id="{{ name }}" name="{{ name }}" value="{{ v[name] or '' }}" size="40">{% if errors[name] %}<span class="err">{{ errors[name] }}</span>{% endif %}</div>{% endfor %}
</fieldset>
{% for side, side_label in [('supporter', '甲方（支援学校）'), ('supported', '乙方（受援学校）')] %}
<fieldset><legend>{{ side_label }}</legend>
{% for key, label in school %}{% set name = side ~ '.' ~ key %}<div class="row"><label for="{{ name }}">{{ label }}</label><input type="text" id="{{ name }}" name="{{ name }}" value="{{ v[name] or '' }}" size="36">{% if errors[name] %}<span class="err">{{ errors[name] }}</span>{% endif %}</div>{% endfor %}
<div class="row"><label>公章图片</label><input type="file" name="seal.{{ side }}" accept=".png,.jpg,.jpeg">{% if errors['seal.' ~ side] %}<span class="err">{{ errors['seal.' ~ side] }}</span>{% endif %}</div>
</fieldset>{% endfor %}
<fieldset><legend>工作计划 / 工作总结</legend>
{% for name, label in yearly %}<div class="row"><label for="{{ name }}">{{ label }}</label><input type="text" id="{{ name }}" name="{{ name }}" value="{{ v[name] or '' }}" size="36">{% if errors[name] %}<span class="err">{{ errors[name] }}</span>{% endif %}</div>{% endfor %}
<div class="row"><label>制订/总结方</label><select name="author"><option value="supported">乙方（我校为受援学校）</option><option value="supporter" {{ 'selected' if v.author == 'supporter' }}>甲方（我校为支援学校）</option></select></div>
<p class="note">活动记录（总结的数字由此计算）：在下表填写，或上传 Excel / CSV。</p>
<table id="activities"><tr><th>日期</th><th>类型</th><th>名称</th><th>教师人次</th><th>课时</th><th>图书</th><th>电脑</th><th>资金</th></tr>
{% for i in range(rows) %}<tr>{% for col in ['date','type','title','teachers','lessons','books','computers','funds'] %}<td><input type="text" name="act.{{ i }}.{{ col }}" value="{{ v['act.' ~ i ~ '.' ~ col] or '' }}" size="{{ 12 if col in ('date','type','title') else 5 }}"></td>{% endfor %}</tr>{% endfor %}
</table>{% for e in activity_errors %}<div class="err">{{ e }}</div>{% endfor %}
<div class="row"><label>活动记录表</label><input type="file" name="activities" accept=".xlsx,.csv">{% if errors['activities'] %}<span class="err">{{ errors['activities'] }}</span>{% endif %}</div>
</fieldset>
<button type="submit" name="action" value="preview" id="preview">检查留空</button>
<button type="submit" name="action" value="download" id="download">生成并下载</button>
</form>"""

BATCH = """
<h2>按名单批量生成</h2>
<p class="note">上传 Excel（.xlsx）或 CSV 名单，表头用中文：编号、甲方学校、甲方代表、乙方学校、乙方代表、开始年月、签订日期……</p>
{% if message %}<div class="box">{{ message }}</div>{% endif %}
<form method="post" action="/batch" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{ csrf }}">
<div class="row"><label>名单</label><input type="file" name="roster" id="roster" accept=".xlsx,.csv"></div>
<div class="row"><label>文书</label>{% for k in kinds %}<label><input type="checkbox" name="kinds" value="{{ k.name }}" {{ 'checked' if k.name != 'scheme' }}> {{ k.title }}</label> {% endfor %}</div>
<div class="row"><label>文字</label><select name="script">{% for s, n in scripts %}<option value="{{ s }}">{{ n }}</option>{% endfor %}</select></div>
<button type="submit" id="start">开始生成</button></form>
{% if job %}<h3>进度</h3><progress id="progress" max="1" value="0"></progress><div id="status">正在生成……</div><div id="result"></div>
<script>
function poll(){fetch('/batch/{{ job }}/status').then(r=>r.json()).then(s=>{
 document.getElementById('progress').max=s.total||1;document.getElementById('progress').value=s.done;
 document.getElementById('status').textContent=s.message;
 if(s.finished){let h='';if(s.zip){h+='<p><a id="zip" href="/batch/{{ job }}/download">下载压缩包（含清单 manifest.csv）</a></p>'}
 if(s.errors.length){h+='<table id="errors"><tr><th>行</th><th>编号</th><th>文书</th><th>问题</th></tr>';
 for(const e of s.errors){h+='<tr><td>'+e.row+'</td><td>'+e.pair+'</td><td>'+e.kind+'</td><td>'+e.message+'</td></tr>'}h+='</table>'}
 document.getElementById('result').innerHTML=h}else{setTimeout(poll,400)}})}
poll();
</script>{% endif %}"""

BLANKS = """
<h2>填写已有文档</h2>
<p class="note">上传含有 ____、**、“2008年 月 日”、“甲方：”等空白的 Word 文档（.docx），逐项填写后下载。</p>
{% if message %}<div class="box">{{ message }}</div>{% endif %}
{% if not token %}<form method="post" action="/blanks" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{ csrf }}"><input type="file" name="document" id="document" accept=".docx">
<button type="submit">查找空白</button></form>
{% else %}<form method="post" action="/blanks/{{ token }}/fill"><input type="hidden" name="csrf" value="{{ csrf }}">
<table><tr><th>编号</th><th>位置</th><th>上下文</th><th>填写</th></tr>
{% for b in blanks %}<tr><td>{{ b.number }}</td><td>{{ b.where }}</td><td>…{{ b.before }}<b>【{{ b.label }}】</b>{{ b.after }}…</td><td><input type="text" name="{{ b.number }}" size="20"></td></tr>{% endfor %}
{% for c in controls %}<tr><td>控件</td><td>{{ c.tag or c.title }}</td><td>{{ c.kind }}{% if c.choices %}：{{ c.choices|join('、') }}{% endif %}</td><td><input type="text" name="{{ c.tag or c.title }}" size="20"></td></tr>{% endfor %}
</table><label><input type="checkbox" name="underline"> 填入内容加下划线</label><br><button type="submit">填写并下载</button></form>{% endif %}"""

CLEAN = """
<h2>清理复制的文字</h2>
<p class="note">粘贴从文库网站复制的文字：去掉拼音注音、网页标签、页码、下载和版权说明，修复乱码，恢复段落。</p>
<form method="post" action="/clean"><input type="hidden" name="csrf" value="{{ csrf }}">
<textarea name="text" id="text" rows="12" cols="100">{{ text }}</textarea><br>
<label><input type="radio" name="to" value="" checked> 保持原文字</label> <label><input type="radio" name="to" value="hans"> 转为简体</label> <label><input type="radio" name="to" value="hant"> 转为繁体</label><br>
<button type="submit">清理</button></form>
{% if message %}<div class="box">{{ message }}</div>{% endif %}
{% if cleaned %}<h3>清理结果</h3><div class="box ok">{% for k, n in report %}{{ k }}：{{ n }}；{% endfor %}</div>
<textarea id="cleaned" rows="14" cols="100" readonly>{{ cleaned }}</textarea>{% endif %}"""

COMMON = [("id", "编号"), ("authority", "主管部门"), ("basis.title", "依据文件"), ("basis.number", "文号"),
          ("term.start", "开始年月"), ("term.years", "年限"), ("signed_on", "签订日期"), ("copies", "份数")]
SCHOOL = [("name", "学校名称"), ("category", "类别"), ("representative", "代表"), ("contact", "联系人"),
          ("phone", "电话")]
YEARLY = [("plan.school_year", "计划学年"), ("plan.leading_group.leader", "领导小组组长"),
          ("summary.school_year", "总结学年")]


@dataclass
class _Job:
    folder: Path
    total: int = 0
    done: int = 0
    finished: bool = False
    message: str = "正在生成……"
    errors: list[dict[str, Any]] = field(default_factory=list)
    zip_path: Path | None = None
    created: float = field(default_factory=time.time)


def create_app(workdir: Path | None = None) -> Flask:
    """The web application; ``workdir`` is its private temporary area."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD
    app.secret_key = secrets.token_bytes(32)
    area = Path(workdir or tempfile.mkdtemp(prefix="docgen-web-"))
    area.mkdir(parents=True, exist_ok=True)
    jobs: dict[str, _Job] = {}
    uploads: dict[str, tuple[Path, float]] = {}

    def purge() -> None:
        now = time.time()
        for key, job in list(jobs.items()):
            if now - job.created > KEEP_SECONDS:
                shutil.rmtree(job.folder, ignore_errors=True)
                jobs.pop(key, None)
        for key, (path, created) in list(uploads.items()):
            if now - created > KEEP_SECONDS:
                path.unlink(missing_ok=True)
                uploads.pop(key, None)

    def csrf() -> str:
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(24)
        return session["csrf"]

    @app.before_request
    def protect() -> None:
        purge()
        if request.method == "POST":
            token = request.form.get("csrf", "")
            if not token or not secrets.compare_digest(token, session.get("csrf", "")):
                abort(400, description="页面已过期或来源不明（跨站请求已拒绝），请刷新页面后重试")

    def page(title: str, template: str, **values: Any) -> str:
        body = render_template_string(template, csrf=csrf(), **values)
        return render_template_string(PAGE, title=title, body=body)

    @app.errorhandler(413)
    def too_large(_error) -> tuple[str, int]:
        return page("文件过大", "<div class='box'>{{ m }}</div>",
                    m=f"上传的文件过大（上限 {MAX_UPLOAD // 1024 // 1024} MB）"), 413

    @app.errorhandler(400)
    def bad_request(error) -> tuple[str, int]:
        return page("请求有误", "<div class='box'>{{ m }}</div>", m=getattr(error, "description", "请求有误")), 400

    @app.errorhandler(404)
    def not_found(_error) -> tuple[str, int]:
        return page("找不到", "<div class='box'>找不到这个页面，或文件已过期（{{ m }} 分钟后自动删除）。</div>",
                    m=KEEP_SECONDS // 60), 404

    @app.errorhandler(Exception)
    def internal(error) -> tuple[str, int]:
        if hasattr(error, "code") and isinstance(getattr(error, "code"), int):
            return page("请求有误", "<div class='box'>{{ m }}</div>", m=str(error)), error.code
        return page("出错了", "<div class='box'>处理时出错：{{ m }}。这不是您的数据的问题，请反馈。</div>",
                    m=type(error).__name__), 500

    # ------------------------------------------------------------------ one document

    def single(values: dict[str, str], errors: dict[str, str] | None = None, message: str = "",
               blanks=None, activity_errors=()) -> str:
        return page("生成一份文书", SINGLE, v=_Values(values), errors=_Values(errors or {}),
                    kinds=list(KINDS.values()), scripts=SCRIPTS, common=COMMON, school=SCHOOL,
                    yearly=YEARLY, rows=ACTIVITY_ROWS, message=message, blanks=blanks,
                    activity_errors=list(activity_errors))

    @app.get("/")
    def index() -> str:
        return single({"kind": "agreement", "script": "hans", "term.years": "3", "copies": "4"})

    @app.post("/")
    def render_one() -> Response | str:
        values = {k: v.strip() for k, v in request.form.items() if k != "csrf"}
        values["strict"] = "on" if request.form.get("strict") else ""
        kind = values.get("kind", "agreement")
        if kind not in KINDS:
            return single(values, message="未知的文书类型")
        errors: dict[str, str] = {}
        needs_schools = kind != "scheme"
        for side, label in (("supporter", "甲方"), ("supported", "乙方")):
            if needs_schools and not values.get(f"{side}.name"):
                errors[f"{side}.name"] = f"请填写{label}学校名称"
        folder = Path(tempfile.mkdtemp(dir=area))
        try:
            data = _pairing_data(values, folder, errors)
            if errors:
                return single(values, errors, "请先改正标出的项目")
            try:
                pairing = validate_pairing(data, base_dir=folder)
                sheet = request.files.get("activities")
                if sheet and sheet.filename:
                    suffix = Path(sheet.filename).suffix.lower()
                    if suffix not in (".xlsx", ".csv"):
                        return single(values, {"activities": "活动记录应为 .xlsx 或 .csv 文件"})
                    path = folder / f"activities{suffix}"
                    sheet.save(path)
                    loaded = load_activity_sheet(path, pair_id=pairing.id)
                    pairing = with_activities(pairing, loaded.records, file=sheet.filename,
                                              locate=loaded.locate)
            except ValidationError as exc:
                field_errors, others = _field_errors(exc)
                return single(values, field_errors, "请先改正标出的项目", activity_errors=others)
            except DocgenError as exc:
                return single(values, {"activities": exc.message} if "活动" in exc.message else {},
                              str(exc))
            script = ScriptOptions(values.get("script", "hans")) \
                if values.get("script") in dict(SCRIPTS) else ScriptOptions()
            try:
                result = render_pairing(kind, pairing, script=script,
                                        strict=bool(values["strict"]) and values.get("action") == "download")
            except DocgenError as exc:
                blanks = [(f, n, _label(f)) for f, n in getattr(exc, "fields", {}).items()]
                return single(values, message=f"{exc.message}：请补全以下各项后再生成", blanks=blanks)
            blanks = [(f, n, _label(f)) for f, n in result.blanks.items()]
            if values.get("action") != "download":
                return single(values, blanks=blanks, message="；".join(str(w) for w in result.warnings))
            name = f"{KINDS[kind].title}.docx"
            return send_file(io.BytesIO(result.data), as_attachment=True, download_name=name,
                             mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    # ------------------------------------------------------------------ batch

    @app.get("/batch")
    def batch_form() -> str:
        return page("批量生成", BATCH, kinds=list(KINDS.values()), scripts=SCRIPTS, job=None, message="")

    @app.post("/batch")
    def batch_start() -> str:
        upload = request.files.get("roster")
        kinds = [k for k in request.form.getlist("kinds") if k in KINDS] or ["agreement"]
        script = request.form.get("script", "hans")
        if not upload or not upload.filename:
            return page("批量生成", BATCH, kinds=list(KINDS.values()), scripts=SCRIPTS, job=None,
                        message="请选择名单文件（.xlsx 或 .csv）")
        suffix = Path(upload.filename).suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            return page("批量生成", BATCH, kinds=list(KINDS.values()), scripts=SCRIPTS, job=None,
                        message="名单应为 .xlsx 或 .csv 文件")
        key = uuid.uuid4().hex
        job = _Job(Path(tempfile.mkdtemp(dir=area)))
        roster = job.folder / f"roster{suffix}"
        upload.save(roster)
        jobs[key] = job

        def work() -> None:
            def progress(done: int, total: int) -> None:
                job.done, job.total = done, total
                job.message = f"已完成 {done} / {total} 个结对"

            try:
                out = job.folder / "out"
                result = run_batch(roster, out, kinds=kinds, script=ScriptOptions(script)
                                   if script in dict(SCRIPTS) else None,
                                   zip_path=job.folder / "结对文书.zip", progress=progress)
                job.zip_path = result.zip_path
                job.errors = [{"row": r.row, "pair": r.pair, "kind": KINDS[r.kind].title,
                               "message": r.message} for r in result.rows if r.status == "error"]
                job.message = (f"完成：写出 {result.written} 份，其中有留空 {result.count('blanks')} 份，"
                               f"失败 {result.failed} 份")
            except DocgenError as exc:
                job.message = f"名单无法处理：{exc}"
            except Exception as exc:  # noqa: BLE001 - shown in the page, never a traceback
                job.message = f"处理时出错：{type(exc).__name__}"
            finally:
                job.finished = True

        threading.Thread(target=work, daemon=True).start()
        return page("批量生成", BATCH, kinds=list(KINDS.values()), scripts=SCRIPTS, job=key, message="")

    @app.get("/batch/<key>/status")
    def batch_status(key: str) -> dict[str, Any]:
        job = jobs.get(key) or abort(404)
        return {"done": job.done, "total": job.total, "finished": job.finished,
                "message": job.message, "errors": _escape_rows(job.errors),
                "zip": job.zip_path is not None}

    @app.get("/batch/<key>/download")
    def batch_download(key: str) -> Response:
        job = jobs.get(key) or abort(404)
        if not job.zip_path or not job.zip_path.is_file():
            abort(404)
        data = job.zip_path.read_bytes()
        shutil.rmtree(job.folder, ignore_errors=True)  # nothing kept after the response
        jobs.pop(key, None)
        return send_file(io.BytesIO(data), as_attachment=True, download_name="结对文书.zip",
                         mimetype="application/zip")

    # ------------------------------------------------------------------ blanks

    @app.get("/blanks")
    def blanks_form() -> str:
        return page("填写已有文档", BLANKS, token=None, message="")

    @app.post("/blanks")
    def blanks_scan() -> str:
        upload = request.files.get("document")
        if not upload or not upload.filename.lower().endswith(".docx"):
            message = ("这是旧版 Word（.doc）文件，请在 Word 中“另存为” .docx 后再上传"
                       if upload and upload.filename.lower().endswith(".doc") else "请上传 .docx 文件")
            return page("填写已有文档", BLANKS, token=None, message=message)
        data = upload.read()
        try:
            check_package(data, name=upload.filename)
            scan = scan_docx(data)
        except DocgenError as exc:
            return page("填写已有文档", BLANKS, token=None, message=exc.message)
        token = uuid.uuid4().hex
        path = area / f"{token}.docx"
        path.write_bytes(data)
        uploads[token] = (path, time.time())
        message = "" if scan.blanks or scan.controls else "没有找到空白。"
        return page("填写已有文档", BLANKS, token=token, blanks=scan.blanks, controls=scan.controls,
                    message=message)

    @app.post("/blanks/<token>/fill")
    def blanks_fill(token: str) -> Response | str:
        entry = uploads.pop(token, None)
        if entry is None or not entry[0].is_file():
            abort(404)
        path = entry[0]
        values = {k: v for k, v in request.form.items() if k not in ("csrf", "underline") and v.strip()}
        try:
            result = fill_docx(path.read_bytes(), values, underline=bool(request.form.get("underline")))
        finally:
            path.unlink(missing_ok=True)
        if result.problems:
            return page("填写已有文档", BLANKS, token=None,
                        message="；".join(str(p) for p in result.problems))
        return send_file(io.BytesIO(result.data), as_attachment=True, download_name="已填写.docx",
                         mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    # ------------------------------------------------------------------ clean

    @app.get("/clean")
    def clean_form() -> str:
        return page("清理文字", CLEAN, text="", cleaned="", report=[], message="")

    @app.post("/clean")
    def clean_text_page() -> str:
        from .clean import REPORT_NAMES

        text = request.form.get("text", "")
        to = request.form.get("to") or None
        try:
            result = clean_source(None, text=text, to=to if to in ("hans", "hant") else None)
        except DocgenError as exc:
            return page("清理文字", CLEAN, text=text, cleaned="", report=[], message=exc.message)
        report = [(REPORT_NAMES.get(k, k), n) for k, n in result.report.counts.items()]
        return page("清理文字", CLEAN, text=text, cleaned=result.text, report=report,
                    message="；".join(result.report.flagged))

    app.config["DOCGEN_AREA"] = area
    return app


class _Values(dict):
    """Form values for the template: a missing key reads as ''."""

    def __getitem__(self, key: str) -> str:
        return dict.get(self, key, "")

    def __getattr__(self, key: str) -> str:
        return self[key]


def _label(field_path: str) -> str:
    from .model import field_labels
    import re

    labels = field_labels()
    return labels.get(field_path) or labels.get(re.sub(r"\[\d+\]", "[]", field_path), field_path)


def _escape_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    import html

    return [{k: html.escape(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows]


def _pairing_data(values: dict[str, str], folder: Path, errors: dict[str, str]) -> dict[str, Any]:
    """The form's fields as a pairing mapping (dotted names → nested keys)."""
    data: dict[str, Any] = {}

    def put(path: str, value: Any) -> None:
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target.setdefault(key, {})
        target[last] = value

    for name, _ in COMMON + YEARLY:
        if values.get(name):
            put(name, values[name])
    for side in ("supporter", "supported"):
        for key, _ in SCHOOL:
            if values.get(f"{side}.{key}"):
                put(f"{side}.{key}", values[f"{side}.{key}"])
        upload = request.files.get(f"seal.{side}")
        if upload and upload.filename:
            suffix = Path(upload.filename).suffix.lower()
            if suffix not in (".png", ".jpg", ".jpeg"):
                errors[f"seal.{side}"] = "公章图片应为 PNG 或 JPEG"
                continue
            path = folder / f"seal_{side}{suffix}"
            upload.save(path)
            put(f"seal.{side}", path.name)
    author = values.get("author") if values.get("author") in ("supporter", "supported") else "supported"
    if data.get("plan") or values.get("kind") == "plan":
        put("plan.author", author)
    if data.get("summary") or values.get("kind") == "summary":
        put("summary.author", author)
    activities = []
    for i in range(ACTIVITY_ROWS):
        row = {col: values.get(f"act.{i}.{col}", "") for col in
               ("date", "type", "title", "teachers", "lessons", "books", "computers", "funds")}
        if not any(row.values()):
            continue
        activity = {k: v for k, v in row.items() if v and k not in ("books", "computers", "funds")}
        donation = {k: row[k] for k in ("books", "computers", "funds") if row[k]}
        if donation:
            activity["donation"] = donation
        activities.append(activity)
    if activities:
        put("summary.activities", activities)
    return data


def _field_errors(exc: ValidationError) -> tuple[dict[str, str], list[str]]:
    """Problems by form field (key path → message); activity rows' problems as a list."""
    fields: dict[str, str] = {}
    others = []
    for problem in exc.problems:
        path = problem.where.key_path or ""
        if path.startswith("summary.activities["):
            row = int(path.split("[")[1].split("]")[0])
            others.append(f"活动第{row}行：{problem.message}")
        elif path:
            fields[path] = problem.message
        else:
            others.append(str(problem))
    return fields, others


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the page (the development server of Flask is enough for one office)."""
    create_app().run(host=host, port=port, debug=False, use_reloader=False, threaded=True)
