"""Logos that cannot hurt: checked by what drawing them costs, then rebuilt from scratch.

A logo is judged by its content, never by its name or declared type:

- **PNG**: the PNG signature, Pillow's verification, 16 to 2,000 pixels a side (checked
  from the header, before any pixel is decoded, so a decompression bomb is refused
  unopened). On upload it is then decoded once and re-encoded by Pillow as a plain PNG of
  at most RASTER_MAX pixels (the cover shows it at most 70 x 22 mm: 900 x 300 is over
  300 dpi there); metadata, extra chunks and animation frames are gone.
- **SVG**: parsed with defusedxml (no DTD, no entities, no external anything), then
  rebuilt element by element from an allowlist: shapes, paths, text, groups, gradients,
  clip paths and simple style sheets. Anything that draws something else again
  (`<use>`, `<pattern>`, `<marker>`, `<symbol>`, `<filter>`, `<mask>`, `<image>`, an
  `href` to another element) is refused, because a few hundred bytes of references can
  fan out into millions of drawing operations. The only references kept are
  `url(#id)` from fill, stroke and clip-path to a gradient or clip path that holds no
  references itself, so they cannot chain; each one is charged the size of what it
  draws. The element count, nesting depth, drawing cost, path data and text are capped,
  and every size, length and viewBox must be well-formed numbers. Unknown attributes and
  foreign (editor) elements are dropped; what comes out is a new, small SVG.

`clean_logo()` does all that and returns the bytes to store. Reports call it again on the
stored logo (`convert=False`: a PNG is checked, not re-encoded), so a logo stored before a
check existed is dropped from the report instead of hanging or breaking it.
"""

from __future__ import annotations

import io
import json
import math
import re
import warnings
from dataclasses import dataclass, field
from xml.etree import ElementTree

import defusedxml
import tinycss2
from defusedxml.ElementTree import fromstring as safe_fromstring
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

LOGO_MAX_BYTES = 512 * 1024
LOGO_MIN_PX = 16
LOGO_MAX_PX = 2000
RASTER_MAX = (900, 300)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

SVG_MAX_ELEMENTS = 1000
SVG_MAX_DEPTH = 32
# Elements drawn, each url(#id) reference counting as the elements it draws again (a
# gradient, drawn as a shading of its own each time, a few more). The logo is drawn again
# on every page of a report (running header), so these stay low: measured with WeasyPrint,
# a logo at any one limit adds well under a second to a typical report (docs/benchmarks.md).
SVG_MAX_DRAW_COST = 2_000
GRADIENT_REFERENCE_COST = 5
SVG_MAX_PATH_NUMBERS = 10_000
SVG_MAX_TEXT_CHARS = 2_000
SVG_MAX_CSS_RULES = 200
SVG_MAX_MAGNITUDE = 1e6

SVG_NS = "http://www.w3.org/2000/svg"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Elements that run code, embed other documents or rewrite attributes over time.
SVG_FORBIDDEN = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "handler",
    "listener",
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
    "discard",
}
# Elements that draw other elements (again), or an image inside the image.
SVG_REFERENCING = {
    "use",
    "pattern",
    "marker",
    "symbol",
    "filter",
    "mask",
    "image",
    "textpath",
    "feimage",
    "tref",
    "svg",  # nested
}
SHAPES = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}
TEXT = {"text", "tspan"}
GRADIENTS = {"linearGradient", "radialGradient"}
REFERENCEABLE = GRADIENTS | {"clipPath"}
ALLOWED_CHILDREN: dict[str, set[str]] = {
    "svg": {"g", "defs", "title", "desc", "style", *SHAPES, "text", *REFERENCEABLE},
    "g": {"g", "defs", "title", "desc", "style", *SHAPES, "text", *REFERENCEABLE},
    "defs": {"g", "style", *SHAPES, "text", *REFERENCEABLE},
    "text": {"tspan", "title", "desc"},
    "tspan": {"tspan"},
    "linearGradient": {"stop"},
    "radialGradient": {"stop"},
    "clipPath": {*SHAPES, "text", "title", "desc"},
}
ALLOWED_ELEMENTS = {"svg", "stop", "title", "desc", "style", *SHAPES, *ALLOWED_CHILDREN}
DROPPED_ELEMENTS = {"metadata"}

