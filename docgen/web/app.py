"""The page's routes: one document, a batch from a roster, a user's blanks, a cleaned paste.

Safe by default: binds to 127.0.0.1; uploads limited in size and type; every form carries a
CSRF token; uploads and results live in a private temporary area and are deleted when
downloaded or after ``KEEP_SECONDS``.
"""

from __future__ import annotations

import html
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

from flask import Flask, Response, abort, render_template, request, send_file, session

from ..api import (DEFAULT_KINDS, TABLE_KINDS_TEXT, TABLE_SUFFIXES, clean_source, field_label, fill_document, kinds, list_blanks,
                   render_pairing, roster_headers, run_batch, script_options, scripts)
from ..errors import DocgenError, ValidationError, internal_error
from .forms import field_errors, image_suffix, pairing_data, pairing_form

MAX_UPLOAD = 20 * 1024 * 1024
KEEP_SECONDS = 15 * 60
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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


class _Values(dict):
    """Form values for the template: a missing key reads as ''."""

    def __getitem__(self, key: str) -> str:
        return dict.get(self, key, "")

    def __getattr__(self, key: str) -> str:
        return self[key]


def create_app(workdir: Path | None = None) -> Flask:
    """The web application; ``workdir`` is its private temporary area."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD
    app.secret_key = secrets.token_bytes(32)
    area = Path(workdir or tempfile.mkdtemp(prefix="docgen-web-"))
    area.mkdir(parents=True, exist_ok=True)
    jobs: dict[str, _Job] = {}
    uploads: dict[str, tuple[Path, float]] = {}
    form = pairing_form()
    kind_list = kinds()
    kind_names = {k.name: k for k in kind_list}
    script_keys = {s.key for s in scripts()}

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

    def page(template: str, title: str, **values: Any) -> str:
        return render_template(template, title=title, csrf=csrf(), **values)

    def message(title: str, text: str) -> str:
        return page("message.html", title, message=text)

    @app.errorhandler(413)
    def too_large(_error: Exception) -> tuple[str, int]:
        return message("文件过大", f"上传的文件过大（上限 {MAX_UPLOAD // 1024 // 1024} MB）"), 413

    @app.errorhandler(400)
    def bad_request(error: Exception) -> tuple[str, int]:
        return message("请求有误", getattr(error, "description", "请求有误")), 400

    @app.errorhandler(404)
    def not_found(_error: Exception) -> tuple[str, int]:
        return message("找不到", f"找不到这个页面，或文件已过期（{KEEP_SECONDS // 60} 分钟后自动删除）。"), 404

    @app.errorhandler(Exception)
    def internal(error: Exception) -> tuple[str, int]:
        code = getattr(error, "code", None)
        if isinstance(code, int):
            return message("请求有误", str(error)), code
        return message("出错了", internal_error(error)), 500

    # ------------------------------------------------------------------ one document

    def single(values: dict[str, str], errors: dict[str, str] | None = None, note: str = "",
               blanks: list[tuple[str, int, str]] | None = None, activity_errors: Any = ()) -> str:
        return page("single.html", "生成一份文书", v=_Values(values), errors=_Values(errors or {}),
                    kinds=kind_list, scripts=scripts(), form=form, message=note, blanks=blanks,
                    activity_errors=list(activity_errors), accept=",".join(TABLE_SUFFIXES))

    @app.get("/")
    def index() -> str:
        return single({"kind": "agreement", "script": "hans", "term.years": "3", "copies": "4"})

    @app.post("/")
    def render_one() -> Response | str:
        values = {k: v.strip() for k, v in request.form.items() if k != "csrf"}
        values["strict"] = "on" if request.form.get("strict") else ""
        kind = values.get("kind", "agreement")
        if kind not in kind_names:
            return single(values, note="未知的文书类型")
        errors = {f.path: f"请填写{f.label}" for f in form.required(kind) if not values.get(f.path)}
        folder = Path(tempfile.mkdtemp(dir=area))
        try:
            def save_image(side: str) -> str | None:
                upload = request.files.get(f"seal.{side}")
                if not upload or not upload.filename:
                    return None
                name = f"seal_{side}{image_suffix(upload.filename)}"
                upload.save(folder / name)
                return name

            data = pairing_data(form, values, save_image, errors)
            if errors:
                return single(values, errors, "请先改正标出的项目")
            sheet = request.files.get("activities")
            has_sheet = bool(sheet and sheet.filename)
            if has_sheet and not sheet.filename.lower().endswith(TABLE_SUFFIXES):
                return single(values, {"activities": f"活动记录应为 {TABLE_KINDS_TEXT} 文件"})
            script_key = values.get("script") if values.get("script") in script_keys else "hans"
            strict = bool(values["strict"]) and values.get("action") == "download"
            try:
                result = render_pairing(kind, data, base_dir=folder, strict=strict,
                                        script=script_options(script_key),
                                        activities=sheet.read() if has_sheet else None,
                                        activities_name=sheet.filename if has_sheet else None)
            except ValidationError as exc:
                if has_sheet and any(p.where.file == sheet.filename for p in exc.problems):
                    return single(values, {"activities": exc.message}, str(exc))
                fields, others = field_errors(exc)
                return single(values, fields, "请先改正标出的项目", activity_errors=others)
            except DocgenError as exc:
                fields_missing = getattr(exc, "fields", None)
                if fields_missing is not None:  # strict: what is still blank
                    blanks = [(f, n, field_label(f) or f) for f, n in fields_missing.items()]
                    return single(values, note=f"{exc.message}：请补全以下各项后再生成", blanks=blanks)
                if exc.where.file and has_sheet and exc.where.file == sheet.filename:
                    return single(values, {"activities": exc.message}, str(exc))
                return single(values, note=str(exc))
            blanks = [(f, n, field_label(f) or f) for f, n in result.blanks.items()]
            if values.get("action") != "download":
                return single(values, blanks=blanks, note="；".join(str(w) for w in result.warnings))
            return send_file(io.BytesIO(result.data), as_attachment=True,
                             download_name=f"{kind_names[kind].title}.docx", mimetype=DOCX_TYPE)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    # ------------------------------------------------------------------ batch

    def batch_page(job: str | None = None, note: str = "") -> str:
        return page("batch.html", "批量生成", kinds=kind_list, scripts=scripts(), job=job,
                    message=note, default_kinds=DEFAULT_KINDS,
                    headers="、".join(roster_headers()[:12]), table_kinds=TABLE_KINDS_TEXT,
                    accept=",".join(TABLE_SUFFIXES))

    @app.get("/batch")
    def batch_form() -> str:
        return batch_page()

    @app.post("/batch")
    def batch_start() -> str:
        upload = request.files.get("roster")
        chosen = [k for k in request.form.getlist("kinds") if k in kind_names] or ["agreement"]
        script_key = request.form.get("script", "hans")
        if not upload or not upload.filename:
            return batch_page(note=f"请选择名单文件（{TABLE_KINDS_TEXT}）")
        suffix = Path(upload.filename).suffix.lower()
        if suffix not in TABLE_SUFFIXES:
            return batch_page(note=f"名单应为 {TABLE_KINDS_TEXT} 文件")
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
                result = run_batch(roster, job.folder / "out", kinds=chosen,
                                   script=script_options(script_key) if script_key in script_keys
                                   else None,
                                   zip_path=job.folder / "结对文书.zip", progress=progress)
                job.zip_path = result.zip_path
                job.errors = [{"row": r.row, "pair": r.pair, "kind": kind_names[r.kind].title,
                               "message": r.message} for r in result.rows if r.status == "error"]
                job.message = (f"完成：写出 {result.written} 份，其中有留空 {result.count('blanks')} 份，"
                               f"失败 {result.failed} 份")
            except DocgenError as exc:
                job.message = f"名单无法处理：{exc}"
            except Exception as exc:  # noqa: BLE001 - shown in the page, never a traceback
                job.message = internal_error(exc)
            finally:
                job.finished = True

        threading.Thread(target=work, daemon=True).start()
        return batch_page(job=key)

    @app.get("/batch/<key>/status")
    def batch_status(key: str) -> dict[str, Any]:
        job = jobs.get(key) or abort(404)
        escaped = [{k: html.escape(v) if isinstance(v, str) else v for k, v in row.items()}
                   for row in job.errors]
        return {"done": job.done, "total": job.total, "finished": job.finished,
                "message": job.message, "errors": escaped, "zip": job.zip_path is not None}

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

    def blanks_page(**values: Any) -> str:
        return page("blanks.html", "填写已有文档", **{"token": None, "message": "", **values})

    @app.get("/blanks")
    def blanks_form() -> str:
        return blanks_page()

    @app.post("/blanks")
    def blanks_scan() -> str:
        upload = request.files.get("document")
        if not upload or not upload.filename.lower().endswith(".docx"):
            note = ("这是旧版 Word（.doc）文件，请在 Word 中“另存为” .docx 后再上传"
                    if upload and upload.filename.lower().endswith(".doc") else "请上传 .docx 文件")
            return blanks_page(message=note)
        data = upload.read()
        try:
            scan = list_blanks(data, name=upload.filename)
        except DocgenError as exc:
            return blanks_page(message=exc.message)
        token = uuid.uuid4().hex
        path = area / f"{token}.docx"
        path.write_bytes(data)
        uploads[token] = (path, time.time())
        note = "" if scan.blanks or scan.controls else "没有找到空白。"
        return blanks_page(token=token, blanks=scan.blanks, controls=scan.controls, message=note)

    @app.post("/blanks/<token>/fill")
    def blanks_fill(token: str) -> Response | str:
        entry = uploads.pop(token, None)
        if entry is None or not entry[0].is_file():
            abort(404)
        path = entry[0]
        values = {k: v for k, v in request.form.items() if k not in ("csrf", "underline") and v.strip()}
        try:
            result = fill_document(path.read_bytes(), values, name="已填写.docx",
                                   underline=bool(request.form.get("underline")))
        except DocgenError as exc:
            return blanks_page(message="；".join(str(p) for p in exc.problems) or exc.message)
        finally:
            path.unlink(missing_ok=True)
        return send_file(io.BytesIO(result.data), as_attachment=True, download_name="已填写.docx",
                         mimetype=DOCX_TYPE)

    # ------------------------------------------------------------------ clean

    def clean_page(**values: Any) -> str:
        return page("clean.html", "清理文字", **{"text": "", "cleaned": "", "report": [],
                                               "message": "", **values})

    @app.get("/clean")
    def clean_form() -> str:
        return clean_page()

    @app.post("/clean")
    def clean_text_page() -> str:
        text = request.form.get("text", "")
        to = request.form.get("to") or None
        try:
            result = clean_source(None, text=text, to=to if to in ("hans", "hant") else None)
        except DocgenError as exc:
            return clean_page(text=text, message=exc.message)
        return clean_page(text=text, cleaned=result.text, report=result.report.named_counts(),
                          message="；".join(result.report.flagged))

    app.config["DOCGEN_AREA"] = area
    return app


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the page (the development server of Flask is enough for one office)."""
    create_app().run(host=host, port=port, debug=False, use_reloader=False, threaded=True)
