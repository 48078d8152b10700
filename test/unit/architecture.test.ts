// The floors of src/ (docs/architecture.md): every import points down the pipeline or along a floor, no
// module imports itself back through others, and no exporter imports another.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = normalize(join(import.meta.dirname, '../../src'));

/** Each folder's floor, lowest first: a module may import its own floor's and lower floors' modules. */
const FLOORS: Record<string, number> = {
  model: 0, patches: 1, normalize: 1, messages: 1, typeset: 2, markup: 3, exporters: 4, render: 5, pipeline: 6, serve: 7, cli: 8, 'index.ts': 9,
};

function modules(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return modules(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [relative(SRC, path)] : [];
  });
}

/** The modules of src/ a module imports, static or dynamic, types included. */
function importsOf(module: string): string[] {
  const text = readFileSync(join(SRC, module), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g)].map((m) => normalize(join(dirname(module), `${m[1]}.ts`)));
}

const floorOf = (module: string): number => {
  const floor = FLOORS[module.split('/')[0]!];
  if (floor === undefined) throw new Error(`${module}: in no floor of docs/architecture.md`);
  return floor;
};

const all = modules();
const graph = new Map(all.map((m) => [m, importsOf(m)]));

describe('src/ floors', () => {
  it('has every module in a floor, and every import resolves to a module', () => {
    for (const [module, imports] of graph) {
      floorOf(module);
      for (const target of imports) expect(all, `${module} imports ${target}`).toContain(target);
    }
  });

  it('imports only down the pipeline or along a floor', () => {
    const up = [...graph].flatMap(([module, imports]) => imports.filter((t) => floorOf(t) > floorOf(module)).map((t) => `${module} -> ${t}`));
    expect(up).toEqual([]);
  });

  it('has no import circle', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (module: string, path: string[]): void => {
      if (state.get(module) === 'done') return;
      if (state.get(module) === 'open') {
        circles.push([...path.slice(path.indexOf(module)), module].join(' -> '));
        return;
      }
      state.set(module, 'open');
      for (const t of graph.get(module) ?? []) visit(t, [...path, module]);
      state.set(module, 'done');
    };
    for (const m of all) visit(m, []);
    expect(circles).toEqual([]);
  });

  it('keeps exporters apart: none imports another, or the registry that lists them', () => {
    const exporterOf = (m: string) => (m.startsWith('exporters/') ? m.split('/')[1]!.replace(/\.ts$/, '') : null);
    const crossing = [...graph].flatMap(([module, imports]) => {
      const own = exporterOf(module);
      if (own === null || own === 'registry') return [];
      return imports.filter((t) => exporterOf(t) !== null && exporterOf(t) !== own).map((t) => `${module} -> ${t}`);
    });
    expect(crossing).toEqual([]);
  });

  it('reaches into other packages\' internals only from patches/', () => {
    // A private member of a library object: `._name`, or a table fontkit keeps unexported (GDEF).
    const reaching = all.filter((m) => !m.startsWith('patches/'))
      .filter((m) => /\)\._[a-zA-Z]|\bas unknown as \{ _|\.GDEF\b/.test(readFileSync(join(SRC, m), 'utf8')));
    expect(reaching).toEqual([]);
  });
});
