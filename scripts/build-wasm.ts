/**
 * Compiles src/summarizer/wasm/fingerprint.wat into fingerprint-wasm.ts (the module's bytes as
 * base64), so the app needs no WebAssembly tool at run time. Usage: npm run build:wasm
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWat, WASM_DIR, wasmModuleSource } from './wasm.ts';

const bytes = await compileWat(join(WASM_DIR, 'fingerprint.wat'));
const outPath = join(WASM_DIR, 'fingerprint-wasm.ts');
writeFileSync(outPath, wasmModuleSource('fingerprint.wat', bytes));
console.log(`wrote ${outPath} (${bytes.length} bytes of WebAssembly)`);
