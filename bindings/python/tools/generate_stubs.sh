#!/bin/sh
# Regenerates bindings/python/legdiary/_core.pyi from the installed module (run after
# `pip install .`); tests/python/test_stubs.py checks the committed file against the module.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pybind11-stubgen legdiary._core --output-dir "$out" --exit-code
# Classes with __eq__ and no __hash__ are unhashable; say so the way typeshed does. The
# version's value stays in VERSION alone.
sed -e 's/^\(    __hash__: typing.ClassVar\[None\] = None\)$/\1  # type: ignore[assignment]/' \
    -e "s/^__version__: str = .*$/__version__: str/" \
    "$out/legdiary/_core.pyi" > "$here/legdiary/_core.pyi"
echo "wrote $here/legdiary/_core.pyi"
