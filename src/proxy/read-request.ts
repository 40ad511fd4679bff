/**
 * Reading a Fetch `Request` into the guard's input: the secret, the path,
 * the URL parameters and the body text, with the body read no further than
 * the guard's size limit.
 *
 * @packageDocumentation
 */
import type { SearchRequestInput } from '../guard/types.js';

/** Why a request could not be read; the proxy answers 400 or 401 with it. */
export class UnreadableRequest extends Error {
  constructor(
    readonly status: 400 | 401 | 413,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableRequest';
  }
}

/** What the proxy needs from a request. */
export interface ReadRequest {
  readonly secret: string;
  readonly input: SearchRequestInput;
}

const BEARER = /^Bearer +([^\s]+) *$/i;

/** The secret from `Authorization: Bearer <secret>` or the `token` query parameter (not both). */
function secretOf(request: Request, url: URL): string {
  const header = request.headers.get('authorization');
  const fromQuery = url.searchParams.getAll('token');
  if (fromQuery.length > 1) throw new UnreadableRequest(400, 'invalid_token_parameter', 'The token parameter is repeated.');
  const fromHeader = header === null ? undefined : BEARER.exec(header)?.[1];
  if (header !== null && fromHeader === undefined) throw new UnreadableRequest(401, 'invalid_authorization', 'Authorization must be "Bearer <secret>".');
  if (fromHeader !== undefined && fromQuery.length === 1) throw new UnreadableRequest(400, 'ambiguous_token', 'Send the secret in the Authorization header or the token parameter, not both.');
  const secret = fromHeader ?? fromQuery[0];
  if (secret === undefined || secret === '') throw new UnreadableRequest(401, 'missing_token', 'This request needs a shared token.');
  return secret;
}

function paramsOf(url: URL): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of new Set(url.searchParams.keys())) {
    if (name === 'token') continue;
    const values = url.searchParams.getAll(name);
    // The engine would read one of them; which one is not ours to guess.
    if (values.length > 1) throw new UnreadableRequest(400, 'repeated_parameter', 'A URL parameter is repeated.');
    params[name] = values[0] as string;
  }
  return params;
}

/** Reads the body as text, refusing it as soon as it passes `maxBytes`. */
async function bodyText(request: Request, maxBytes: number): Promise<string | undefined> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw new UnreadableRequest(413, 'request_too_large', `The body is larger than ${maxBytes} bytes.`);
  if (request.body === null) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new UnreadableRequest(413, 'request_too_large', `The body is larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  if (size === 0) return undefined;
  const joined = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(joined);
  } catch {
    throw new UnreadableRequest(400, 'invalid_body', 'The body is not UTF-8 text.');
  }
}

/** Reads `request` into the secret and the guard's input. */
export async function readRequest(request: Request, maxBodyBytes: number, pathPrefix: string): Promise<ReadRequest> {
  const url = new URL(request.url);
  const secret = secretOf(request, url);
  let path = url.pathname;
  if (pathPrefix !== '') {
    if (path !== pathPrefix && !path.startsWith(`${pathPrefix}/`)) throw new UnreadableRequest(400, 'unknown_path', 'This path is not served here.');
    path = path.slice(pathPrefix.length) || '/';
  }
  const body = await bodyText(request, maxBodyBytes);
  return { secret, input: { method: request.method, path, params: paramsOf(url), ...(body === undefined ? {} : { body }) } };
}
