import { readFileSync } from 'node:fs';
import { openTestApp } from '../helpers/app.ts';

// Child process of crash.test.ts: opens the county database in `dir`, says "start", imports
// one bundle and says the outcome. The parent kills it with SIGKILL at some point.
const [dir, bundlePath] = process.argv.slice(2);
const app = openTestApp({ dir: dir! });
const file = readFileSync(bundlePath!).toString('base64');
const signature = readFileSync(`${bundlePath!}.sig`, 'utf8');
process.stdout.write('start\n');
const r = await app.dispatcher.call('bundle.import', { fileName: 'crash.age', file, signature });
process.stdout.write(`${r.ok ? r.data.outcome : 'ERROR'}\n`);
app.close();
