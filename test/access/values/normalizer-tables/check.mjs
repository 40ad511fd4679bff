import fs from 'node:fs';
const read = (f) => new Map(fs.readFileSync(f,'utf8').trim().split('\n').filter(Boolean).map(l => { const [a,b] = l.split('\t'); return [parseInt(a,16), b]; }));
const fold = read('fold.17.txt');
const sets = {};
for (const kind of ['upper','lower']) {
  const a = read(`${kind}.17.txt`), b = read(`${kind}.25.txt`);
  const V = new Set();
  for (const cp of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(cp) ?? cp.toString(16), y = b.get(cp) ?? cp.toString(16);
    if (x !== y) { V.add(cp); V.add(parseInt(x,16)); V.add(parseInt(y,16)); }
  }
  // JS vs java17
  const jsDiff = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    const js = kind === 'upper' ? s.toUpperCase() : s.toLowerCase();
    const j = String.fromCodePoint(parseInt(a.get(cp) ?? cp.toString(16), 16));
    if (js !== j && !V.has(cp) && !/\p{Cn}/u.test(s)) jsDiff.push([cp, j.codePointAt(0), js]);
  }
  console.log(kind, 'V', V.size, 'js diffs', jsDiff.length, jsDiff.slice(0,5).map(([c,j,js])=>c.toString(16)+'->'+j.toString(16)+' js '+[...js].map(x=>x.codePointAt(0).toString(16)).join(',')).join(' '));
  const vf = [...V].filter(c => fold.has(c));
  console.log(kind, 'V folded', vf.map(c => c.toString(16)+'->'+fold.get(c)).join(' '));
  sets[kind] = { V: [...V].sort((x,y)=>x-y), jsDiff };
}
fs.writeFileSync('sets.json', JSON.stringify(sets));
