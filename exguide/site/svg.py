"""SVG made safe to publish: parsed as XML with no DOCTYPE (so no entities, nothing fetched), then
only drawing elements and presentation attributes kept.

What could run or reach out is refused with a message naming it and its line (scripts, event
handlers, foreignObject, links, javascript: or external URLs, <style> with url() or @import);
what is merely foreign (editor metadata, unknown attributes, comments) is dropped. An SVG with
nothing dropped is published byte for byte as it is.
"""
from __future__ import annotations

import re
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SEP = "\x01"  # expat's separator between a name's namespace and its local part

DRAWING = frozenset("""svg g defs symbol use title desc path rect circle ellipse line polyline polygon text tspan
textPath linearGradient radialGradient stop pattern clipPath mask marker filter feBlend feColorMatrix
feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight feDropShadow
feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight
feSpecularLighting feSpotLight feTile feTurbulence style switch view""".split())
DROPPED = frozenset({"metadata"})  # harmless, not drawing: left out
ATTRIBUTES = frozenset("""id class style lang tabindex role aria-label aria-labelledby aria-describedby aria-hidden
viewBox preserveAspectRatio width height x y x1 y1 x2 y2 cx cy r rx ry d points transform pathLength
fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin stroke-miterlimit stroke-dasharray
stroke-dashoffset stroke-opacity opacity color display visibility overflow clip-path clip-rule mask filter
marker-start marker-mid marker-end markerWidth markerHeight markerUnits refX refY orient
font-family font-size font-style font-weight font-variant letter-spacing word-spacing text-anchor
dominant-baseline alignment-baseline baseline-shift text-decoration writing-mode dx dy rotate textLength
lengthAdjust startOffset gradientUnits gradientTransform spreadMode fx fy fr offset stop-color stop-opacity
patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
filterUnits primitiveUnits in in2 result stdDeviation mode type values operator k1 k2 k3 k4 order kernelMatrix
divisor bias targetX targetY edgeMode kernelUnitLength preserveAlpha surfaceScale diffuseConstant
specularConstant specularExponent lighting-color flood-color flood-opacity azimuth elevation pointsAtX pointsAtY
pointsAtZ limitingConeAngle scale xChannelSelector yChannelSelector radius baseFrequency numOctaves seed
stitchTiles tableValues slope intercept amplitude exponent color-interpolation color-interpolation-filters
shape-rendering text-rendering image-rendering paint-order vector-effect mix-blend-mode isolation
requiredFeatures requiredExtensions systemLanguage href version baseProfile zoomAndPan""".split())
REFUSED = {"script": "a <script>", "foreignObject": "a <foreignObject>",
           "a": "a link (<a>)", "image": "an <image>", "iframe": "an <iframe>",
           "object": "an <object>", "embed": "an <embed>", "set": "an animation (<set>)",
           "animate": "an animation (<animate>)", "animateMotion": "an animation (<animateMotion>)",
           "animateTransform": "an animation (<animateTransform>)", "discard": "a <discard>",
           "handler": "a <handler>", "listener": "a <listener>", "cursor": "a <cursor>",
           "font-face-uri": "a font from another file", "audio": "an <audio>", "video": "a <video>"}
WHY = {"foreignObject": "it can hold HTML", "image": "it loads another file", "cursor": "it loads another file",
       "a": "a drawing cannot link elsewhere"}
