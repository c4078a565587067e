"""Hostile values and request bodies for the fuzz test, and the tally of what it sent.

Each strategy is tagged with its kind; `SENT` counts the requests by the kind of body and
of value they carried, by method and by role, and `tests/conftest.py` prints it at the end
of the run and writes it to test-artifacts/fuzz-summary.json.
"""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urlencode

from hypothesis import strategies as st

# Never allowed to appear as-is in a response: every HTML payload carries it.
MARKER = "<script>x1</script>"

SENT: Counter[str] = Counter()

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
OTHER_DIGITS = "٣３²߃๓۷१᠓𝟙"

# Field and parameter names the app's forms and views read; hostile values go into them.
FORM_FIELDS = [
    "name", "new_client", "client", "industry", "notes", "firm_name", "accent_colour",
    "expires_on", "username", "password", "password1", "password2", "email",
    "old_password", "new_password1", "new_password2", "what_if", "nav", "return_to",
    "action", "stage", "product_focus", "product_lines", "regulated", "internal_app_dev",
    "internal_it", "single_leader", "current_leadership", "next", "s",
    # The client's review on a share link, and the member's reply.
    "comment-version", "comment-about", "comment-author_name", "comment-text",
    "signoff-version", "signoff-name", "signoff-role", "signoff-confirm", "text",
    "our_view", "title_cio", "reports_to_cio", "reason_cio", "title_cto", "reports_to_cto",
    "reason_cto", "title_combined", "reports_to_combined", "reason_combined",
]  # fmt: skip
QUERY_PARAMS = ["q", "page", "s", "what_if", "return_to", "next", "step", "token"]

_values = {
    "huge": st.builds(
        lambda char, n: char * n, st.characters(codec="utf-8"), st.integers(2_000, 20_000)
    ),
    "control": st.text(
        alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp"]) | st.sampled_from(BIDI),
        min_size=1,
        max_size=30,
    ),
    "other-digits": st.text(alphabet=st.sampled_from(OTHER_DIGITS), min_size=1, max_size=20)
    | st.integers(19, 6_000).map(lambda n: "9" * n),
    "html": st.builds(
        lambda before, after: before + MARKER + after,
        st.sampled_from(["", '">', "'>", "</textarea>", "<!--", "javascript:", "{{", "{%"]),
        st.sampled_from(["", "<img src=x onerror=alert(1)>", "-->", "}}"]),
    ),
    "sql": st.sampled_from(
        [
            "' OR '1'='1",
            '" OR 1=1 --',
            "1; DROP TABLE orgdesign_client; --",
            "%' UNION SELECT username, password FROM auth_user --",
            "1) OR (1=1",
            "\\'; SELECT pg_sleep(5); --",
        ]
    ),
    "wrong-type": st.sampled_from(
        ["", " ", "true", "null", "[]", "{}", "-1", "0", "1e999", "NaN", "0x10", "1.5", "on"]
    ),
    "unicode": st.text(min_size=1, max_size=200),
}
VALUE_KINDS = list(_values)


def value() -> st.SearchStrategy[tuple[str, str]]:
    """(kind, a hostile text)."""
    return st.one_of(*(s.map(lambda v, k=k: (k, v)) for k, s in _values.items()))


def _form(fields: dict[str, str | list[str]]) -> bytes:
    return urlencode(fields, doseq=True).encode()


def _deep_json(depth: int) -> bytes:
    return ("[" * depth + "]" * depth).encode()


@st.composite
def body(draw) -> tuple[str, str, bytes]:
    """(kind, content type, body) of a hostile request body."""
    kind = draw(
        st.sampled_from(
            ["form", "form-multi", "multipart", "json", "deep-json", "bad-charset", "bad-utf8",
             "empty"]
        )
    )  # fmt: skip
    names = draw(st.lists(st.sampled_from(FORM_FIELDS), min_size=1, max_size=6, unique=True))
    drawn = {name: draw(value()) for name in names}
    texts = {name: text for name, (_, text) in drawn.items()}
    for value_kind, _ in drawn.values():
        SENT[f"value {value_kind}"] += 1
    if kind == "form":
        return kind, "application/x-www-form-urlencoded", _form(texts)
    if kind == "form-multi":  # every field sent several times, as lists
        return (
            kind,
            "application/x-www-form-urlencoded",
            _form({name: [text, text[:3], ""] for name, text in texts.items()}),
        )
    if kind == "multipart":
        parts = [
            f'--XX\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{text}\r\n'
            for name, text in texts.items()
        ]
        logo = draw(st.binary(max_size=300))
        parts.append(
            '--XX\r\nContent-Disposition: form-data; name="logo"; filename="l.svg"\r\n'
            "Content-Type: image/svg+xml\r\n\r\n"
        )
        data = "".join(parts).encode("utf-8", "surrogatepass") + logo + b"\r\n--XX--\r\n"
        return kind, "multipart/form-data; boundary=XX", data
    if kind == "json":
        shaped = draw(
            st.dictionaries(
                st.sampled_from(FORM_FIELDS),
                st.one_of(
                    st.just(draw(value())[1]),
                    st.integers(-(10**30), 10**30),
                    st.floats(allow_nan=True),
                    st.booleans(),
                    st.none(),
                    st.lists(st.integers(), max_size=3),
                ),
                max_size=6,
            )
        )
        return kind, "application/json", json.dumps(shaped).encode()
    if kind == "deep-json":
        return kind, "application/json", _deep_json(draw(st.integers(50, 3_000)))
    if kind == "bad-charset":
        charset = draw(st.sampled_from(["utf-16", "utf-32", "latin-1", "no-such-charset"]))
        encoding = charset if charset != "no-such-charset" else "utf-8"
        text = urlencode(texts)
        return (
            kind,
            f"application/x-www-form-urlencoded; charset={charset}",
            text.encode(encoding, "replace"),
        )
    if kind == "bad-utf8":
        return kind, "application/x-www-form-urlencoded", b"name=\xff\xfe\xc0%ff&" + _form(texts)
    return kind, "application/x-www-form-urlencoded", b""
