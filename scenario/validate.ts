// validate(): every problem in a scenario graph at once, each with a stable code, a plain message and its place; never throws.
import type { z } from 'zod';
import type { CouponRef } from './coupons';
import type { AttributeDefinition } from './friend';
import { cyclicComponents, reachableFrom } from './graph';
import { alwaysWaits, checkNode, outputLabelOf, outputsOf } from './nodes';
import { EdgeSchema, NodeSchema, SCHEMA_VERSION, SettingsSchema, type ScenarioEdge, type ScenarioGraph, type ScenarioNode } from './schema';

export type ValidationIssue = {
  code: string;
  /** Plain English a marketer understands. */
  message: string;
  messageJa?: string;
  nodeId?: string;
  edgeId?: string;
  path: (string | number)[];
};
export type ValidateContext = {
  attributes?: readonly AttributeDefinition[];
  /** The account's coupons on LINE: a coupon message naming an unknown or closed one is an issue. */
  coupons?: readonly CouponRef[];
};

type Path = (string | number)[];
const zodPath = (p: readonly PropertyKey[]): Path => p.map((k) => (typeof k === 'number' ? k : String(k)));

function schemaIssues(error: z.ZodError, base: Path, ids: { nodeId?: string; edgeId?: string }): ValidationIssue[] {
  return error.issues.map((i) => ({
    code: 'schema_invalid',
    message: `${[...base, ...zodPath(i.path)].join('.') || 'graph'}: ${i.message}`,
    messageJa: `形式が正しくありません（${[...base, ...zodPath(i.path)].join('.')}）`,
    ...ids,
    path: [...base, ...zodPath(i.path)],
  }));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): string | undefined => (isRecord(v) && typeof v.id === 'string' ? v.id : undefined);

export function validate(graph: unknown, ctx: ValidateContext = {}): ValidationIssue[] {
  return validateAndParse(graph, ctx).issues;
}

/**
 * validate(), also handing back the graph as ScenarioGraphSchema parses it when there is no issue, so compile() does not
 * parse every node a second time (the pieces are parsed with the same schemas, in the same order).
 */
export function validateAndParse(graph: unknown, ctx: ValidateContext = {}): { issues: ValidationIssue[]; graph: ScenarioGraph | null } {
  try {
    return validateUnsafe(graph, ctx);
  } catch (e) {
    const message = `Validation failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`;
    return { issues: [{ code: 'internal_error', message, path: [] }], graph: null };
  }
}

