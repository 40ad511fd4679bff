/**
 * Row (f), the floor: for each workload, the cheapest closure that selects
 * the same documents among those written with nested keys only. It is a
 * reference, not a competitor: it shows what a scan costs when nothing is
 * left but the memory reads themselves, so a table can tell "slower than it
 * needs to be" apart from "no implementation can be faster here".
 *
 * Every closure is written by hand with literal property names
 * (`d.http?.request?.method === 'GET'`): each read site gets its own inline
 * cache, which is what makes this the floor. Deliberately no keyed reads
 * (`d[k]`) and no shared helper taking a path. Like sift, mingo and
 * @ucast/js it does not read dotted keys (`{"a.b": x}`), so it may miss
 * dotted-key matches; on every nested document it must agree with (a).
 *
 * The value rules are those of (a) and the libraries, as far as this data
 * needs them: strings exact; a numeric filter value matches the number or
 * the numeric string (`200` or `"200"`); a field that is an array in the data
 * (`tags`, `event.category`, `related.ip`, `kafka.isr`) matches when any
 * element does, and is compared as a scalar when it is not an array. Fields
 * that are never arrays in this data are compared as scalars. An `AND`
 * evaluates its filters in the order the workload lists them.
 */

/**
 * The fields the closures read, as a document may carry them. Only a type:
 * at run time `?.` on a missing or non-object value just yields `undefined`.
 */
interface Doc {
  readonly cloud?: { readonly region?: unknown };
  readonly event?: {
    readonly category?: unknown;
    readonly dataset?: unknown;
    readonly kind?: unknown;
    readonly outcome?: unknown;
  };
  readonly host?: { readonly name?: unknown };
  readonly http?: {
    readonly request?: { readonly method?: unknown };
    readonly response?: { readonly status_code?: unknown };
  };
  readonly kafka?: { readonly isr?: unknown };
  readonly kubernetes?: { readonly namespace?: unknown };
  readonly log?: { readonly level?: unknown };
  readonly process?: { readonly name?: unknown };
  readonly related?: { readonly ip?: unknown };
  readonly service?: { readonly environment?: unknown; readonly name?: unknown };
  readonly system?: { readonly auth?: { readonly ssh?: { readonly event?: unknown } } };
  readonly tags?: unknown;
  readonly url?: { readonly extension?: unknown };
  readonly user?: { readonly name?: unknown };
}

type Floor = (doc: unknown) => boolean;

// ---------------------------------------------------------------------------
// Generated ECS-like documents (bench/synthetic-workloads.ts)
// ---------------------------------------------------------------------------

/** Floor (reference, not a competitor) of `service.name = checkout`. */
export const floorServiceName: Floor = (doc) => (doc as Doc).service?.name === 'checkout';

/**
 * Floor (reference, not a competitor) of `http.request.method = GET AND
 * kubernetes.namespace = shop AND service.environment = production`.
 */
export const floorAnd3: Floor = (doc) => {
  const d = doc as Doc;
  return d.http?.request?.method === 'GET' && d.kubernetes?.namespace === 'shop' && d.service?.environment === 'production';
};

/**
 * Floor (reference, not a competitor) of `http.response.status_code` = 500
 * OR 502 OR 503: a number or, as about 1% of the documents carry it, a string.
 */
export const floorStatus5xx: Floor = (doc) => {
  const s = (doc as Doc).http?.response?.status_code;
  return s === 500 || s === 502 || s === 503 || s === '500' || s === '502' || s === '503';
};

/** Floor (reference, not a competitor) of `tags = canary` (an array). */
export const floorTagsCanary: Floor = (doc) => {
  const t = (doc as Doc).tags;
  return Array.isArray(t) ? t.includes('canary') : t === 'canary';
};

/**
 * Floor (reference, not a competitor) of the 10-filter `AND`: `cloud.region`,
 * `event.category` (array), `event.kind`, `event.outcome`,
 * `http.request.method`, `http.response.status_code` (200 or "200"),
 * `kubernetes.namespace`, `log.level`, `service.environment`, `tags` (array),
 * in that order.
 */
export const floorAnd10: Floor = (doc) => {
  const d = doc as Doc;
  if (d.cloud?.region !== 'us-east-1') return false;
  const category = d.event?.category;
  if (!(Array.isArray(category) ? category.includes('web') : category === 'web')) return false;
  if (d.event?.kind !== 'event') return false;
  if (d.event?.outcome !== 'success') return false;
  if (d.http?.request?.method !== 'GET') return false;
  const status = d.http?.response?.status_code;
  if (status !== 200 && status !== '200') return false;
  if (d.kubernetes?.namespace !== 'shop') return false;
  if (d.log?.level !== 'info') return false;
  if (d.service?.environment !== 'production') return false;
  const tags = d.tags;
  return Array.isArray(tags) ? tags.includes('prod') : tags === 'prod';
};

// ---------------------------------------------------------------------------
// Real logs (bench/real-logs.ts). Field shapes checked in the files: status
// codes are numbers, `related.ip` and `event.category` arrays of strings,
// `kafka.isr` an array of numbers (sometimes empty), everything else strings.
// ---------------------------------------------------------------------------

