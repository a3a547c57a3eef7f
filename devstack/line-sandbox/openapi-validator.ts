// Loads LINE's OpenAPI specs and validates request and webhook bodies with ajv, reporting LINE-style error details.
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export type ErrorDetail = { message: string; property: string };

export type MessagingSchemaName =
  | 'PushMessageRequest'
  | 'MulticastRequest'
  | 'ValidateMessageRequest'
  | 'PushMessageResponse'
  | 'UserProfileResponse'
  | 'MessageQuotaResponse'
  | 'QuotaConsumptionResponse'
  | 'IssueLinkTokenResponse'
  | 'BotInfoResponse'
  | 'MarkMessagesAsReadByTokenRequest'
  | 'ReplyMessageRequest'
  | 'ShowLoadingAnimationRequest'
  | 'RichMenuRequest'
  | 'CreateRichMenuAliasRequest'
  | 'UpdateRichMenuAliasRequest'
  | 'CouponCreateRequest'
  | 'CouponResponse'
  | 'MessagingApiPagerCouponListResponse'
  | 'ErrorResponse';

/** Schemas of insight.yml the sandbox answers with (checked by its conformance tests). */
export type InsightSchemaName = 'GetRichMenuInsightSummaryResponse';

export interface LineValidator {
  /** Validates a body against a schema of messaging-api.yml; an empty array means valid. */
  messaging(schema: MessagingSchemaName, body: unknown): ErrorDetail[];
  /** Validates a webhook body against CallbackRequest of webhook.yml. */
  webhook(body: unknown): ErrorDetail[];
  /** Validates a body against a schema of insight.yml. */
  insight(schema: InsightSchemaName, body: unknown): ErrorDetail[];
}

/** The copy shipped beside this file, so a clone works on its own. */
export const bundledOpenApiDir = path.resolve(import.meta.dirname, 'openapi');

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const SpecSchema = z.object({ components: z.object({ schemas: z.record(z.string(), z.record(z.string(), z.unknown())) }) });
const REF_PREFIX = '#/components/schemas/';

/**
 * Limits LINE documents in its reference but leaves out of the OpenAPI files. Text length is counted in UTF-16
 * code units, as LINE counts it (an emoji outside the BMP is 2 characters).
 */
const OVERLAY: ReadonlyArray<{ schema: string; property: string; constraints: Json; required?: true }> = [
  { schema: 'TextMessage', property: 'text', constraints: { minLength: 1, maxLength: 5000 } },
  { schema: 'TextMessageV2', property: 'text', constraints: { minLength: 1, maxLength: 5000 } },
  { schema: 'TemplateMessage', property: 'altText', constraints: { minLength: 1, maxLength: 1500 } },
  { schema: 'FlexMessage', property: 'altText', constraints: { minLength: 1, maxLength: 1500 } },
  { schema: 'ImagemapMessage', property: 'altText', constraints: { minLength: 1, maxLength: 1500 } },
  { schema: 'ImageMessage', property: 'originalContentUrl', constraints: { maxLength: 2000, pattern: '^https://' } },
  { schema: 'ImageMessage', property: 'previewImageUrl', constraints: { maxLength: 2000, pattern: '^https://' } },
  { schema: 'PostbackAction', property: 'data', constraints: {}, required: true },
];

/** Deep-copies an OpenAPI 3.0 schema into JSON Schema: refs point at `definitions`, `nullable` becomes a null type. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isRecord(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'externalDocs' || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(REF_PREFIX, '#/definitions/');
    else out[key] = toJsonSchema(value);
  }
  if (node.nullable === true && typeof node.type === 'string') out.type = [node.type, 'null'];
  return out;
}

/**
 * OpenAPI discriminators here have no `oneOf`: a base names its subtypes in `mapping`, and each subtype extends the
 * base through `allOf`. Split every such base X into `X__base` (the common part, which subtypes extend) and X (the
 * base plus an if/then dispatch on the discriminator), so a reference to X validates the concrete subtype.
 */
function expandDiscriminators(defs: Record<string, Json>): void {
  for (const [name, schema] of Object.entries(defs)) {
    const disc = schema.discriminator;
    if (!isRecord(disc) || typeof disc.propertyName !== 'string' || !isRecord(disc.mapping)) continue;
    const prop = disc.propertyName;
    const mapping = Object.entries(disc.mapping).flatMap(([k, v]): Array<[string, string]> =>
      typeof v === 'string' ? [[k, `#/definitions/${v.replace(REF_PREFIX, '')}`]] : [],
    );
    const { discriminator: _dropped, ...base } = schema;
    defs[`${name}__base`] = base;
    for (const [, target] of mapping) {
      const sub = defs[target.replace('#/definitions/', '')];
      if (!sub || !Array.isArray(sub.allOf)) continue;
      sub.allOf = sub.allOf.map((part: unknown) =>
        isRecord(part) && part.$ref === `#/definitions/${name}` ? { $ref: `#/definitions/${name}__base` } : part,
      );
    }
    defs[name] = {
      allOf: [
        { $ref: `#/definitions/${name}__base` },
        { properties: { [prop]: { enum: mapping.map(([k]) => k) } } },
        ...mapping.map(([k, target]) => ({
          if: { properties: { [prop]: { const: k } }, required: [prop] },
          then: { $ref: target },
        })),
      ],
    };
  }
}

