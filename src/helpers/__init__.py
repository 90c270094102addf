"""Helpers for the Bakhmut coverage notebooks.

Modules, in the order the notebooks use them:

- ``paths``      where data and outputs live (the only module that knows the project layout)
- ``corpus``     ``load_corpus(path)`` -> ``(articles, report)``; nothing is dropped silently
- ``cleaning``   removes news furniture (captions, credits, READ MORE blocks, sign-offs) and records each removal
- ``text``       paragraphs and sentences with character offsets into the cleaned text
- ``figures``    the house style and ``save_figure``
- ``progress``   progress bars that stay silent under tests and automated runs
"""

__version__ = "0.1.0"