PAINT = {
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "stroke-dashoffset",
    "opacity",
    "color",
    "display",
    "visibility",
    "clip-path",
    "clip-rule",
    "stop-color",
    "stop-opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "font-variant",
    "font-stretch",
    "text-anchor",
    "letter-spacing",
    "word-spacing",
    "text-decoration",
    "dominant-baseline",
    "alignment-baseline",
    "baseline-shift",
}
GEOMETRY = {
    "x",
    "y",
    "width",
    "height",
    "rx",
    "ry",
    "cx",
    "cy",
    "r",
    "x1",
    "y1",
    "x2",
    "y2",
    "fx",
    "fy",
    "dx",
    "dy",
    "offset",
}
ALLOWED_ATTRIBUTES = {
    *PAINT,
    *GEOMETRY,
    "id",
    "class",
    "style",
    "transform",
    "d",
    "points",
    "viewBox",
    "preserveAspectRatio",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "clipPathUnits",
    "version",
}
# Attributes (and style properties) that may hold url(#id), and what it may point to.
REFERENCE_ATTRIBUTES = {"fill": GRADIENTS, "stroke": GRADIENTS, "clip-path": {"clipPath"}}
NON_NEGATIVE = {"width", "height", "r", "rx", "ry", "stroke-width", "font-size"}
LIST_LENGTHS = {"x", "y", "dx", "dy"}  # on text a list of positions is valid

NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
LENGTH = re.compile(rf"^\s*({NUMBER})\s*(px|pt|pc|mm|cm|in|em|ex|%)?\s*$")
SIZE = re.compile(rf"^\s*({NUMBER})\s*(px|pt|pc|mm|cm|in)?\s*$")
NUMBERS = re.compile(NUMBER)
UNIT_PX = {
    "": 1.0,
    "px": 1.0,
    "pt": 4 / 3,
    "pc": 16.0,
    "mm": 96 / 25.4,
    "cm": 96 / 2.54,
    "in": 96.0,
}
PATH_DATA = re.compile(r"^[MmZzLlHhVvCcSsQqTtAa0-9eE.,+\-\s]*$")
POINTS_DATA = re.compile(r"^[0-9eE.,+\-\s]*$")
TRANSFORM = re.compile(r"^[a-zA-Z0-9.,+\-\s()]*$")
URL = re.compile(r"url\(\s*['\"]?([^'\")]*)['\"]?\s*\)", re.IGNORECASE)
ANY_URL = re.compile(r"url\s*\(", re.IGNORECASE)
IDENT = re.compile(r"^[A-Za-z_][\w.\-]*$")
CLASS_LIST = re.compile(r"^[\w\s\-]*$")
SELECTOR = re.compile(r"^[\w\s.#,>*\-]+$")
SVG_DTD = re.compile(rb"<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)|<\?xml-stylesheet", re.IGNORECASE)
COSTLY_HINT = "Flatten the drawing in your editor (e.g. unlink clones), or upload a PNG."


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="logo")


def size_message(width: float, height: float, *, min_px: int = LOGO_MIN_PX) -> str | None:
    """Why a logo of this many pixels is refused, or None."""
    if width < min_px or height < min_px:
        return f"The logo is {width:g}×{height:g} pixels; it must be at least {min_px}×{min_px}."
    if width > LOGO_MAX_PX or height > LOGO_MAX_PX:
        return (
            f"The logo is {width:g}×{height:g} pixels; it must be at most "
            f"{LOGO_MAX_PX}×{LOGO_MAX_PX}."
        )
    return None


# --- PNG -----------------------------------------------------------------------------------


