"""Use cases. Each public coroutine is one unit of work; side effects run after commit."""
