// The upstream gate's public face: the gate itself (./gate.ts), its errors and its types.
import "server-only";

export { UpstreamGate, createUpstreamGate } from "./gate";
export { BudgetExceededError } from "./budget";
export { KeyFailedError, type KeyFailure } from "./key-states";
export type { Endpoint, Priority, StaleReason } from "./policy";

export type { GateOptions, Freshness, UpstreamFailure, FetchRequest, CallRequest } from "./types";
