"""Notify: the inbox, and delivery by email, Web Push and SMS, each sent once.

Imports: core, accounts, membership (an SMS counts against the member's home circle).
"""
