"""gunicorn's settings (read from the working directory): the access log names paths, never queries.

A phone number may be a query parameter (`/api/consent?phone=...`); the default access line logs the
whole request line, query included, so ours logs the method, path and protocol only. Where the log
goes (`--access-logfile`) is the Procfile's choice.
"""

access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