def _open_png(data: bytes, *, min_px: int) -> Image.Image:
    """The image, opened (header read, pixels not decoded) and checked; or ValidationError."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
    if image.format != "PNG":
        raise _refuse("The file is not a valid PNG image.")
    if message := size_message(*image.size, min_px=min_px):
        raise _refuse(message)
    return image


def _png(data: bytes, *, convert: bool, min_px: int = LOGO_MIN_PX) -> bytes:
    try:
        with _open_png(data, min_px=min_px) as image:
            image.verify()
        if not convert:
            return data
        with (
            warnings.catch_warnings(),
            _open_png(data, min_px=min_px) as image,
        ):
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.seek(0)
            image.load()
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            plain = image.convert("RGBA" if has_alpha else "RGB")
        plain.thumbnail(RASTER_MAX, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        plain.save(out, format="PNG", optimize=False)
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise _refuse(
            f"The logo is too large; it must be at most {LOGO_MAX_PX}×{LOGO_MAX_PX} pixels."
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _refuse("The file is not a valid PNG image (it may be damaged).") from exc
    result = out.getvalue()
    if len(result) > LOGO_MAX_BYTES:
        raise _refuse("The logo is too detailed to store; upload a simpler or smaller image.")
    return result


# --- SVG -----------------------------------------------------------------------------------


@dataclass
class _SvgState:
    elements: int = 0
    path_numbers: int = 0
    text_chars: int = 0
    ids: dict[str, str] = field(default_factory=dict)  # id -> element name
    sizes: dict[str, int] = field(default_factory=dict)  # id -> elements it draws
    references: list[tuple[str, str, str]] = field(default_factory=list)  # (where, prop, id)
    sheet_references: list[tuple[str, str, str]] = field(default_factory=list)


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _number(value: str) -> float:
    number = float(value)
    if not math.isfinite(number) or abs(number) > SVG_MAX_MAGNITUDE:
        raise ValueError(value)
    return number


def _root_size(name: str, value: str) -> float:
    match = SIZE.match(value)
    try:
        if not match:
            raise ValueError(value)
        pixels = _number(match[1]) * UNIT_PX[match[2] or ""]
        if pixels <= 0:
            raise ValueError(value)
    except ValueError:
        raise _refuse(
            f'The logo\'s {name} "{value[:40]}" is not a valid size: give a positive number of '
            f"pixels (like 240) or a length in pt, mm, cm or in, or leave it out and give "
            f"a viewBox."
        ) from None
    return pixels


def _view_box(value: str) -> tuple[float, float]:
    parts = value.replace(",", " ").split()
    try:
        if len(parts) != 4:
            raise ValueError(value)
        numbers = [_number(part) for part in parts]
        if numbers[2] <= 0 or numbers[3] <= 0:
            raise ValueError(value)
    except ValueError:
        raise _refuse(
            f'The logo\'s viewBox "{value[:60]}" is not valid: it needs four numbers '
            "(min-x, min-y, width, height) with a positive width and height."
        ) from None
    return numbers[2], numbers[3]


def _check_length(element: str, name: str, value: str) -> None:
    tokens = value.replace(",", " ").split() if name in LIST_LENGTHS else [value]
    try:
        if not tokens:
            raise ValueError(value)
        for token in tokens:
            match = LENGTH.match(token)
            if not match:
                raise ValueError(value)
            number = _number(match[1])
            if name in NON_NEGATIVE and number < 0:
                raise ValueError(value)
    except ValueError:
        raise _refuse(
            f'The <{element}> element\'s {name} "{value[:40]}" is not a valid length.'
        ) from None


def _refuse_external_url(value: str) -> None:
    """For values about to be dropped: refuse only if they point outside the file."""
    if ANY_URL.search(value) and (
        not URL.search(value) or any(not t.startswith("#") for t in URL.findall(value))
    ):
        raise _refuse("SVG logos may not refer to external files or addresses.")


def _check_url(state: _SvgState, element: str, name: str, value: str) -> None:
    """url(...) only as url(#id) from fill, stroke or clip-path, outside referenced parts."""
    for target in URL.findall(value):
        if not target.startswith("#"):
            raise _refuse("SVG logos may not refer to external files or addresses.")
        if name not in REFERENCE_ATTRIBUTES:
            raise _refuse(
                f"SVG logos may refer to a gradient or clip path only from fill, stroke or "
                f"clip-path, not from {name}."
            )
        state.references.append((element, name, target[1:]))
    if ANY_URL.search(value) and not URL.search(value):
        raise _refuse("SVG logos may not refer to external files or addresses.")


def _clean_declarations(state: _SvgState, element: str, text: str) -> str:
    """A style attribute or rule body, keeping known properties with checked values."""
    kept = []
    for item in tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True):
        if item.type != "declaration":
            continue
        name = item.lower_name
        value = tinycss2.serialize(item.value).strip()
        if name not in PAINT:
            _refuse_external_url(value)
            continue
        _check_url(state, element, name, value)
        if name in ("stroke-width", "font-size") and not URL.search(value):
            _check_length(element, name, value)
        kept.append(f"{name}:{value}{' !important' if item.important else ''}")
    return ";".join(kept)