/** apache-access-2015 floor (reference, not a competitor): `http.response.status_code = 404`. */
export const floorApacheStatus404: Floor = (doc) => {
  const s = (doc as Doc).http?.response?.status_code;
  return s === 404 || s === '404';
};

/** apache-access-2015 floor (reference, not a competitor): `event.outcome = success AND http.request.method = GET AND url.extension = png`. */
export const floorApacheAnd3: Floor = (doc) => {
  const d = doc as Doc;
  return d.event?.outcome === 'success' && d.http?.request?.method === 'GET' && d.url?.extension === 'png';
};

/** apache-access-2015 floor (reference, not a competitor): `http.response.status_code` = 301 OR 304 OR 404. */
export const floorApacheStatusAnyOf: Floor = (doc) => {
  const s = (doc as Doc).http?.response?.status_code;
  return s === 301 || s === 304 || s === 404 || s === '301' || s === '304' || s === '404';
};

/** apache-access-2015 floor (reference, not a competitor): `related.ip = 66.249.73.135` (an array). */
export const floorApacheRelatedIp: Floor = (doc) => {
  const ip = (doc as Doc).related?.ip;
  return Array.isArray(ip) ? ip.includes('66.249.73.135') : ip === '66.249.73.135';
};

/** kafka-broker-2016 floor (reference, not a competitor): `log.level = ERROR`. */
export const floorKafkaLevel: Floor = (doc) => (doc as Doc).log?.level === 'ERROR';

/** kafka-broker-2016 floor (reference, not a competitor): `event.dataset = kafka.server AND host.name = kafka0 AND log.level = INFO`. */
export const floorKafkaAnd3: Floor = (doc) => {
  const d = doc as Doc;
  return d.event?.dataset === 'kafka.server' && d.host?.name === 'kafka0' && d.log?.level === 'INFO';
};

/** kafka-broker-2016 floor (reference, not a competitor): `log.level` = DEBUG OR ERROR OR WARN. */
export const floorKafkaLevelAnyOf: Floor = (doc) => {
  const l = (doc as Doc).log?.level;
  return l === 'DEBUG' || l === 'ERROR' || l === 'WARN';
};

/**
 * kafka-broker-2016 floor (reference, not a competitor): `kafka.isr = 2`, an
 * array of numbers, so an element matches as the number 2 or the string "2".
 */
export const floorKafkaIsr: Floor = (doc) => {
  const isr = (doc as Doc).kafka?.isr;
  if (Array.isArray(isr)) {
    for (let i = 0; i < isr.length; i++) {
      const e: unknown = isr[i];
      if (e === 2 || e === '2') return true;
    }
    return false;
  }
  return isr === 2 || isr === '2';
};

/** linux-auth-2017 floor (reference, not a competitor): `user.name = root`. */
export const floorAuthUser: Floor = (doc) => (doc as Doc).user?.name === 'root';

/** linux-auth-2017 floor (reference, not a competitor): `event.outcome = failure AND process.name = sshd AND system.auth.ssh.event = Invalid`. */
export const floorAuthAnd3: Floor = (doc) => {
  const d = doc as Doc;
  return d.event?.outcome === 'failure' && d.process?.name === 'sshd' && d.system?.auth?.ssh?.event === 'Invalid';
};

/** linux-auth-2017 floor (reference, not a competitor): `user.name` = admin OR root OR ubuntu. */
export const floorAuthUserAnyOf: Floor = (doc) => {
  const u = (doc as Doc).user?.name;
  return u === 'admin' || u === 'root' || u === 'ubuntu';
};

/** linux-auth-2017 floor (reference, not a competitor): `event.category = authentication` (an array). */
export const floorAuthCategory: Floor = (doc) => {
  const c = (doc as Doc).event?.category;
  return Array.isArray(c) ? c.includes('authentication') : c === 'authentication';
};

/** nasa-ksc-http-1995 floor (reference, not a competitor): `http.response.status_code = 304`. */
export const floorNasaStatus304: Floor = (doc) => {
  const s = (doc as Doc).http?.response?.status_code;
  return s === 304 || s === '304';
};

/** nasa-ksc-http-1995 floor (reference, not a competitor): `http.request.method = GET AND http.response.status_code = 200 AND url.extension = gif`. */
export const floorNasaAnd3: Floor = (doc) => {
  const d = doc as Doc;
  if (d.http?.request?.method !== 'GET') return false;
  const s = d.http?.response?.status_code;
  return (s === 200 || s === '200') && d.url?.extension === 'gif';
};

/** nasa-ksc-http-1995 floor (reference, not a competitor): `url.extension` = html OR jpg OR mpg. */
export const floorNasaExtensionAnyOf: Floor = (doc) => {
  const x = (doc as Doc).url?.extension;
  return x === 'html' || x === 'jpg' || x === 'mpg';
};

/** nasa-ksc-http-1995 floor (reference, not a competitor): `related.ip = 129.188.154.200` (an array). */
export const floorNasaRelatedIp: Floor = (doc) => {
  const ip = (doc as Doc).related?.ip;
  return Array.isArray(ip) ? ip.includes('129.188.154.200') : ip === '129.188.154.200';
};
