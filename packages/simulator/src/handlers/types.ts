// What a handler receives and returns. Handlers receive an already-validated request, so they only hold
// the service's behaviour; the shapes they accept and return are checked against the document elsewhere.
import type { SimulatorState } from '../state.js';

export interface HandlerRequest {
  pathParameters: Record<string, string>;
  /** Query parameters, converted to the types the document declares. */
  query: Record<string, unknown>;
  body: any;
}
export interface HandlerResponse {
  status: number;
  body: unknown;
}
export type Handler = (state: SimulatorState, request: HandlerRequest) => HandlerResponse;

export const ok = (body: unknown): HandlerResponse => ({ status: 200, body });
