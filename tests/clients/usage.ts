// How a TypeScript dashboard uses the generated contract types. Never run, only type-checked
// (tests/clients/test_typescript_types.py runs `tsc --noEmit --strict` on it): it must stop
// compiling when the REST or WebSocket types lose or change what it relies on.
import type { components, operations, paths } from "../../generated/hiveboard_contract/rest-api";
import type { ClientFrame, ServerFrame, StreamEvent } from "../../generated/hiveboard_contract/ws-frames";

type Schemas = components["schemas"];
type Json<Op extends keyof operations, Status extends keyof operations[Op]["responses"]> =
  operations[Op]["responses"][Status] extends { content: { "application/json": infer T } } ? T : never;

export const batch: Schemas["IngestBatch"] = {
  envelope: { agent_id: "lead-qualifier", agent_type: "sales", environment: "production" },
  events: [
    {
      event_id: "evt-1",
      timestamp: "2026-02-10T14:00:00.000Z",
      event_type: "custom",
      task_id: "task-1",
      payload: { kind: "llm_call", summary: "plan", data: { model: "claude-sonnet", cost: 0.004 } },
    },
  ],
};

// @ts-expect-error: event_type is required, so the types are strict, not `any`.
export const incomplete: Schemas["IngestEvent"] = { event_id: "evt-2", timestamp: "2026-02-10T14:00:00Z" };

export type AgentsQuery = NonNullable<operations["listAgents"]["parameters"]["query"]>;
export const stuckFirst: AgentsQuery = { status: ["stuck", "error"], sort: "attention", limit: 50 };

export function attention(page: Json<"listAgents", 200>): string[] {
  return page.data
    .filter((agent) => agent.status === "stuck" || agent.status === "error")
    .map((agent) => `${agent.agent_id}: ${agent.stats_1h.tasks_failed} failed tasks`);
}

export function nextCursor(page: Json<"listEvents", 200>): string | null {
  return page.pagination.has_more ? page.pagination.cursor : null;
}

export function describe(error: Json<"getAgent", 404>): string {
  return `${error.status} ${error.error}: ${error.message}`;
}

export function totalCost(summary: Json<"getCostSummary", 200>): number {
  return summary.totals.cost;
}

export const ingestPath: keyof paths = "/v1/ingest";

export const subscribe: ClientFrame = {
  action: "subscribe",
  channels: ["events", "agents"],
  filters: { min_severity: "warn", event_types: ["task_failed", "escalated"] },
};

export function onFrame(frame: ServerFrame): string {
  switch (frame.type) {
    case "connected":
      return `${frame.connection_id} speaks ${frame.contract_version}`;
    case "event.new":
      return label(frame.data);
    case "agent.stuck":
      return `${frame.data.agent_id} is stuck`;
    default:
      return frame.type;
  }
}

function label(event: StreamEvent): string {
  return `${event.agent_id} ${event.event_type} ${event.severity}`;
}
