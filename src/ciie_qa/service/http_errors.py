"""Error responses in one JSON shape (OpenAI's) and the handlers that map exceptions to them."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ciie_qa.errors import UnknownDocumentError, UserInputError
from ciie_qa.service.security import SECURITY_HEADERS

_log = logging.getLogger(__name__)


class ApiError(Exception):
    """An HTTP error the service raises on purpose, with its status and OpenAI error fields."""

    def __init__(
        self, status: int, message: str, *, code: str | None = None, param: str | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.param = param


def error_response(
    status: int, message: str, *, code: str | None = None, param: str | None = None
) -> JSONResponse:
    """``{"error": {"message", "type", "param", "code"}}`` with the given status."""
    kind = "server_error" if status >= 500 else "invalid_request_error"
    body = {"error": {"message": message, "type": kind, "param": param, "code": code}}
    return JSONResponse(body, status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    """Map every exception to a JSON error; expected bad input never becomes a 5xx."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(UnknownDocumentError, _unknown_document)
    app.add_exception_handler(UserInputError, _user_input)
    app.add_exception_handler(HTTPException, _http_exception)
    app.add_exception_handler(Exception, _unexpected)


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, code=exc.code, param=exc.param)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first_loc = errors[0].get("loc", ()) if errors else ()
    param = ".".join(str(p) for p in first_loc[1:]) or None
    message = "; ".join(_describe(error) for error in errors) or "the request is invalid"
    return error_response(422, message, code="invalid_request", param=param)


def _describe(error: object) -> str:
    if not isinstance(error, dict):
        return str(error)
    if error.get("type") == "json_invalid":
        return "the request body is not valid JSON"
    where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "body"
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    if error.get("type") == "extra_forbidden":
        message = "unknown field; remove it"
    return f"{where}: {message}"


async def _unknown_document(_: Request, exc: Exception) -> JSONResponse:
    return error_response(404, str(exc), code="unknown_document")


async def _user_input(_: Request, exc: Exception) -> JSONResponse:
    return error_response(400, str(exc), code="invalid_request")


async def _http_exception(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    response = error_response(exc.status_code, message)
    response.headers.update(exc.headers or {})
    return response


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Runs outside the middleware stack, so the security headers are added here too.
    _log.error("unexpected failure on %s %s", request.method, request.url.path, exc_info=exc)
    response = error_response(500, "the service failed unexpectedly; see the server log")
    response.headers.update(SECURITY_HEADERS)
    return response
