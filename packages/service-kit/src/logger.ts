import { Writable } from 'node:stream';
import { pino, type DestinationStream, type Logger } from 'pino';
import { currentRequest } from './request-context.js';

export type { DestinationStream, Logger };

const redacted = '[redacted]';

// A credential wherever it sits in text: a data-export link's token, a
// `token=`/`password=` parameter, a Bearer header's value, any compact JWT.
const secretsInText: [RegExp, string][] = [
  [/\/export\/[^\s"'?#&]+/g, `/export/${redacted}`],
  [/\b(token|access_token|password|authorization)=[^\s"'&#]+/gi, `$1=${redacted}`],
  [/\bBearer\s+[^\s"',]+/gi, `Bearer ${redacted}`],
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]+/g, redacted],
];

/** `text` with every credential in it (export-link tokens, JWTs, `token=` values, Bearer headers) replaced by `[redacted]`. */
export function redactSecrets(text: string): string {
  let clean = text;
  for (const [pattern, replacement] of secretsInText) clean = clean.replace(pattern, replacement);
  return clean;
}

/** Keys whose values never reach a log line, whatever they hold. */
const secretKeys = /^(authorization|password|newPassword|currentPassword|token|jwtSecret|internalSecret|x-pacegraph-identity)$/i;

/** A log line's fields with credentials removed, however deep (up to a few levels) and whatever key holds them. */
function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  // pino serializes errors after this runs: make one plain (message, stack, cause) so its text is redacted too.
  if (value instanceof Error) return redactFields(pino.stdSerializers.err(value), depth);
  if (typeof value !== 'object' || value === null || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => redactFields(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, secretKeys.test(key) ? redacted : redactFields(inner, depth + 1)]),
  );
}

/** The request a line was logged for: its id, operation, and trace (`trace_id`/`span_id`, as OpenTelemetry names them in logs). */
function requestFields(): Record<string, string> {
  const request = currentRequest();
  if (!request) return {};
  const fields: Record<string, string> = { requestId: request.requestId };
  if (request.operationName) fields.operation = request.operationName;
  if (request.traceId) fields.trace_id = request.traceId;
  if (request.spanId) fields.span_id = request.spanId;
  return fields;
}

/**
 * Structured JSON logs, one logger per service, tagged with its name. A line
 * logged while a request is served carries its request id, operation name
 * and trace id. No
 * credential reaches a line, on any route: fields named like one are
 * replaced, and tokens inside any text (a URL, an error's message and
 * stack, the message itself) are cut out.
 */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: requestFields,
    // Errors are plain objects by now (redactFields), so they pass as they are.
    serializers: { err: (value: unknown) => (value instanceof Error ? pino.stdSerializers.err(value) : value) },
    formatters: { log: (fields: Record<string, unknown>) => redactFields(fields) as Record<string, unknown> },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...args: unknown[]) => void) {
        const [first, second] = args;
        const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
        // Without a message of its own, pino takes the error's, which no formatter sees.
        if (error instanceof Error && typeof second !== 'string') {
          return method.call(this, first instanceof Error ? { err: first } : first, redactSecrets(error.message));
        }
        return method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg)),
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * A log destination that keeps what is logged in memory, one entry a line:
 * `lines` as written, `records` parsed. For tests and tools that read what a
 * service logged.
 */
export function memoryLogDestination(): { destination: Writable; lines: string[]; records: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line.trim()),
      );
      done();
    },
  });
  return { destination, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
