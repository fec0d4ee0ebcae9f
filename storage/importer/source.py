"""Reading a network file: where it comes from, how large it may be, and a careful YAML loader."""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from storage.importer.errors import ImportFailed

MAX_BYTES = 20 * 1024 * 1024

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when available
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_KEY_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "null", "bool", "int", "float"))


class _Loader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader without the YAML 1.1 traps that bite a network file.

    `0301` (Oslo's kommunenummer) stays the text "0301" instead of the octal number 193, `10:00` stays
    text instead of the sexagesimal 600, `no`/`yes`/`on`/`off` stay text (only true/false are booleans),
    a mapping that repeats a key is an error instead of silently keeping the last value, and dates and
    times stay text so that `values.py` reads them and can name the field of an impossible one
    (`2018-02-30`) instead of the YAML library failing on it.
    """

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f'the key "{key_node.value}" appears twice in one mapping', key_node.start_mark
                    )
                seen.add(key_node.value)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping

    def construct_document(self, node: Node) -> Any:
        """The document's data, by `_plain` when it is plain (nearly always), else by PyYAML's constructor,
        which also raises every error (a repeated key, a bad explicit tag, an alias, a merge key...)."""
        try:
            return _plain(self, node)
        except Exception:  # noqa: BLE001 - nothing is lost: the standard constructor starts afresh
            return super().construct_document(node)


_STR, _NULL, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "null", "seq", "map"))


class _NotPlain(Exception):
    """The fast constructor met something it leaves to PyYAML's."""


def _plain(loader: Any, root: Node) -> Any:
    """The data of a document of plain scalars, lists and mappings, built in one walk over the nodes: the
    same values PyYAML's constructor (with _Loader.construct_mapping) builds, at about a third of the cost
    (no generator, state or memo per node). Anything else raises, and the caller uses PyYAML's: an alias
    (a node met twice), a merge key, a repeated key, a non-scalar key, a tag other than str, null, bool,
    int, float, seq and map."""
    seen: set[int] = set()
    bool_values = loader.bool_values

    def build(node: Node) -> Any:
        tag, kind = node.tag, type(node)
        if kind is ScalarNode:
            if tag == _STR:
                return node.value
            if tag == _NULL:
                return None
            if tag == _BOOL:
                return bool_values[node.value.lower()]
            if tag == _INT:
                return loader.construct_yaml_int(node)
            if tag == _FLOAT:
                return loader.construct_yaml_float(node)
            raise _NotPlain(tag)
        if id(node) in seen:
            raise _NotPlain("alias")
        seen.add(id(node))
        if kind is SequenceNode and tag == _SEQ:
            return [build(item) for item in node.value]
        if kind is MappingNode and tag == _MAP:
            mapping: dict[Any, Any] = {}
            typed: set[str] = set()  # the keys as written: `1` and `"1"` are the same key to construct_mapping
            for key_node, value_node in node.value:
                if type(key_node) is not ScalarNode or key_node.tag not in _KEY_TAGS or key_node.value in typed:
                    raise _NotPlain("key")
                typed.add(key_node.value)
                key = build(key_node)
                if key in mapping:  # `1` and `1.0`, or `true` and `1`: one key to Python
                    raise _NotPlain("key")
                mapping[key] = build(value_node)
            return mapping
        raise _NotPlain(tag)

    return build(root)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT, _FLOAT, _BOOL, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _too_large(size: int) -> ImportFailed:
    return ImportFailed([f"file: {_megabytes(size)} is larger than the limit of {_megabytes(MAX_BYTES)}"])


def _looks_like_path(text: str) -> bool:
    if "\n" in text or not text.strip():
        return False
    return Path(text).is_file() or text.lower().endswith((".yaml", ".yml"))


def read_text(source: str | bytes | Path) -> str:
    """The file's text. A Path (or a one-line str naming a file or ending in .yaml/.yml) is read from
    disk; bytes are UTF-8 content; any other str is the YAML text itself."""
    if isinstance(source, str) and _looks_like_path(source):
        source = Path(source)
    if isinstance(source, Path):
        try:
            size = source.stat().st_size
            if size > MAX_BYTES:
                raise _too_large(size)
            source = source.read_bytes()
        except OSError as exc:
            raise ImportFailed([f"file: cannot read {str(source)!r}: {exc.strerror or exc}"]) from exc
    if isinstance(source, bytes):
        if len(source) > MAX_BYTES:
            raise _too_large(len(source))
        try:
            return source.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFailed([f"file: not UTF-8 text (byte {exc.start})"]) from exc
    if len(source) > MAX_BYTES // 4 and len(source.encode("utf-8")) > MAX_BYTES:
        raise _too_large(len(source.encode("utf-8")))
    return source


def load_yaml(text: str) -> Any:
    """Parse YAML text; a syntax error becomes an ImportFailed naming the line."""
    collecting = gc.isenabled()
    gc.disable()  # a big file allocates ~10^6 objects and no cycles: the collector would only double the time
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        what = exc.problem or exc.context or "syntax error"
        raise ImportFailed([f"file: not valid YAML{where}: {what}"]) from exc
    except yaml.YAMLError as exc:
        raise ImportFailed([f"file: not valid YAML: {exc}"]) from exc
    except RecursionError as exc:
        raise ImportFailed(["file: not valid YAML: nested too deeply"]) from exc
    except (ValueError, TypeError, OverflowError) as exc:  # an explicit tag such as `!!int xx`
        raise ImportFailed([f"file: not valid YAML: {exc}"]) from exc
    finally:
        if collecting:
            gc.enable()
