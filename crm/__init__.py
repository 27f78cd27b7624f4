"""Contacts, work addresses, bookings and estimates as staff (and their field-service software) keep them.

Plain functions over a SQLAlchemy session, no Flask: they validate what they are given, raise
`crm.errors` exceptions the staff API turns into 400/404/409, and tell the planner about every change
to a booking or an estimate inside the caller's transaction.
"""
