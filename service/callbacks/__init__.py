"""Job callbacks: when a job that named a ``callback_url`` ends, an HMAC-SHA256-signed POST.

:mod:`.outbox` records a delivery in the same transaction that ends the job (nothing is lost if
a process dies), :mod:`.deliver` sends due deliveries with retries and backoff from a loop in
every worker (and in the API's embedded worker), :mod:`.signing` holds the tenant's secret and
the signature.
"""
