"""Organizing: the organizers' desk, calls, outreach, reports, member import, printing and
figures; their API and their pages at /organize/.

Imports: core, accounts, membership, help, events, municipal, notify.
"""
