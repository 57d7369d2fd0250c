"""openarchief: a searchable archive of published Dutch government documents.

Everything installs under this one name. The design card keeps the parts at the repository's root (`search/`,
`ingest/`, `web/`, `index_mappings/`); pyproject.toml maps each into this package, so that they are imported as
`openarchief.search`, `openarchief.ingest`, `openarchief.web` and `openarchief.index_mappings`, and the command
line is `openarchief.cli`.
"""
