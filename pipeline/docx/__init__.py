"""Everything that touches .docx internals: python-docx, docxtpl and raw OOXML.

Stages call these functions; they never edit XML themselves.
"""
