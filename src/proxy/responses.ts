/**
 * The proxy's own answers: small JSON bodies in the engines' error shape
 * (`{ error: { type, reason }, status }`), so that dashboards show them like
 * engine errors. Reasons are the library's words, never engine text, and
 * never more than a short prefix of what the caller sent.
 *
 * @packageDocumentation
 */

// Longest piece of caller-sent text (a JSON pointer, a parameter name) echoed back.
const MAX_ECHO = 64;

/** Cuts caller-sent text to a short prefix. */
export function shortPrefix(text: string): string {
  return text.length <= MAX_ECHO ? text : `${text.slice(0, MAX_ECHO)}…`;
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** An error response in the engines' shape. */
export function errorResponse(status: number, type: string, reason: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return json(status, { error: { type, reason, ...extra }, status }, headers);
}
