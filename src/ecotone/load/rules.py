"""Rules checked while reading files: layout, encoding and safe YAML."""

from ecotone.problems import Family, Severity, define

YAML_SYNTAX = define(
    "E101",
    "Valid YAML",
    "{what} (The YAML reader says: {said}.)",
    "{fix}",
    """Every file must parse as a single YAML document. The message names the
    common mistakes in plain words, at the line to edit: a tab, a line indented
    to no level above it, a colon or a quote inside a value, a quote or bracket
    left open, a missing space after a colon. The YAML reader's own words follow,
    for those who know them.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
FILE_TOO_LARGE = define(
    "E102",
    "File size",
    "The file is {size} bytes; the limit is {limit} bytes.",
    "Shorten long texts, or link to a longer document from the entry.",
    """Entries are small; a size bound keeps builds fast and protects the site from
    files made to exhaust memory.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
NOT_UTF8 = define(
    "E103",
    "UTF-8 text",
    "The file is not valid UTF-8 text: {what}.",
    "Save the file as UTF-8: in VS Code, click the encoding in the status bar, then "
    "'Save with Encoding', 'UTF-8'; in Notepad, 'Save as' with 'Encoding: UTF-8'.{then}",
    """Files must be UTF-8, the encoding of the web. Editors on Windows may save as
    Windows-1252 (an `é` is then one byte that is not UTF-8) or as UTF-16
    ("Unicode" in Notepad); the message says which, at the first byte that is
    not UTF-8.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
ANCHOR = define(
    "E104",
    "No anchors or aliases",
    "YAML anchors (&) and aliases (*) are not allowed.",
    "Write the value out in full wherever it is needed.",
    """Anchors and aliases make a file harder to read in review, and aliases can
    expand a small file into a huge one (an 'alias bomb'). Entries write values
    out in full.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
DUPLICATE_KEY = define(
    "E105",
    "No duplicate keys",
    "The key '{key}' appears twice in the same mapping.",
    "Keep one of the two; most YAML readers would silently drop the first.",
    """A key written twice in one mapping is almost always a mistake, and YAML
    readers silently keep only one of the values.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
UNSUPPORTED_TAG = define(
    "E106",
    "Plain values only",
    "The tag {tag} is not allowed here.",
    "{fix}",
    """Entries hold text, numbers, true/false, lists and mappings. Tags such as
    `!!python/object` or `!!binary`, which could create other kinds of values,
    are refused.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
TOO_DEEP = define(
    "E107",
    "Nesting depth",
    "The data is nested more than {limit} levels deep.",
    "Entries need only a few levels; check the indentation around this line.",
    """No entry needs deep nesting; a bound protects the loader from files made to
    exhaust its stack.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
COMPLEX_KEY = define(
    "E108",
    "Plain keys",
    "A key must be plain text, not a list or a mapping.",
    "Write the key as a single word such as `name`.",
    """YAML allows lists and mappings as keys; the directory's files do not.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
SEVERAL_DOCUMENTS = define(
    "E109",
    "One document per file",
    "A second YAML document starts here; a file holds one entry.",
    "Remove this `---` line and what follows, or move it into a file of its own.",
    """A line `---` starts a new YAML document. Each file holds exactly one entry,
    so that its name is the entry's identifier.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
BAD_SLUG = define(
    "E110",
    "Identifiers are slugs",
    "'{name}' is not a valid identifier.",
    "Rename it to '{suggestion}': lowercase letters a-z, digits and single hyphens.",
    """Folder and file names are the identifiers of organizations, spaces and
    playbooks, and become web addresses, so they are lowercase slugs.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
MISSING_PROFILE = define(
    "E111",
    "Organization file present",
    "The folder partners/{org}/ has no organization.yml.",
    "Add partners/{org}/organization.yml (`ecotone new organization` writes one), "
    "or remove the folder.",
    """Every organization folder holds the organization's profile in
    `organization.yml`; its spaces and playbooks depend on it.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
CONTROL_CHARACTER = define(
    "E114",
    "Printable characters",
    "The file contains the control character {code_point}, which YAML does not allow.",
    "Delete it; your editor may not show it. Text pasted from a PDF or a word processor "
    "often brings such characters along.",
    """YAML files hold printable text: tabs and line breaks, but no other control
    characters, which are invisible and often arrive with pasted text.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
UNREADABLE = define(
    "E115",
    "Readable files",
    "This cannot be read: {reason}.",
    "Give everyone permission to read it (`chmod a+r {path}`, and `a+rx` for a folder), "
    "or ask whoever owns it on this machine.",
    """Every entry is read to build the site. A file or folder the validator may
    not open is reported where it is, and everything else is still checked.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
MISPLACED_FILE = define(
    "E112",
    "Files in their place",
    "This is not read: {why}.",
    "{fix}",
    """Only `organization.yml`, `spaces/*.yml` and `playbooks/*.yml` are read in an
    organization's folder. Anything else would be silently left out of the site,
    which is nearly always a misplaced or misnamed file (a space saved next to
    `organization.yml`, a folder `space/` for `spaces/`, `.yaml` for `.yml`), so it
    is an error, and the fix names the path where the file belongs, from what it holds.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
SYMLINK = define(
    "E113",
    "No symbolic links",
    "This is a symbolic link; it is not followed, so what it points to is not read.",
    "Replace the link with the file or folder itself.",
    """The directory only reads files that are really inside it, so that no entry
    can point at files elsewhere on the machine that builds the site.""",
    severity=Severity.ERROR,
    family=Family.FILES,
    since="0.1.0",
)
