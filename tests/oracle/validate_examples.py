#!/usr/bin/env python3
"""Checks spec examples against their schemas with an independent validator.

    validate_examples.py DIR

DIR holds `doc.json` (a spec as the generator loaded it: bundled, in the OpenAPI 3.0 or
3.1 shape) and `examples.json` (a list of {"id", "kind", "schema", "value"}, where
`schema` is a JSON Pointer into doc.json). Writes `validity.json`: for each id, `null`
when the example is valid against its schema, the validator's first message when it is
not, and `{"unjudged": reason}` when the validator cannot judge it (it then counts as
valid: the generated types must carry it).

The validator is `openapi-schema-validator` (from PyPI): OpenAPI 3.0's schema dialect
(`nullable`, `readOnly` in requests, `writeOnly` in responses) for 3.0 documents and
3.1's for 3.1. It knows nothing of the generated types: it is the judge of whether an
example that the types cannot take is the spec's fault.
"""

import json
import sys
from pathlib import Path

import openapi_schema_validator as oas
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT202012


def main():
    directory = Path(sys.argv[1])
    doc = json.loads((directory / "doc.json").read_text())
    examples = json.loads((directory / "examples.json").read_text())
    version = str(doc.get("openapi", "3.0"))
    is_31 = version.startswith("3.1")
    specification = DRAFT202012 if is_31 else DRAFT4
    registry = Registry().with_resource("urn:doc", Resource(contents=doc, specification=specification))
    verdicts = {}
    for example in examples:
        pointer = example["schema"]
        schema = {"$ref": "urn:doc#" + pointer}
        if is_31:
            validator_class = oas.OAS31Validator
        elif example["kind"] == "request":
            validator_class = oas.OAS30WriteValidator
        else:
            validator_class = oas.OAS30ReadValidator
        try:
            validator = validator_class(schema, registry=registry)
            error = next(iter(validator.iter_errors(example["value"])), None)
        except Exception as failure:  # the validator cannot judge: the example counts as valid
            verdicts[example["id"]] = {"unjudged": str(failure)[:300]}
            continue
        if error is None:
            verdicts[example["id"]] = None
        else:
            where = "/".join(str(p) for p in error.absolute_path)
            verdicts[example["id"]] = f"at /{where}: {error.message}"[:500]
    (directory / "validity.json").write_text(json.dumps(verdicts, indent=1))


if __name__ == "__main__":
    main()
