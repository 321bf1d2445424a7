"""Text helpers shared by rendering and the commands, beneath both: quoting a
string for YAML. (YAML values that may stay plain are the commands' business,
`starting_files.yaml_scalar`: telling needs the YAML reader.)"""

import json
import re

# What YAML refuses in a file even inside double quotes (C1 controls, surrogates,
# non-characters), and the line breaks YAML 1.1 folds there (NEL, LS, PS); JSON's
# encoder has already escaped the C0 controls.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def yaml_quoted(text: str) -> str:
    """`text` as a double-quoted string that JSON and YAML both read back unchanged."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)
