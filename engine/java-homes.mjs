// Finds a JDK for each engine module. Engines need different Java releases
// (OpenSearch 2.19 runs on 17; OpenSearch 3 and Elasticsearch 8.19 need 21+),
// so one JAVA_HOME does not fit all.
//
// Order of preference for a module needing Java [min, max]:
//   1. JAVA17_HOME when min <= 17 <= max, JAVA21_HOME (any 21+) when min >= 21
//      (set by .ci/engines.sh, or by hand);
//   2. JAVA_HOME, if its release is in range;
//   3. the lowest release in range among /usr/lib/jvm/*.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The feature release (17, 21, 25, ...) of the JDK at `home`, or undefined. */
export function javaFeature(home) {
  const release = join(home, 'release');
  if (!existsSync(release) || !existsSync(join(home, 'bin', 'java'))) return undefined;
  const match = /^JAVA_VERSION="(\d+)/m.exec(readFileSync(release, 'utf8'));
  return match ? Number(match[1]) : undefined;
}

function installedJdks() {
  const base = '/usr/lib/jvm';
  if (!existsSync(base)) return [];
  const seen = new Set();
  const jdks = [];
  for (const name of readdirSync(base).sort()) {
    const home = join(base, name);
    const feature = javaFeature(home);
    if (feature === undefined) continue;
    // Debian lists one JDK under several names (symlinks); keep the first.
    const key = readFileSync(join(home, 'release'), 'utf8');
    if (seen.has(key)) continue;
    seen.add(key);
    jdks.push({ home, feature });
  }
  return jdks;
}

/**
 * The JDK home for a module, or an Error that says what to install.
 * @param {{ id: string, javaMin: number, javaMax: number }} module
 */
export function javaHomeFor(module, env = process.env) {
  const inRange = (feature) => feature !== undefined && feature >= module.javaMin && feature <= module.javaMax;
  const named = [];
  if (module.javaMin <= 17 && module.javaMax >= 17 && env.JAVA17_HOME) named.push(env.JAVA17_HOME);
  if (module.javaMin >= 21 && env.JAVA21_HOME) named.push(env.JAVA21_HOME);
  if (env.JAVA_HOME) named.push(env.JAVA_HOME);
  for (const home of named) if (inRange(javaFeature(home))) return home;
  const found = installedJdks().filter((jdk) => inRange(jdk.feature)).sort((a, b) => a.feature - b.feature);
  if (found.length > 0) return found[0].home;
  const wanted = module.javaMax >= 99 ? `${module.javaMin} or newer` : `${module.javaMin} to ${module.javaMax}`;
  return new Error(
    `${module.id} needs a JDK ${wanted}: none found in JAVA17_HOME/JAVA21_HOME/JAVA_HOME or /usr/lib/jvm (run .ci/engines.sh)`,
  );
}
