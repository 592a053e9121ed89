"""Alert evaluation and delivery: the runtime behind the rules of ``/v1/alerts``.

``runtime.AlertRuntime`` is what the app starts: an after-commit ingest hook that only notes
what a batch touched, a debounced task evaluating event-driven conditions, a periodic pass for
time-driven ones (one worker of the cluster, by a lease row), and a delivery worker draining the
durable queue. The decisions themselves are pure (``domain.alert_rules``); exactly-once firing
and claiming are statements in ``store.alert_queries``.
"""
