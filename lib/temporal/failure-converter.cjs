// The failure converter of Kizuna's workers and workflow bundle (by path: see WorkerOptions.dataConverter): error
// messages and stack traces travel in an encoded payload, which the payload codec encrypts. CommonJS, so the SDK's
// require() loads it in any process (tsx, vitest) and webpack bundles it for the workflow sandbox. Keep it in step
// with FAILURE_CONVERTER_OPTIONS in data-converter.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
