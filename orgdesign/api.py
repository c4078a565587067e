"""The JSON API: `POST /api/v1/recommendation` (see shared contract).

It stores nothing and changes no state, so it needs no login and is exempt from CSRF.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from orgdesign.rules import AnswersError, recommend_json

# Real answers are a few hundred bytes; anything far larger is refused unread.
MAX_BODY_BYTES = 16 * 1024


def _errors(status: int, key: str, message: str) -> JsonResponse:
    return JsonResponse({"errors": {key: [message]}}, status=status)


@csrf_exempt
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
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        detail = (
            f" ({exc.msg} at line {exc.lineno} column {exc.colno})"
            if isinstance(exc, json.JSONDecodeError)
            else ""
        )
        return _errors(400, "body", f"The body is not valid UTF-8 JSON{detail}.")
    try:
        body = recommend_json(data)
    except AnswersError as exc:
        return JsonResponse({"errors": exc.errors}, status=400)
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response
