"""Help: requests, offers, matches, matching, relationships and their jobs.

Imports: core, accounts, membership, notify,
organizing (unanswered requests go on the outreach list).
"""
