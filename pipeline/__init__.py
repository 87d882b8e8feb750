"""masterplan: validate, merge and assemble a regency's Masterplan Smart City.

The package is a library first; :mod:`pipeline.cli` is a thin click layer on
top of :func:`pipeline.build.build` and :func:`pipeline.validate.validate_project`.
"""

__version__ = "0.1.0"
