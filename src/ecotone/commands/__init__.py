"""The `ecotone` command and its subcommands: thin wrappers that read arguments,
call the pipeline and print or write the result."""
