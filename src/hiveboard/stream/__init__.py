"""The live stream: ``GET /v1/stream`` WebSocket, fan-out across workers, and the sweeper."""