def _clean_style_sheet(state: _SvgState, text: str) -> str:
    lowered = text.lower()
    if "@import" in lowered:
        raise _refuse("SVG logos may not load external style sheets or files.")
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    if len(rules) > SVG_MAX_CSS_RULES:
        raise _refuse(f"The logo's style sheet has more than {SVG_MAX_CSS_RULES} rules.")
    out = []
    for rule in rules:
        if rule.type == "at-rule":
            if ANY_URL.search(tinycss2.serialize([rule])):
                raise _refuse("SVG logos may not load external style sheets or files.")
            raise _refuse(
                f"SVG logos may not use @{rule.lower_at_keyword} in style sheets; "
                "plain rules like .name { fill: #123456 } are fine."
            )
        if rule.type != "qualified-rule":
            raise _refuse("The logo's style sheet does not parse.")
        selector = tinycss2.serialize(rule.prelude).strip()
        if not SELECTOR.match(selector):
            raise _refuse(
                f'The logo\'s style sheet selector "{selector[:40]}" is not allowed: use '
                "element names, .classes and #ids only."
            )
        before = len(state.references)
        body = _clean_declarations(state, "style", tinycss2.serialize(rule.content))
        state.sheet_references.extend(state.references[before:])
        del state.references[before:]
        out.append(f"{selector}{{{body}}}")
    return "\n".join(out)


def _clean_attributes(state: _SvgState, element: str, attributes: dict[str, str]) -> dict:
    clean: dict[str, str] = {}
    for raw_name, value in attributes.items():
        namespace, name = _split(raw_name)
        if name.lower().startswith("on"):
            raise _refuse("SVG logos may not contain event handlers such as onload.")
        if name == "href":
            if value.strip().startswith("#"):
                raise _refuse(
                    f'SVG logos may not reuse other elements (href="{value[:40]}"): every '
                    f"reference can multiply the cost of drawing. {COSTLY_HINT}"
                )
            raise _refuse("SVG logos may not refer to external files or addresses (href).")
        if namespace == XML_NS and name == "space":
            clean[raw_name] = value if value in ("default", "preserve") else "default"
            continue
        if namespace or name not in ALLOWED_ATTRIBUTES:
            _refuse_external_url(value)
            continue
        if name == "style":
            value = _clean_declarations(state, element, value)
        elif name == "id":
            if not IDENT.match(value):
                continue
        elif name == "class":
            if not CLASS_LIST.match(value):
                continue
        elif name in ("d", "points"):
            pattern = PATH_DATA if name == "d" else POINTS_DATA
            if not pattern.match(value):
                raise _refuse(f"The <{element}> element's {name} is not valid drawing data.")
            state.path_numbers += len(NUMBERS.findall(value))
            if state.path_numbers > SVG_MAX_PATH_NUMBERS:
                raise _refuse(
                    f"The logo's paths have more than {SVG_MAX_PATH_NUMBERS:,} points; "
                    f"simplify it or upload a PNG."
                )
        elif name in ("transform", "gradientTransform"):
            if not TRANSFORM.match(value):
                raise _refuse(f'The <{element}> element\'s {name} "{value[:40]}" is not valid.')
        elif name == "viewBox":
            _view_box(value)
        else:
            _check_url(state, element, name, value)
            if name in GEOMETRY or (name in ("stroke-width", "font-size")):
                if element != "svg" or name not in ("width", "height", "x", "y"):
                    _check_length(element, name, value)
        clean[name] = value
    return clean


