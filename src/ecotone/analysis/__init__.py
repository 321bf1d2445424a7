"""Analyses of a validated directory: matchmaking suggestions, the principles
checklist, the reviews agenda and the entries' dates from git. Each reads the
model and nothing above it."""