_URL = re.compile(r"url\s*\(\s*(['\"]?)\s*(?!#)", re.IGNORECASE)
_DANGER = re.compile(r"javascript\s*:|vbscript\s*:|data\s*:\s*text/html|@import|expression\s*\(|behavior\s*:|"
                     r"-moz-binding", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")
FIX = "remove it, or export the drawing again as plain SVG"


class _Refused(Exception):
    pass


class _Node:
    __slots__ = ("tag", "attrs", "children", "text")

    def __init__(self, tag: str, attrs: list):
        self.tag, self.attrs, self.children, self.text = tag, attrs, [], []


def clean_svg(data: bytes) -> tuple[bytes, tuple[int, int]] | str:
    """(the bytes to publish, (width, height)), or why the file is refused.

    The bytes are ``data`` itself (the same object) when nothing had to be dropped.
    """
    parser = expat.ParserCreate(namespace_separator=SEP)
    root: list[_Node] = []
    stack: list[_Node] = []
    dropped = [0]  # depth inside a dropped element, and whether anything was dropped at all
    state = {"changed": False}

    def where() -> str:
        return f"line {parser.CurrentLineNumber}"

    def refuse(what: str, why: str = "") -> None:
        raise _Refused(f"{what} ({where()}) is not allowed{'; ' + why if why else ''}; {FIX}")

    def doctype(*_args) -> None:
        raise _Refused(f"it has a DOCTYPE ({where()}), which can define entities or fetch files; {FIX}")

    def start(name: str, attributes: dict) -> None:
        namespace, _, local = name.rpartition(SEP)
        if dropped[0]:
            dropped[0] += 1
            if namespace in (SVG_NS, XHTML_NS) and local in REFUSED:
                refuse(REFUSED[local], WHY.get(local, ""))
            return
        if namespace == XHTML_NS or (namespace == SVG_NS and local in REFUSED):
            refuse(REFUSED.get(local, f"an HTML element <{local}>"), WHY.get(local, ""))
        if namespace != SVG_NS or local not in DRAWING:
            if namespace == SVG_NS and local not in DROPPED:
                refuse(f"the element <{local}>")
            dropped[0] = 1
            state["changed"] = True
            return
        if not stack and local != "svg":
            refuse(f"a file whose root is <{local}>, not <svg>,")
        node = _Node(local, _attributes(attributes, refuse, state))
        if local == "style":
            node.attrs = []
        (stack[-1].children if stack else root).append(node)
        stack.append(node)

    def end(name: str) -> None:
        if dropped[0]:
            dropped[0] -= 1
            return
        node = stack.pop()
        if node.tag == "style":
            css = "".join(t for t in node.text if isinstance(t, str))
            if _URL.search(css) or _DANGER.search(css):
                refuse("a <style> with url(), @import or script", "style with plain properties only")

    def text(value: str) -> None:
        if stack and not dropped[0]:
            stack[-1].children.append(value)
            if stack[-1].tag == "style":
                stack[-1].text.append(value)

    def instruction(target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            refuse("a stylesheet from another file (<?xml-stylesheet?>)")
        state["changed"] = True

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.ProcessingInstructionHandler = instruction
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        return str(exc)
    except expat.ExpatError as exc:
        return (f"it is not well-formed XML ({expat.errors.messages[exc.code]}, line {exc.lineno}); "
                "export it again as plain SVG")
    if not root:
        return f"it has no <svg> element; {FIX}"
    size = _size(root[0])
    if size is None:
        return "its size is unknown; give the <svg> a viewBox, or a width and height in px"
    if not state["changed"]:
        return data, size
    return _serialise(root[0]), size


def _attributes(attributes: dict, refuse, state: dict) -> list[tuple[str, str]]:
    """The attributes kept, in order; anything that could run or fetch is refused."""
    kept = []
    for name, value in attributes.items():
        namespace, _, local = name.rpartition(SEP)
        if local.lower().startswith("on"):
            refuse(f"an event handler '{local}'")
        if _DANGER.search(value) or (_URL.search(value)):
            refuse(f"'{local}=\"{value[:40]}\"'", "it runs a script or loads a file from elsewhere")
        if local == "href" and namespace in ("", XLINK_NS):
            if not value.strip().startswith("#"):
                refuse(f"a link to '{value[:60]}'", "only '#id' references inside the drawing are")
            kept.append(("href", value))
            continue
        if namespace == XML_NS and local in ("space", "lang"):
            kept.append((f"xml:{local}", value))
        elif namespace == "" and (local in ATTRIBUTES or local.startswith("aria-")):
            kept.append((local, value))
        else:
            state["changed"] = True
    return kept


def _size(svg: _Node) -> tuple[int, int] | None:
    """The drawing's intrinsic size: width and height in px, else the viewBox's."""
    attrs = dict(svg.attrs)
    width, height = (_NUMBER.match(attrs.get(k, "")) for k in ("width", "height"))
    if width and height:
        return max(1, round(float(width.group(1)))), max(1, round(float(height.group(1))))
    box = attrs.get("viewBox", "").replace(",", " ").split()
    try:
        w, h = float(box[2]), float(box[3])
    except (IndexError, ValueError):
        return None
    return (max(1, round(w)), max(1, round(h))) if w > 0 and h > 0 else None


def _escape(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def _serialise(root: _Node) -> bytes:
    """The kept tree as SVG, every element in the SVG namespace."""
    out: list[str] = []

    def write(node: _Node, top: bool) -> None:
        attrs = ([("xmlns", SVG_NS)] if top else []) + node.attrs
        out.append(f"<{node.tag}" + "".join(f' {k}="{_escape(v, True)}"' for k, v in attrs))
        if not node.children:
            out.append("/>")
            return
        out.append(">")
        for child in node.children:
            if isinstance(child, str):
                out.append(_escape(child))
            else:
                write(child, False)
        out.append(f"</{node.tag}>")

    write(root, True)
    return ("".join(out) + "\n").encode("utf-8")
