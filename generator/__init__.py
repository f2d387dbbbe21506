"""Pre-build generator for the 社工服务标准手册与表格门户 site.

It validates ``data/`` and ``forms/``, writes the MkDocs docs dir and theme
overrides into ``build/``, and then lets a plain ``mkdocs build`` do the rest.
"""
