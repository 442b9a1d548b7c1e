"""Demo: the demo circles and people, loaded by `flask circles demo`.

Imports: core, accounts, membership, help, events, municipal, organizing.
"""
