// The worker's workflowsPath: every workflow type Kizuna registers.
export { wiringCheck } from './wiring-check';
export { friendScenario } from './friend-scenario';
export { segmentBroadcast } from './segment-broadcast';
export { retention } from './retention';
