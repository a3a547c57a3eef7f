// bench:engine's workflowsPath: the product's workflows plus the baselines it compares them with.
export * from '../../workflows/index';
export { benchBaseline, benchBaselineOwnQueue, benchBaselineParent } from './baseline-workflows';
