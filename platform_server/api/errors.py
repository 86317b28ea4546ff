"""The API's error answers: `{"error": {"code", "message", ...}}` with a sentence for people.

`ApiError` (platform_server.errors) raised anywhere becomes this shape; so do FastAPI's
validation errors (with the field named in Chinese) and any unexpected exception (500,
logged with its traceback).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from platform_server.errors import ApiError

log = logging.getLogger(__name__)


def error_response(err: ApiError) -> JSONResponse:
    return JSONResponse(err.body(), status_code=err.status, headers=err.headers)


_FIELD_NAMES = {
    "badge": "警号",
    "password": "密码",
    "title": "标题",
    "body": "正文",
    "board": "板块",
    "score": "评分",
    "comment": "评价",
    "reason": "理由",
    "resolution": "办结说明",
    "unit_id": "单位",
    "location": "位置",
    "lat": "纬度",
    "lon": "经度",
    "nickname": "昵称",
    "phone": "手机号",
    "mentions": "@提及",
    "workstation": "工作站名称",
    "on_duty": "在岗状态",
    "suppress_receipt": "不接收回执",
    "accuracy_m": "定位精度",
    "address": "地址",
    "unit": "单位",
    "officer_id": "民警编号",
    "limit": "每页条数",
    "after": "事件序号",
    "channel": "来源渠道",
    "citizen": "群众信息",
    "name": "姓名",
    "category": "公告类别",
    "publish_at": "发布时间",
    "pinned": "置顶",
    "outcome": "回访结果",
    "note": "回访记录",
    "status": "状态",
}

# What each strict type error asks for, after the field's name.
_TYPE_WANTED = {
    "int_type": "必须是整数（不能是小数、文字或 true/false）",
    "int_parsing": "必须是整数",
    "float_type": "必须是数字（不能是文字）",
    "float_parsing": "必须是数字",
    "bool_type": "必须是 true 或 false",
    "bool_parsing": "必须是 true 或 false",
    "string_type": "必须是文字",
    "list_type": "必须是列表",
    "model_type": "必须是一个对象",
    "dict_type": "必须是一个对象",
    "string_surrogate": "里含有无效的字符编码（孤立的代理字符），请重新输入",
    "string_nul": "里含有无法保存的空字符（NUL），请删除后重试",
    "string_unicode": "里含有无效的字符编码，请重新输入",
}


def _describe_validation(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "请求内容不正确。"
    first = errors[0]
    loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path")]
    field = next((_FIELD_NAMES[p] for p in reversed(loc) if p in _FIELD_NAMES), None)
    kind = first.get("type", "")
    where = f"“{field}”" if field else (f"字段 {'.'.join(loc)}" if loc else "请求体")
    if kind in ("missing",):
        return f"缺少{where}。"
    if kind in ("string_too_short",):
        return f"{where}不能为空。"
    if kind in ("string_too_long", "too_long"):
        return f"{where}太长了。"
    if kind == "extra_forbidden":
        return f"不认识的字段 {'.'.join(loc)}。"
    if kind == "json_invalid":
        return "请求体不是有效的 JSON（或不是 UTF-8 编码）。"
    if kind.startswith(("greater", "less")):
        return f"{where}超出允许范围。"
    if kind in _TYPE_WANTED:
        return f"{where}{_TYPE_WANTED[kind]}。"
    if kind == "literal_error":
        expected = str(first.get("ctx", {}).get("expected", ""))
        return f"{where}只能是以下取值之一：{expected}。" if expected else f"{where}取值不正确。"
    return f"{where}格式不正确。"


def _impossible_path_id(exc: RequestValidationError) -> bool:
    """A path id that is a number but out of any id's range (0, -1, 2**64): no such thing."""
    errors = exc.errors()
    return bool(errors) and all(
        tuple(e.get("loc", ()))[:1] == ("path",)
        and str(e.get("type", "")).startswith(("greater", "less"))
        for e in errors
    )


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(_req: Request, exc: RequestValidationError) -> JSONResponse:
        if _impossible_path_id(exc):
            return JSONResponse(
                {"error": {"code": "not_found", "message": "没有找到：编号不存在。"}},
                status_code=404,
            )
        detail = [
            {"loc": [str(p) for p in e.get("loc", ())], "type": e.get("type", "")}
            for e in exc.errors()
        ]
        body = {
            "error": {
                "code": "invalid_request",
                "message": _describe_validation(exc),
                "details": detail,
            }
        }
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {
            404: "没有这个地址。",
            405: "这个地址不支持该请求方法。",
            413: "请求内容太大。",
        }
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
            exc.status_code, "http_error"
        )
        msg = messages.get(exc.status_code, str(exc.detail))
        return JSONResponse(
            {"error": {"code": code, "message": msg}},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(DataError)
    async def _unstorable(req: Request, exc: DataError) -> JSONResponse:
        # A value the database cannot hold or compare (a number past its column, text
        # it cannot store) that no check caught: the request's fault, but a check is
        # missing, so it is logged for the developers.
        log.warning(
            "value the database refused: %s (%s %s?%s)",
            exc.orig,
            req.method,
            req.url.path,
            req.url.query,
        )
        return JSONResponse(
            {
                "error": {
                    "code": "unstorable_value",
                    "message": "请求里有数据库无法保存的值（例如过大的数字或空字符），"
                    "请检查后重试。",
                }
            },
            status_code=422,
        )

    @app.exception_handler(Exception)
    async def _unexpected(_req: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        # The server closes the connection after an unhandled error; saying so lets
        # the client open a new one for its next request instead of failing on this one.
        return JSONResponse(
            {"error": {"code": "internal", "message": "平台内部错误，已记录，请稍后重试。"}},
            status_code=500,
            headers={"Connection": "close"},
        )
