// Runs every `bench:*` script of package.json one after another, each in its own process so one
// benchmark's memory and JIT state never colour another's figures.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};
const only = process.argv.slice(2);
const names = Object.keys(pkg.scripts)
  .filter((name) => name.startsWith('bench:'))
  .filter((name) => only.length === 0 || only.some((o) => name === `bench:${o}`));

let failed = 0;
for (const name of names) {
  console.log(`\n=== npm run ${name} ===`);
  const result = spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.log(`=== ${name} failed (exit ${result.status ?? result.signal}) ===`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