def _walk(
    state: _SvgState,
    source: ElementTree.Element,
    target: ElementTree.Element,
    *,
    name: str,
    depth: int,
) -> int:
    """Copy `source`'s allowed children into `target`; return the elements drawn."""
    drawn = 1
    keeps_text = name in TEXT or name in ("title", "desc")
    for child in source:
        if not isinstance(child.tag, str):  # comments, processing instructions
            continue
        namespace, local = _split(child.tag)
        if namespace != SVG_NS or local in DROPPED_ELEMENTS:
            continue
        state.elements += 1
        if state.elements > SVG_MAX_ELEMENTS:
            raise _refuse(
                f"The SVG logo has more than {SVG_MAX_ELEMENTS:,} elements; simplify it or "
                "upload a PNG."
            )
        if depth + 1 > SVG_MAX_DEPTH:
            raise _refuse(
                f"The SVG logo nests elements more than {SVG_MAX_DEPTH} levels deep; "
                "flatten its groups or upload a PNG."
            )
        lowered = local.lower()
        if lowered in SVG_FORBIDDEN:
            raise _refuse(
                f"SVG logos may not contain <{lowered}> elements (scripts, embedded documents "
                "or animations)."
            )
        for attribute, value in child.attrib.items():
            if _split(attribute)[1] == "href" and not value.strip().startswith("#"):
                raise _refuse("SVG logos may not refer to external files or addresses (href).")
        if lowered in ("image", "feimage"):
            raise _refuse(
                f"SVG logos may not contain <{local}> elements (a picture inside the "
                "picture); upload a PNG instead."
            )
        if lowered in SVG_REFERENCING:
            raise _refuse(
                f"SVG logos may not contain <{local}> elements: they draw other parts of the "
                f"drawing again, which can make it very slow to draw. {COSTLY_HINT}"
            )
        if local not in ALLOWED_ELEMENTS:
            raise _refuse(
                f"SVG logos may not contain <{local}> elements; shapes, paths, text, groups, "
                "gradients and clip paths are allowed."
            )
        if local not in ALLOWED_CHILDREN.get(name, set()):
            raise _refuse(f"SVG logos may not put a <{local}> inside a <{name}>.")
        attributes = _clean_attributes(state, local, dict(child.attrib))
        copy = ElementTree.SubElement(target, local, attributes)
        if local == "style":
            copy.text = _clean_style_sheet(state, child.text or "")
        elif local in TEXT or local in ("title", "desc"):
            copy.text = child.text
            state.text_chars += len(child.text or "")
        if local in REFERENCEABLE:
            before = len(state.references)
            size = _walk(state, child, copy, name=local, depth=depth + 1)
            if len(state.references) > before:
                raise _refuse(f"A <{local}> in an SVG logo may not refer to other elements itself.")
            if attributes.get("id"):
                state.ids[attributes["id"]] = local
                state.sizes[attributes["id"]] = size
        else:
            drawn += _walk(state, child, copy, name=local, depth=depth + 1)
        if keeps_text and child.tail:
            copy.tail = child.tail
            state.text_chars += len(child.tail)
        if state.text_chars > SVG_MAX_TEXT_CHARS:
            raise _refuse(
                f"The SVG logo holds more than {SVG_MAX_TEXT_CHARS:,} characters of text."
            )
    return drawn


def _target_size(state: _SvgState, prop: str, ref: str) -> int:
    kind = state.ids.get(ref)
    if kind is None:
        raise _refuse(f'The SVG logo refers to "#{ref}", which it does not define.')
    if kind not in REFERENCE_ATTRIBUTES[prop]:
        raise _refuse(f"In an SVG logo, {prop} may not refer to a <{kind}> (#{ref}).")
    return state.sizes[ref] + (GRADIENT_REFERENCE_COST if kind in GRADIENTS else 0)


