/**
 * Serving a Fetch-API handler from `node:http`, without importing any Node
 * module: the request and response are used through the few members read
 * here, so the core stays free of `node:` imports.
 *
 * @packageDocumentation
 */

/** The members of `http.IncomingMessage` the listener reads. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** The members of `http.ServerResponse` the listener writes. */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: Uint8Array | string): unknown;
}

/**
 * Adapts a Fetch-API handler to a `node:http` request listener. The body is
 * streamed into the `Request`; headers that repeat are joined with `, `.
 *
 * @param handler - A `(Request) => Promise<Response>` handler, e.g. from `createSearchProxy`.
 * @param origin - The origin the `Request` URLs are built on. Default `http://localhost`.
 * @returns A listener for `http.createServer`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createSearchProxy, toNodeListener } from 'shared-tokens/proxy';
 *
 * createServer(toNodeListener(createSearchProxy(options))).listen(8080, '127.0.0.1');
 * ```
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  origin = 'http://localhost',
): (request: NodeRequestLike, response: NodeResponseLike) => Promise<void> {
  return async (incoming, outgoing) => {
    let request: Request;
    try {
      request = toRequest(incoming, origin);
    } catch {
      // A method the Fetch API forbids (TRACE, TRACK), a target `new URL` rejects, a header `Headers`
      // rejects, or a GET that carries a body: answer here, since a rejected listener promise ends the process.
      outgoing.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      outgoing.end('{"error":{"type":"bad_request","reason":"This request cannot be read."},"status":400}');
      return;
    }
    let response: Response;
    let body: Uint8Array;
    try {
      response = await handler(request);
      body = new Uint8Array(await response.arrayBuffer());
    } catch {
      // Any handler, not only the proxy's (which answers every failure itself), must not end the process.
      outgoing.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      outgoing.end('{"error":{"type":"internal_error","reason":"The request could not be served."},"status":500}');
      return;
    }
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      out[name] = value;
    });
    outgoing.writeHead(response.status, out);
    outgoing.end(body);
  };
}

function toRequest(incoming: NodeRequestLike, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    headers.set(name, typeof value === 'string' ? value : value.join(', '));
  }
  const method = (incoming.method ?? 'GET').toUpperCase();
  const target = incoming.url ?? '/';
  // An origin-form target is a path, even when it starts with `//` (else `new URL` reads an authority).
  const url = new URL(target.startsWith('/') ? `${origin.replace(/\/+$/, '')}${target}` : target, origin);
  const declaresBody = headers.has('transfer-encoding') || (headers.has('content-length') && headers.get('content-length') !== '0');
  // The Fetch API cannot carry a GET body; dropping it would run another search than the one asked.
  if ((method === 'GET' || method === 'HEAD') && declaresBody) throw new TypeError('GET with a body');
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody
    ? new ReadableStream<Uint8Array>({
        async start(controller) {
          const encoder = new TextEncoder();
          try {
            for await (const chunk of incoming) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
            controller.close();
          } catch (error) {
            controller.error(error);
          }
        },
      })
    : null;
  const init: RequestInit & { duplex?: 'half' } = { method, headers, body };
  if (hasBody) init.duplex = 'half';
  return new Request(url, init);
}
