export { Simulator, startSimulator, type ObservedRequest, type RunningSimulator, type SimulatorOptions } from './server.js';
export {
  SimulatorState,
  seedFromExamples,
  newId,
  START_SUCCESS,
  START_FAILED,
  type SimulatedPipeline,
  type SimulatedRun,
} from './state.js';
export {
  loadBundledDocument,
  listOperations,
  exampleValue,
  dereference,
  type ApiOperation,
  type OpenApiDocument,
} from './api-model.js';
export { ErrorCodes } from './errors.js';
export { FaultPlan, type Fault } from './faults.js';
export type { SimulatedCredential, AuthOptions } from './auth.js';
