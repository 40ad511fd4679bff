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
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value === undefined) continue;
      headers.set(name, typeof value === 'string' ? value : value.join(', '));
    }
    const method = (incoming.method ?? 'GET').toUpperCase();
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
    const response = await handler(new Request(new URL(incoming.url ?? '/', origin), init));
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      out[name] = value;
    });
    outgoing.writeHead(response.status, out);
    outgoing.end(new Uint8Array(await response.arrayBuffer()));
  };
}
