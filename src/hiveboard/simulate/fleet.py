"""The fleet: one thread per agent on one shared ``hiveloop.HiveBoard`` client, plus one agent
that registers, starts a task and goes silent (it shows as stuck after ``stuck_after``)."""

from __future__ import annotations

import math
import random
import threading
import uuid
from dataclasses import dataclass

import hiveloop

from hiveboard.simulate.catalogue import SILENT_ROLE, role_for
from hiveboard.simulate.chores import Backlog, between_tasks, report_issue, start_of_shift
from hiveboard.simulate.pacing import Pacer, Stats
from hiveboard.simulate.work import SCENARIOS, Worker, call_llm, pick_scenario, run_task

SDK_HEARTBEAT_S = 30.0


@dataclass(frozen=True, slots=True)
class FleetConfig:
    endpoint: str
    api_key: str
    agents: int = 5
    """Working agents; the silent one comes on top."""
    speed: float = 1.0
    """Simulated seconds per wall-clock second."""
    stuck_after: int = 20
    """The silent agent's stuck threshold, in wall-clock seconds."""
    seed: int | None = None
    flush_interval: float = 1.0


class Fleet:
    def __init__(self, config: FleetConfig) -> None:
        if config.agents < 1:
            raise ValueError("a fleet needs at least one agent")
        self.config = config
        self.stop = threading.Event()
        self.stats = Stats()
        self.pacer = Pacer(config.speed, self.stop)
        self.run_tag = uuid.uuid4().hex[:6]
        # Every scenario must run at least once, however small the fleet or short the run.
        self.min_tasks = math.ceil(len(SCENARIOS) / config.agents)
        seeds = random.Random(config.seed)
        self._seeds = [seeds.randrange(2**32) for _ in range(config.agents + 1)]
        self.client = hiveloop.HiveBoard(api_key=config.api_key, endpoint=config.endpoint,
                                         flush_interval=config.flush_interval,
                                         group="simulated-fleet")
        self._threads = [threading.Thread(target=self._work, args=(i,), daemon=True,
                                          name=f"sim-agent-{i}") for i in range(config.agents)]
        self._threads.append(threading.Thread(target=self._go_silent, daemon=True,
                                              name="sim-silent-agent"))

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def close(self, timeout: float = 10.0) -> None:
        """Let every agent end the task in hand, then flush what the SDK still holds."""
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout)
        self.client.shutdown(timeout=timeout)

    def _worker(self, agent: object, agent_id: str, index: int) -> Worker:
        role = role_for(index)[1] if agent_id != SILENT_ROLE.name else SILENT_ROLE
        return Worker(agent=agent, agent_id=agent_id, role=role,
                      rng=random.Random(self._seeds[index]), pacer=self.pacer,
                      stats=self.stats, run_tag=self.run_tag)

    def _heartbeat_interval(self) -> float:
        """hiveloop's 30 s in simulated time, never slower than 30 s of wall time: the working
        agents keep the SDK's 300 s stuck threshold and must not look stuck at low speeds."""
        return min(SDK_HEARTBEAT_S, max(0.2, SDK_HEARTBEAT_S / self.config.speed))

    def _work(self, index: int) -> None:
        agent_id, role = role_for(index)
        backlog = Backlog(depth=index % 5 + 1)
        agent = self.client.agent(
            agent_id, type=role.agent_type, version="1.4.0", framework="custom",
            heartbeat_interval=self._heartbeat_interval(),
            heartbeat_payload=backlog.heartbeat_status, queue_provider=backlog.snapshot)
        worker = self._worker(agent, agent_id, index)
        start_of_shift(worker, backlog)
        issue_id = report_issue(worker) if index % 2 == 0 else None
        number = 0
        while number < self.min_tasks or not self.stop.is_set():
            run_task(worker, number, pick_scenario(worker, index, number, self.min_tasks))
            between_tasks(worker, backlog, number, issue_id)
            issue_id = None
            number += 1
            self.pacer.sleep(worker.rng.uniform(1.0, 5.0))

    def _go_silent(self) -> None:
        # No SDK heartbeat thread: one manual heartbeat, a task that starts, then nothing.
        agent = self.client.agent(SILENT_ROLE.name, type=SILENT_ROLE.agent_type,
                                  version="0.9.2", heartbeat_interval=0,
                                  stuck_threshold=self.config.stuck_after)
        worker = self._worker(agent, SILENT_ROLE.name, self.config.agents)
        agent.event("heartbeat")
        task = agent.start_task(f"sync-{self.run_tag}", project=SILENT_ROLE.project,
                                type=SILENT_ROLE.task_type)
        task.plan(SILENT_ROLE.goal, list(SILENT_ROLE.steps))
        task.plan_step(0, "started", SILENT_ROLE.steps[0])
        call_llm(worker, task, "plan_sync")
