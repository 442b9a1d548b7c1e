"""Accounts: people, sign-in (password, bearer tokens, sign-in cards), profiles, security.

Imports: core, membership (an organizer's sign-in cards, staff roles on /me), notify (the member
is told when a sign-in card is printed for her).
"""
