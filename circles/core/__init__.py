"""Core: what every domain uses: errors, i18n, geo, vocabulary, fields, the API blueprint,
idempotency, and the audit log's record.

Imports: no domain.
"""
