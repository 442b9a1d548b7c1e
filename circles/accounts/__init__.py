"""Accounts: people, sign-in (password, bearer tokens, sign-in cards), profiles, security.

Imports: core, membership (an organizer's sign-in cards, staff roles on /me), notify (the member
hears that a sign-in card was printed for her).
"""
