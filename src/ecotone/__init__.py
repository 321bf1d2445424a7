"""Ecotone: a public directory of partnerships between decentralized organizations.

Data flows one way: load (safe YAML) -> validate (schemas, then the protocol's
rules) -> model (an immutable directory with graph queries) -> render (pages).
"""
