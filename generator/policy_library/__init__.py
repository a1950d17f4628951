"""Policy Library: turn Markdown records into a searchable static library.

The modules here know nothing of MkDocs except `plugin.py` and `config.py`,
so that the record model, validation and index writing can be tested and
reused (by the `library` command) without building a site.
"""
