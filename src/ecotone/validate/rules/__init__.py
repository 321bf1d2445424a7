"""The rules that check a loaded directory, one module per family: schema
(per file, against the JSON Schemas), circles, references and participation,
spaces, and likely duplicates. The loader's own rules live in `ecotone.load.rules`;
`catalogue.all_rules()` lists every rule, for the validator and the rule reference."""
