"""The schemathesis command line, with a serializer for Word files (their bodies
are sent as raw bytes, like application/octet-stream: schemathesis knows no
serializer for the .docx media type and would otherwise never send one) and one
work-around for CPython 3.11 before
3.11.8 (gh-106905): `ast.parse` may raise a spurious "SystemError: AST
constructor recursion depth mismatch" when called deep in the stack, which
hypothesis does only to describe a lambda in a strategy's repr. Such a lambda
is described as unknown instead; nothing generated or checked changes."""

import sys

from hypothesis.internal import lambda_sources

_describe = lambda_sources._lambda_description


def _describe_or_unknown(f):
    try:
        return _describe(f)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _describe_or_unknown

import schemathesis as _schemathesis  # noqa: E402
from schemathesis.cli import schemathesis  # noqa: E402

_schemathesis.serializer.alias(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/octet-stream"
)

if __name__ == "__main__":
    sys.argv[0] = "schemathesis"
    sys.exit(schemathesis())