function applyOverlay(defs: Record<string, Json>): void {
  for (const { schema, property, constraints, required } of OVERLAY) {
    const root = defs[schema];
    if (!root) continue;
    if (required) root.required = [...(Array.isArray(root.required) ? root.required : []), property];
    const parts = [root, ...(Array.isArray(root.allOf) ? root.allOf.filter(isRecord) : [])];
    for (const part of parts) {
      const props = part.properties;
      const target = isRecord(props) ? props[property] : undefined;
      if (isRecord(target)) Object.assign(target, constraints);
    }
  }
}

function loadDefinitions(file: string): Record<string, Json> {
  const spec = SpecSchema.parse(parseYaml(fs.readFileSync(file, 'utf8')));
  const defs: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    const converted = toJsonSchema(schema);
    if (isRecord(converted)) defs[name] = converted;
  }
  expandDiscriminators(defs);
  applyOverlay(defs);
  return defs;
}

const LimitsSchema = z.looseObject({
  minItems: z.number().optional(),
  maxItems: z.number().optional(),
  minLength: z.number().optional(),
  maxLength: z.number().optional(),
});

/** `/messages/0/text` → `messages[0].text`, the way LINE names a property. */
export function toLineProperty(pointer: string, extra?: string): string {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) segments.push(extra);
  return segments.reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function detailFor(err: ErrorObject): ErrorDetail | null {
  const limits = LimitsSchema.safeParse(err.parentSchema);
  const l = limits.success ? limits.data : {};
  const property = toLineProperty(err.instancePath);
  switch (err.keyword) {
    case 'if':
    case 'allOf':
    case 'anyOf':
    case 'not':
      return null; // the nested errors name the real problem
    case 'required': {
      const missing = z.object({ missingProperty: z.string() }).safeParse(err.params);
      return {
        message: 'Must be specified',
        property: toLineProperty(err.instancePath, missing.success ? missing.data.missingProperty : ''),
      };
    }
    case 'minItems':
    case 'maxItems':
      return { message: `Size must be between ${l.minItems ?? 0} and ${l.maxItems ?? 2147483647}`, property };
    case 'minLength':
      if (l.minLength === 1 && err.data === '') return { message: 'May not be empty', property };
      return { message: `Length must be between ${l.minLength ?? 0} and ${l.maxLength ?? 2147483647}`, property };
    case 'maxLength':
      return { message: `Length must be between ${l.minLength ?? 0} and ${l.maxLength ?? 2147483647}`, property };
    case 'enum': {
      const allowed = z.object({ allowedValues: z.array(z.unknown()) }).safeParse(err.params);
      const values = allowed.success ? allowed.data.allowedValues.map(String).join(', ') : '';
      return { message: `Must be one of the following values: [${values}]`, property };
    }
    default:
      return { message: `${(err.message ?? 'Invalid value').replace(/^must/, 'Must')}`, property };
  }
}

function toDetails(errors: ErrorObject[] | null | undefined): ErrorDetail[] {
  const seen = new Set<string>();
  const out: ErrorDetail[] = [];
  for (const err of errors ?? []) {
    const d = detailFor(err);
    const key = d ? `${d.property}\u0000${d.message}` : '';
    if (d && !seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

function buildAjv(defs: Record<string, Json>, id: string): Ajv {
  // unicode: false makes maxLength count UTF-16 code units, as LINE does.
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, unicode: false, logger: false });
  addFormats(ajv);
  for (const f of ['int32', 'int64', 'float', 'double', 'binary', 'byte']) ajv.addFormat(f, true);
  ajv.addSchema({ $id: id, definitions: defs });
  return ajv;
}

const cache = new Map<string, LineValidator>();

/** Builds (once per directory) a validator over messaging-api.yml, webhook.yml and insight.yml found in `dir`. */
export function loadLineValidator(dir: string = bundledOpenApiDir): LineValidator {
  const cached = cache.get(dir);
  if (cached) return cached;
  const messagingAjv = buildAjv(loadDefinitions(path.join(dir, 'messaging-api.yml')), 'messaging');
  const webhookAjv = buildAjv(loadDefinitions(path.join(dir, 'webhook.yml')), 'webhook');
  const insightAjv = buildAjv(loadDefinitions(path.join(dir, 'insight.yml')), 'insight');
  const compiled = new Map<string, ValidateFunction>();
  const get = (ajv: Ajv, ref: string): ValidateFunction => {
    const hit = compiled.get(ref);
    if (hit) return hit;
    const fn = ajv.getSchema(ref);
    if (!fn) throw new Error(`LINE sandbox: schema ${ref} not found in ${dir}`);
    compiled.set(ref, fn);
    return fn;
  };
  const run = (fn: ValidateFunction, body: unknown): ErrorDetail[] => (fn(body) ? [] : toDetails(fn.errors));
  const validator: LineValidator = {
    messaging: (schema, body) => run(get(messagingAjv, `messaging#/definitions/${schema}`), body),
    webhook: (body) => run(get(webhookAjv, 'webhook#/definitions/CallbackRequest'), body),
    insight: (schema, body) => run(get(insightAjv, `insight#/definitions/${schema}`), body),
  };
  cache.set(dir, validator);
  return validator;
}
