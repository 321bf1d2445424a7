"""Rules checked per file against the JSON Schemas, one code per kind of mistake."""

from ecotone.problems import Family, Severity, define

MISSING_FIELD = define(
    "E201",
    "Required fields",
    "The field '{name}' is missing.",
    "Add `{name}:`. {description}",
    """Some fields are required for every entry, and some for one mode of space
    (a collaboration needs a level, a domain and a social contract; information
    sharing needs a venue and a direction). The field reference lists them.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
UNKNOWN_FIELD = define(
    "E202",
    "Known fields only",
    "Unknown field '{name}'.",
    "{suggestion}",
    """Only the fields in the field reference are allowed, so that a misspelt field
    is caught instead of silently ignored.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
WRONG_TYPE = define(
    "E203",
    "Value types",
    "Expected {expected} here, found {found}.",
    "{advice}",
    """Each field holds one kind of value: text, a number, true or false, a list or
    a mapping. YAML guesses types from how a value looks, so text that looks like
    a number or a date may need quotes, and true/false must be written as such
    (not yes/no).""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
NOT_ALLOWED = define(
    "E204",
    "Allowed values",
    "'{value}' is not allowed here; use one of: {allowed}.",
    "{suggestion}",
    """Fields such as `mode`, `status`, `level` and `kind` take one of a few fixed
    values, listed in the field reference.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
BAD_FORMAT = define(
    "E205",
    "Value formats",
    "'{value}' is not a valid {what}.",
    "{description}",
    """Identifiers, dates, web addresses, email addresses and currency codes have a
    fixed format; a date must also exist on the calendar.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
OUT_OF_BOUNDS = define(
    "E206",
    "Sizes and limits",
    "{detail}.",
    "{advice}",
    """Texts, lists and numbers have bounds: text may not be empty, long texts and
    lists have a maximum length, amounts are not negative, list items are not
    repeated.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
NOT_IN_MODE = define(
    "E207",
    "Fields that fit the mode",
    "The field '{name}' does not apply here.",
    "{advice}",
    """Some fields belong to one mode of space only: `level`, `budget` and
    `social_contract` to a collaboration, `venue` and `direction` to information
    sharing, which by the protocol takes no shared decisions and so has no budget.
    Remove the field, or change `mode`.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
SCHEMA_MISMATCH = define(
    "E200",
    "Matches the schema",
    "This does not match the schema: {detail}.",
    "Compare the entry with the field reference.",
    """A catch-all for schema mismatches that no more specific rule describes.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
