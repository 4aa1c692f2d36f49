"""chidao's domain core: reading directives, extracting tasks, the SQLite store,
answering questions and selecting alerts.

This package must not import telegram, jinja2 or any HTTP library (see
tests/test_architecture.py); the shell in ``bot/`` adapts it to channels.
"""
