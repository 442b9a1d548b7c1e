"""Notify: the inbox, and delivery by email and Web Push, each sent once.

Imports: core, accounts.
"""
