"""Membership: municipalities, circles, memberships, organizers and staff, helpers' vetting.

Imports: core, accounts, notify.
"""
