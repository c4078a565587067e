"""The JSON API: `POST /api/v1/recommendation` (see shared contract).

It stores nothing and changes no state, so it needs no login and is exempt from CSRF.
"""

from __future__ import annotations

import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from orgdesign.ratelimit import rate_limit
from orgdesign.rules import AnswersError, recommend_json

# Real answers are a few hundred bytes; anything far larger is refused unread.
MAX_BODY_BYTES = 16 * 1024
# Real answers are one flat object of small numbers. The parser is bounded to match:
# deeper nesting would exhaust Python's recursion, and integers with thousands of digits
# would exceed its limit on converting text to int.
MAX_JSON_DEPTH = 16
MAX_INT_DIGITS = 20
# A string (skipped whole, escapes included; an unterminated one runs to the end, so the
# scan stays linear) or a bracket that opens or closes a level.
_JSON_NESTING = re.compile(r'"(?:[^"\\]|\\.)*+"?|[\[\]{}]')


class BodyError(ValueError):
    """The body cannot be read as the API's JSON; the message says why."""


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise BodyError(f"A number in the body has more than {MAX_INT_DIGITS} digits.")
    return int(text)


def parse_json_body(body: bytes) -> object:
    """The body as JSON, within MAX_JSON_DEPTH levels and MAX_INT_DIGITS digits per integer;
    BodyError otherwise. The depth is measured before parsing, so the parser never recurses
    deeper than that."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BodyError("The body is not valid UTF-8 JSON.") from None
    depth = 0
    for token in _JSON_NESTING.finditer(text):
        bracket = token[0]
        if bracket in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise BodyError(f"The JSON is nested more than {MAX_JSON_DEPTH} levels deep.")
        elif bracket in "]}":
            depth -= 1
    try:
        return json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise BodyError(
            f"The body is not valid UTF-8 JSON ({exc.msg} at line {exc.lineno} column {exc.colno})."
        ) from None


class HtmlSafeJSONEncoder(DjangoJSONEncoder):
    """JSON with <, > and & written as \\u escapes: error messages quote the values they
    refuse, and a quoted value must not read as markup to anything that sniffs the body."""

    def encode(self, o) -> str:
        return super().encode(o).translate(_HTML_SAFE)


_HTML_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def error_response(errors: dict[str, list[str]], *, status: int) -> JsonResponse:
    """The API's error body: `{"errors": {key: [message, ...]}}`."""
    return JsonResponse({"errors": errors}, status=status, encoder=HtmlSafeJSONEncoder)


def _errors(status: int, key: str, message: str) -> JsonResponse:
    return error_response({key: [message]}, status=status)


@csrf_exempt
@rate_limit("api", json=True)
def recommendation(request: HttpRequest) -> HttpResponse:
    """Answers as a JSON object in, the recommendation as JSON out."""
    if request.method != "POST":
        response = _errors(405, "method", "Use POST with the answers as a JSON object.")
        response["Allow"] = "POST"
        return response
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY_BYTES or len(request.body) > MAX_BODY_BYTES:
        return _errors(413, "body", f"The body is larger than {MAX_BODY_BYTES} bytes.")
    try:
        data = parse_json_body(request.body)
    except BodyError as exc:
        return _errors(400, "body", str(exc))
    try:
        body = recommend_json(data)
    except AnswersError as exc:
        return error_response(exc.errors, status=400)
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response
