"""Accounts: people, sign-in (password, bearer tokens, sign-in cards), profiles, security.

Imports: core, membership (an organizer's sign-in cards, staff roles on /me), notify (reset
links and sign-in codes go out by email and SMS), help, events, municipal, organizing (deleting
an account and withdrawing a consent reach the rows a member has there).
"""