function validateUnsafe(graph: unknown, ctx: ValidateContext): { issues: ValidationIssue[]; graph: ScenarioGraph | null } {
  const issues: ValidationIssue[] = [];
  if (!isRecord(graph)) {
    issues.push({
      code: 'schema_invalid',
      message: 'A scenario must be a JSON object.',
      messageJa: 'シナリオはJSONオブジェクトである必要があります。',
      path: [],
    });
    return { issues, graph: null };
  }
  if (graph.schemaVersion !== SCHEMA_VERSION) {
    issues.push({
      code: 'schema_version',
      message: `Unsupported schemaVersion ${JSON.stringify(graph.schemaVersion)}; this version of Kizuna reads ${SCHEMA_VERSION}.`,
      messageJa: 'schemaVersion が対応していません。',
      path: ['schemaVersion'],
    });
  }
  const settings = SettingsSchema.safeParse(graph.settings);
  if (!settings.success) issues.push(...schemaIssues(settings.error, ['settings'], {}));
  else if (
    settings.data.quietHours &&
    settings.data.quietHours !== 'account' &&
    settings.data.quietHours.start === settings.data.quietHours.end
  ) {
    issues.push({
      code: 'quiet_hours_empty',
      message: 'Quiet hours start and end at the same time, so they never apply.',
      messageJa: '配信停止時間の開始と終了が同じです。',
      path: ['settings', 'quietHours'],
    });
  }
  const timeZone = settings.success ? settings.data.timeZone : 'Asia/Tokyo';
  // Unknown when the settings do not parse (their own issue says so): no split is then blamed for a missing goal.
  const goal = settings.success ? { hasGoal: settings.data.goal !== undefined } : {};

  // Nodes: parse one by one so one broken node does not hide the rest of the graph.
  const rawNodes = Array.isArray(graph.nodes) ? graph.nodes : [];
  if (!Array.isArray(graph.nodes)) issues.push({ code: 'schema_invalid', message: 'nodes must be a list.', path: ['nodes'] });
  const rawEdges = Array.isArray(graph.edges) ? graph.edges : [];
  if (!Array.isArray(graph.edges)) issues.push({ code: 'schema_invalid', message: 'edges must be a list.', path: ['edges'] });

  const known = new Map<string, { index: number; kind: unknown; node: ScenarioNode | null }>();
  rawNodes.forEach((raw, index) => {
    const id = idOf(raw);
    const parsed = NodeSchema.safeParse(raw);
    if (!parsed.success) issues.push(...schemaIssues(parsed.error, ['nodes', index], id ? { nodeId: id } : {}));
    if (id === undefined) return;
    if (known.has(id)) {
      issues.push({
        code: 'duplicate_node_id',
        message: `Two steps share the id "${id}".`,
        messageJa: `ステップID「${id}」が重複しています。`,
        nodeId: id,
        path: ['nodes', index, 'id'],
      });
      return;
    }
    known.set(id, { index, kind: isRecord(raw) ? raw.kind : undefined, node: parsed.success ? parsed.data : null });
  });

  const triggers = [...known.entries()].filter(([, n]) => n.kind === 'trigger');
  if (triggers.length === 0)
    issues.push({
      code: 'trigger_missing',
      message: 'The scenario has no trigger, so no friend can enter it.',
      messageJa: '開始条件（トリガー）がありません。',
      path: ['nodes'],
    });
  for (const [id, n] of triggers.slice(1)) {
    issues.push({
      code: 'trigger_multiple',
      message: 'A scenario has exactly one trigger; remove this extra one.',
      messageJa: 'トリガーは1つだけにしてください。',
      nodeId: id,
      path: ['nodes', n.index],
    });
  }

  // Edges
  const edges: ScenarioEdge[] = [];
  const edgeIds = new Set<string>();
  const used = new Map<string, string>();
  rawEdges.forEach((raw, index) => {
    const parsed = EdgeSchema.safeParse(raw);
    const id = idOf(raw);
    if (!parsed.success) return issues.push(...schemaIssues(parsed.error, ['edges', index], id ? { edgeId: id } : {}));
    const e = parsed.data;
    const at = { edgeId: e.id, path: ['edges', index] };
    if (edgeIds.has(e.id))
      issues.push({
        code: 'duplicate_edge_id',
        message: `Two connections share the id "${e.id}".`,
        messageJa: '接続IDが重複しています。',
        ...at,
      });
    edgeIds.add(e.id);
    const source = known.get(e.source);
    const target = known.get(e.target);
    if (!source)
      issues.push({
        code: 'edge_unknown_source',
        message: `A connection starts at "${e.source}", which is not a step.`,
        messageJa: '接続元のステップが存在しません。',
        ...at,
      });
    if (!target)
      issues.push({
        code: 'edge_unknown_target',
        message: `A connection leads to "${e.target}", which is not a step.`,
        messageJa: '接続先のステップが存在しません。',
        ...at,
      });
    if (!source || !target) return;
    if (target.kind === 'trigger') {
      return issues.push({
        code: 'edge_into_trigger',
        message: 'Nothing can lead back into the trigger; friends only enter through it.',
        messageJa: 'トリガーへは接続できません。',
        nodeId: e.target,
        ...at,
      });
    }
    if (source.node && !outputsOf(source.node).includes(e.sourceHandle)) {
      return issues.push({
        code: 'edge_unknown_output',
        message: `This step has no output "${e.sourceHandle}"; connect one of its own outputs instead.`,
        messageJa: 'このステップにない出力からの接続です。ステップの出力からつなぎ直してください。',
        nodeId: e.source,
        ...at,
      });
    }
    const key = `${e.source}\u0000${e.sourceHandle}`;
    if (used.has(key)) {
      return issues.push({
        code: 'output_connected_twice',
        message: `Output "${e.sourceHandle}" of step "${e.source}" is connected twice; a friend can only go one way.`,
        messageJa: '1つの出力に複数の接続があります。',
        nodeId: e.source,
        ...at,
      });
    }
    used.set(key, e.target);
    edges.push(e);
  });

  // Per-node: outputs left open, and each kind's own checks.
  for (const [id, { index, node }] of known) {
    if (!node) continue;
    for (const output of outputsOf(node)) {
      if (!used.has(`${id}\u0000${output}`)) {
        // The output by the words under its handle ('else', the case's label or condition), never its internal name.
        const en = outputLabelOf(node, output, 'en');
        const ja = outputLabelOf(node, output, 'ja');
        issues.push({
          code: 'output_unconnected',
          message: en
            ? `Output "${en}" of this step leads nowhere; connect it (to an End if nothing should follow).`
            : 'This step leads nowhere; connect it to the next step (to an End if nothing should follow).',
          messageJa: ja ? `出力「${ja}」が接続されていません。` : '次のステップに接続されていません（何も続かない場合は「終了」へ）。',
          nodeId: id,
          path: ['nodes', index],
        });
      }
    }
    for (const i of checkNode(node, { timeZone, ...goal, ...ctx }))
      issues.push({ ...i, nodeId: id, path: ['nodes', index, 'data', ...i.path] });
  }

  const adj = new Map<string, string[]>();
  for (const e of edges) adj.set(e.source, [...(adj.get(e.source) ?? []), e.target]);

  if (triggers.length > 0) {
    const reached = reachableFrom(
      triggers.map(([id]) => id),
      adj,
    );
    for (const [id, n] of known) {
      if (!reached.has(id))
        issues.push({
          code: 'node_unreachable',
          message: 'No path from the trigger reaches this step.',
          messageJa: 'トリガーからこのステップに到達できません。',
          nodeId: id,
          path: ['nodes', n.index],
        });
    }
  }

  // A cycle is safe only if some step on it always takes time; drop such steps and look for cycles left.
  const waitless = new Map<string, string[]>();
  for (const [id, list] of adj) {
    const n = known.get(id)?.node;
    if (n && alwaysWaits(n)) continue;
    waitless.set(
      id,
      list.filter((t) => {
        const m = known.get(t)?.node;
        return !(m && alwaysWaits(m));
      }),
    );
  }
  for (const comp of cyclicComponents([...waitless.keys()], waitless)) {
    const first = comp[0] ?? '';
    issues.push({
      code: 'cycle_without_wait',
      message: `The loop through ${comp.join(' → ')} has no wait of at least a minute, so a friend would go round it forever; add a wait with a duration.`,
      messageJa: `ループ（${comp.join(' → ')}）に待機がありません。時間指定の待機を追加してください。`,
      nodeId: first,
      path: ['nodes', known.get(first)?.index ?? 0],
    });
  }
  if (issues.length > 0 || !settings.success) return { issues, graph: null };
  // No issue: every node and edge parsed, ids are unique and every edge was kept, so these are the whole graph in order.
  const nodes = [...known.values()].flatMap((n) => (n.node ? [n.node] : []));
  return { issues, graph: { schemaVersion: SCHEMA_VERSION, settings: settings.data, nodes, edges } };
}
