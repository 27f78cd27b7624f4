"""gunicorn's settings (read from the working directory; the Procfile passes `--config` too): bind,
workers and where the access log goes stay on the Procfile line.

- The access log names paths, never queries. A phone number or a token may be a query parameter
  (`/api/consent?phone=...`); the default access line logs the whole request line, query included,
  so ours logs the method, path and protocol only (and no Referer, which may carry one too).
- gthread workers: a connection waits for its request in the worker's poller, and each worker has
  `threads` threads, so a few slow clients cannot pin every worker the way they pin sync workers
  (two clients sending partial headers blocked /healthz for 40 s). A worker silent for `timeout`
  seconds is restarted. In production, a buffering proxy in front (nginx) is still advised.
- Forwarded headers are trusted by the app alone (TRUSTED_PROXIES), never by gunicorn itself.
"""

access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
worker_class = "gthread"
threads = 8
timeout = 30
graceful_timeout = 20
keepalive = 5
forwarded_allow_ips = ""
limit_request_line = 8190
limit_request_fields = 100
# gunicorn 27's control socket lives at one path per user: two services (or a test run) would share it.
control_socket_disable = True