def _draw_cost(state: _SvgState, drawn: int) -> int:
    """Elements drawn, plus what each reference draws again (a style rule's reference is
    charged once per element, as it may apply to every one)."""
    cost = drawn
    for _element, prop, ref in state.references:
        cost += _target_size(state, prop, ref)
    for _element, prop, ref in state.sheet_references:
        cost += _target_size(state, prop, ref) * state.elements
    return cost


def _svg(data: bytes) -> bytes:
    if SVG_DTD.search(data):
        raise _refuse(
            "SVG logos may not contain a DOCTYPE, entity declarations or style sheet links."
        )
    try:
        source = safe_fromstring(data, forbid_dtd=True, forbid_entities=True)
    except defusedxml.DefusedXmlException as exc:
        raise _refuse(
            "SVG logos may not contain a DOCTYPE, entity declarations or external references."
        ) from exc
    except (ElementTree.ParseError, ValueError) as exc:
        raise _refuse("The file is not a valid SVG image (it does not parse).") from exc
    if source.tag != f"{{{SVG_NS}}}svg":
        raise _refuse("The file is not an SVG image (its root is not <svg>).")
    state = _SvgState(elements=1)
    attributes = _clean_attributes(state, "svg", dict(source.attrib))
    width = _root_size("width", attributes["width"]) if "width" in attributes else None
    height = _root_size("height", attributes["height"]) if "height" in attributes else None
    box = _view_box(attributes["viewBox"]) if "viewBox" in attributes else None
    if width is None or height is None:
        if box is None:
            raise _refuse("The SVG logo needs a viewBox, or a width and a height in pixels.")
        width = width if width is not None else box[0] * (height or box[1]) / box[1]
        height = height if height is not None else box[1] * width / box[0]
    if message := size_message(width, height):
        raise _refuse(message)
    root = ElementTree.Element("svg", {"xmlns": SVG_NS, **attributes})
    drawn = _walk(state, source, root, name="svg", depth=1)
    cost = _draw_cost(state, drawn)
    if cost > SVG_MAX_DRAW_COST:
        raise _refuse(
            f"The SVG logo would take {cost:,} drawing steps (at most {SVG_MAX_DRAW_COST:,} "
            f"are allowed): its gradients or clip paths are used too often. {COSTLY_HINT}"
        )
    return ElementTree.tostring(root, encoding="unicode").encode("utf-8")


# --- Both ----------------------------------------------------------------------------------


def _kind(data: bytes) -> str:
    if not data:
        raise _refuse("The file is empty.")
    if len(data) > LOGO_MAX_BYTES:
        raise _refuse(
            f"The logo is {len(data) // 1024} KB; it must be at most {LOGO_MAX_BYTES // 1024} KB."
        )
    if data.startswith(PNG_SIGNATURE):
        return "image/png"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")):
        return "image/svg+xml"
    raise _refuse("The logo must be a PNG or SVG image.")


def clean_logo(data: bytes, *, convert: bool = True) -> tuple[bytes, str]:
    """Check a logo and return (bytes to use, content type), or raise ValidationError.

    An SVG always comes back rebuilt from the allowlist. A PNG is re-encoded within
    RASTER_MAX when `convert` is true (on upload) and only checked otherwise (at render
    time, where stored logos were already converted or are at most 2,000 pixels a side).
    """
    content_type = _kind(data)
    if content_type == "image/png":
        if convert:
            return _png(data, convert=True), content_type
        return _png(data, convert=False, min_px=1), content_type
    return _svg(data), content_type


def clean_logo_packed(data: bytes) -> bytes:
    """`clean_logo` as bytes, for a render process: the type, a newline and the logo; or
    "!" and the messages as JSON when it is refused."""
    try:
        logo, content_type = clean_logo(data)
    except ValidationError as exc:
        return b"!" + json.dumps(exc.messages).encode()
    return content_type.encode() + b"\n" + logo


def unpack_clean_logo(packed: bytes) -> tuple[bytes, str]:
    """The other half of `clean_logo_packed`: (logo, content type) or ValidationError."""
    if packed.startswith(b"!"):
        raise ValidationError(json.loads(packed[1:]))
    content_type, _, logo = packed.partition(b"\n")
    return logo, content_type.decode()
