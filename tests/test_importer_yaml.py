"""The network file's YAML loader builds plain documents with its own quick constructor (source._plain) and
leaves everything else to PyYAML's: whichever builds it, a document reads the same, value for value and type
for type, and a bad one fails with the same message."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.bench_questions import write_network
from storage.importer import ImportFailed
from storage.importer.source import _Loader, _plain, load_yaml


class _PyYAMLOnly(_Loader):  # type: ignore[misc]
    """The same loader with PyYAML's constructor for every document."""

    def construct_document(self, node: yaml.Node) -> Any:
        return yaml.constructor.BaseConstructor.construct_document(self, node)


def _typed(value: Any) -> Any:
    """`value` with the type of every part spelled out (1 and 1.0 and True are equal in Python)."""
    if isinstance(value, dict):
        return ("dict", [(type(k).__name__, k, _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, value)


def _read(loader: type, text: str) -> tuple[str, Any]:
    try:
        return "data", _typed(yaml.load(text, Loader=loader))  # noqa: S506 - the project's safe loader
    except Exception as exc:  # noqa: BLE001 - the error is what is compared
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize("text", [
    "a: 1", "a: true\nb: FALSE\nc: ~\nd: null\ne: 1.5\nf: .inf\ng: -3\nh: 1_000\ni: +1\nj: 0", "a: 0301", "a: 10:00",
    "a: no\nb: yes\nc: on", "a: 2018-02-30", "a: 1e3\nb: 1.0e+3\nc: .5", "[1, [2, {a: b}]]", "just text", "",
    "---\na: 1\n...", "a: \"\\u00e6\"\nb: 'x'", "null: 1\nx: 2",
    # left to PyYAML's constructor: repeated keys, aliases, merge keys, other tags, keys that are not scalars
    "a: 1\na: 2", "1: x\n'1': y", "1: x\n1.0: y", "true: 1\n1: 2", "{a: 1, a: 1}", "a:\n  - {b: 1, b: 2}",
    "a: &x [1, 2]\nb: *x", "a: &x {k: 1}\nb: *x", "a: &r [*r]", "<<: {a: 1}\nb: 2", "=: 1", "a: =",
    "a: !!binary aGVsbG8=", "a: !!int 0x1F", "a: !!int xx", "a: !!str 12", "a: !!bool yes", "a: !!float 1",
    "a: !!set {x, y}", "a: !!omap [{x: 1}]", "a: !custom x", "? [1, 2]\n: x", "a: !!null ''",
])
def test_a_document_reads_the_same_as_with_pyyaml_alone(text: str) -> None:
    assert _read(_Loader, text) == _read(_PyYAMLOnly, text)


def test_a_repeated_key_is_still_named_with_its_line() -> None:
    with pytest.raises(ImportFailed, match=r'line 3, column 3\): the key "b" appears twice'):
        load_yaml("a:\n  b: 1\n  b: 2\n")


def test_the_generated_network_file_is_built_by_the_quick_constructor_alike() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path, _ = write_network(Path(tmp), slack_ids=True, answering=True)
        text = path.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=_Loader)
    assert _typed(_plain(_Loader(""), node)) == _read(_PyYAMLOnly, text)[1]  # no fallback: it is plain
