"""Load, the pipeline's first stage: a directory's YAML files, read safely, into
documents that remember where each field was written.

`safe_yaml` reads one file (`syntax` explains its YAML mistakes), `positions` finds a field's line and column when a
problem asks, `directory` walks `partners/`, and `rules` declares the problems
the loader reports (E101 to E114)."""
