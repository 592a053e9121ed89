"""What the simulated fleet is made of: agent roles, the models they call and what they cost."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Role:
    """One kind of agent: its type, the project it works for and the shape of its work."""

    name: str
    agent_type: str
    project: str
    task_type: str
    goal: str
    steps: tuple[str, ...]
    tools: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    usd_per_1k_in: float
    usd_per_1k_out: float

    def cost(self, tokens_in: int, tokens_out: int) -> float:
        return round(tokens_in / 1000 * self.usd_per_1k_in
                     + tokens_out / 1000 * self.usd_per_1k_out, 6)


ROLES: tuple[Role, ...] = (
    Role("lead-qualifier", "sales", "sales-pipeline", "lead_processing",
         "Qualify inbound lead", ("Score lead", "Enrich company data", "Route to owner"),
         ("crm_lookup", "clearbit_enrich", "slack_notify")),
    Role("support-triage", "support", "customer-support", "ticket_triage",
         "Triage support ticket", ("Classify ticket", "Search knowledge base", "Draft reply"),
         ("zendesk_fetch", "kb_search", "zendesk_reply")),
    Role("research-analyst", "research", "market-research", "report",
         "Write competitor brief", ("Collect sources", "Summarise findings", "Write brief"),
         ("web_search", "pdf_extract", "docs_write")),
    Role("code-reviewer", "engineering", "platform", "code_review",
         "Review pull request", ("Read diff", "Run static checks", "Post review"),
         ("git_diff", "run_linters", "github_comment")),
    Role("invoice-clerk", "finance", "billing", "invoice_processing",
         "Process supplier invoice", ("Extract fields", "Match purchase order", "Book entry"),
         ("ocr_extract", "erp_match", "erp_post")),
)

SILENT_ROLE = Role("nightly-sync", "ops", "data-platform", "sync",
                   "Sync warehouse tables", ("Snapshot source", "Copy tables", "Verify counts"),
                   ("pg_dump", "s3_copy", "row_count"))
"""The agent that goes silent mid-task and shows up as stuck."""

MODELS: tuple[Model, ...] = (
    Model("claude-sonnet-4-20250514", 0.003, 0.015),
    Model("claude-haiku-3-5", 0.0008, 0.004),
    Model("gpt-4o", 0.0025, 0.01),
    Model("gpt-4o-mini", 0.00015, 0.0006),
    Model("gemini-1.5-pro", 0.00125, 0.005),
)


def role_for(index: int) -> tuple[str, Role]:
    """The agent id and role of the ``index``-th worker (ids stay unique past five agents)."""
    role = ROLES[index % len(ROLES)]
    round_ = index // len(ROLES)
    return (role.name if round_ == 0 else f"{role.name}-{round_ + 1}"), role
