"""The public duties: the privacy notice and the accessibility statement, as plain pages.

Imports: core.
"""
