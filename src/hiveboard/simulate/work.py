"""One task of a simulated agent, through the SDK's public task API.

Three scenarios rotate so every agent shows the whole vocabulary over time: ``smooth`` (a plan
whose steps run as nested tracked actions with LLM calls), ``review`` (a tool times out and is
retried, then the agent escalates and waits for a human's approval) and ``doomed`` (a step
fails for good and the task fails with it).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from hiveboard.simulate.catalogue import MODELS, Role
from hiveboard.simulate.pacing import Pacer, Stats

SCENARIOS = ("smooth", "review", "doomed")
WEIGHTS = (0.75, 0.17, 0.08)
"""How often each scenario comes up once the first round has shown every one."""


class SimulatedFailure(RuntimeError):
    """What a failing tool raises inside a tracked action (the SDK records its type/message)."""


@dataclass
class Worker:
    """Everything an agent thread needs; ``agent`` is a ``hiveloop.Agent``."""

    agent: Any
    agent_id: str
    role: Role
    rng: random.Random
    pacer: Pacer
    stats: Stats
    run_tag: str


def call_llm(worker: Worker, target: Any, name: str) -> int:
    """One LLM call on a task (or the agent, for agent-level calls); returns its tokens."""
    rng = worker.rng
    model = rng.choice(MODELS)
    tokens_in, tokens_out = rng.randint(300, 4000), rng.randint(50, 900)
    seconds = rng.uniform(0.8, 6.0)
    worker.pacer.sleep(seconds)
    cost = model.cost(tokens_in, tokens_out)
    target.llm_call(name, model.name, tokens_in=tokens_in, tokens_out=tokens_out, cost=cost,
                    duration_ms=int(seconds * 1000),
                    prompt_preview=f"{worker.role.goal}: {name}…",
                    response_preview=f"Done with {name}.", metadata={"attempt": 1})
    worker.stats.llm_call(cost)
    return tokens_in + tokens_out


def _use_tool(worker: Worker, tool: str, *, fails: bool = False) -> None:
    with worker.agent.track_context(tool):
        worker.pacer.sleep(worker.rng.uniform(0.5, 4.0))
        if fails:
            raise SimulatedFailure(f"{tool} timed out after 30s")


def _retry_tool(worker: Worker, task: Any, tool: str) -> None:
    try:
        _use_tool(worker, tool, fails=True)
    except SimulatedFailure:
        task.retry(f"Retrying {tool} after a timeout", attempt=2, backoff_seconds=2.0)
        worker.pacer.sleep(2.0)
        _use_tool(worker, tool)


def run_step(worker: Worker, task: Any, index: int, *, retry: bool = False,
             fatal: bool = False) -> None:
    """One plan step: an outer tracked action around a nested tool action and an LLM call."""
    step = worker.role.steps[index]
    tool = worker.role.tools[index]
    task.plan_step(index, "started", step)
    try:
        with worker.agent.track_context(step.lower().replace(" ", "_")):
            if retry:
                _retry_tool(worker, task, tool)
            else:
                _use_tool(worker, tool, fails=fatal)
            tokens = call_llm(worker, task, f"{tool}_reasoning")
    except SimulatedFailure:
        task.plan_step(index, "failed", f"{step} failed")
        raise
    task.plan_step(index, "completed", step, turns=worker.rng.randint(1, 4), tokens=tokens)


def _review(worker: Worker, task: Any) -> None:
    task.event("custom", payload={
        "kind": "reflection", "summary": "Edge case: needs a human decision",
        "data": {"decision": "escalate", "reasoning": "Outside the agent's policy limits",
                 "confidence": 0.62, "next_action": "request approval"}})
    task.escalate("Outside policy limits: handing to a human", assigned_to="team-lead",
                  reason="policy_limit")
    task.request_approval("Approve the proposed action?", approver="team-lead")
    worker.pacer.sleep(worker.rng.uniform(5.0, 20.0))
    task.approval_received("Approved by team lead", approved_by="team-lead")


def pick_scenario(worker: Worker, index: int, number: int, first_round: int) -> str:
    """The first ``first_round`` tasks of agent ``index`` rotate through every scenario (so
    even a short run shows them all); after that most tasks go smoothly."""
    if number < first_round:
        return SCENARIOS[(index + number) % len(SCENARIOS)]
    return worker.rng.choices(SCENARIOS, WEIGHTS)[0]


def run_task(worker: Worker, number: int, scenario: str) -> bool:
    """Run one task to its end; returns whether it failed."""
    role = worker.role
    task_id = f"{role.task_type}-{worker.run_tag}-{worker.agent_id}-{number:04d}"
    try:
        with worker.agent.task(task_id, project=role.project, type=role.task_type) as task:
            task.plan(role.goal, list(role.steps))
            for index in range(len(role.steps)):
                run_step(worker, task, index, retry=scenario == "review" and index == 1,
                         fatal=scenario == "doomed" and index == 1)
            if scenario == "review":
                _review(worker, task)
            task.set_payload({"result": f"{role.goal}: done"})
    except SimulatedFailure:
        worker.stats.task_done(failed=True)
        return True
    worker.stats.task_done(failed=False)
    return False
