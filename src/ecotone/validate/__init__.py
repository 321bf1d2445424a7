"""Validate, the pipeline's second stage: schema checks per file, then the rules
that look across files, into one list of problems. `run` runs them, `report`
prints them, `rules/` declares them."""
