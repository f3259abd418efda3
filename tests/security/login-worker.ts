// Runs in a worker thread (plain Node 24, type stripping): wrong logins against the shared
// keyring, as another window or process on the same computer would make them.
import { parentPort, workerData } from 'node:worker_threads';
import { Vault } from '../../core/security/vault.ts';

const { dbFile, username, attempts, now } = workerData as { dbFile: string; username: string; attempts: number; now: string };
const vault = new Vault(dbFile);
const answers: string[] = [];
for (let i = 0; i < attempts; i++) {
  const r = vault.checkPassword(username, 'Wrong-Pass-9!', new Date(now));
  answers.push(r.ok ? 'ok' : r.reason);
}
parentPort!.postMessage(answers);
