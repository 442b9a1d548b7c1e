"""Events: events, occurrences, bookings, calendars, interest, proposals and their jobs.

Imports: core, accounts, membership, notify, organizing (empty events go on the outreach list).
"""
