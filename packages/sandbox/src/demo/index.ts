// Data sets for the sandbox: the demo clusters and generated topologies for benchmarks.

export { TopologyBuilder } from './builder';
export { buildDemo, buildProd, buildStaging } from './demo';
export { buildGenerated, type GeneratedSpec } from './generated';
