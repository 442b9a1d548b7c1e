"""Municipal: check-ins, the dashboard's figures, disclosure control, and the staff pages.

Imports: core, accounts, membership, help, events, notify.
"""
