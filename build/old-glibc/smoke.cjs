'use strict';
// Smoke test for a rebuilt better-sqlite3 .node: loads it through the `nativeBinding` option,
// writes an encrypted database (PRAGMA hexkey), reads it back, and checks that a wrong key is
// refused. Plain CommonJS so that it also runs inside the old-glibc chroot.
// Usage: node smoke.cjs <file.node> [<better-sqlite3 package dir>] [<database file to also open>]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [nodeFile, pkgDir = path.join(__dirname, '../../node_modules/better-sqlite3'), foreign] = process.argv.slice(2);
if (!nodeFile) throw new Error('usage: node smoke.cjs <file.node> [pkgDir] [db]');
const Database = require(path.resolve(pkgDir));
const nativeBinding = path.resolve(nodeFile);
const key = '0f'.repeat(32);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-glibc-smoke-'));
const file = path.join(dir, 'smoke.db');

const open = (f, hex) => {
  const db = new Database(f, { nativeBinding });
  db.pragma(`hexkey='${hex}'`);
  return db;
};

const db = open(file, key);
const versions = db.prepare('SELECT sqlite_version() AS sqlite, sqlite3mc_version() AS mc').get();
db.exec('CREATE TABLE member (id INTEGER PRIMARY KEY, name TEXT NOT NULL, dues_fen INTEGER)');
db.prepare('INSERT INTO member (name, dues_fen) VALUES (?, ?)').run('张三', 1250);
db.close();

const header = fs.readFileSync(file).subarray(0, 16).toString('latin1');
if (header.startsWith('SQLite format 3')) throw new Error('database file is not encrypted');

const again = open(file, key);
const row = again.prepare('SELECT name, dues_fen FROM member').get();
again.close();
if (!row || row.name !== '张三' || row.dues_fen !== 1250) throw new Error(`round trip failed: ${JSON.stringify(row)}`);

let wrongKeyRefused = false;
try {
  const bad = open(file, 'ab'.repeat(32));
  bad.prepare('SELECT count(*) FROM member').get();
  bad.close();
} catch (err) {
  wrongKeyRefused = /not a database|encrypted/i.test(String(err && err.message));
}
if (!wrongKeyRefused) throw new Error('wrong key was not refused');

let foreignRows;
if (foreign) {
  const other = open(foreign, key);
  foreignRows = other.prepare('SELECT name, dues_fen FROM member').all();
  other.close();
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ ok: true, node: process.version, ...versions, row, wrongKeyRefused, foreignRows }));
