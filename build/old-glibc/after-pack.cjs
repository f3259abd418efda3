'use strict';
// electron-builder afterPack hook (wired in build/electron-builder.yml). For linux x64 it
// swaps the upstream SQLite driver, which needs glibc 2.34, for the one rebuilt on glibc 2.31
// by build-linux-x64.sh, so that the .deb also starts on UOS 20 / Kylin V10. It runs after
// app.asar is written and before the .deb is made; the driver sits in app.asar.unpacked,
// where Electron loads it from disk, so the asar itself is untouched.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const X64 = 1; // builder-util's Arch.x64
const REBUILT = path.join(__dirname, 'out', 'linux-x64.node');
const RECORD = path.join(__dirname, 'out', 'linux-x64.glibc.txt');
const TARGET = ['resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds', 'linux-x64.node'];

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

async function afterPack(context) {
  if (context.electronPlatformName !== 'linux' || context.arch !== X64) return;
  if (process.env.JICENG_ALLOW_GLIBC_234 === '1') return;
  if (!fs.existsSync(REBUILT) || !fs.existsSync(RECORD)) {
    throw new Error(`缺少旧 glibc 版数据库驱动 ${REBUILT}：请先以 root 运行 build/old-glibc/build-linux-x64.sh（或设 JICENG_ALLOW_GLIBC_234=1 打只支持 glibc ≥ 2.34 的包）`);
  }
  const recorded = /^sha256: ([0-9a-f]{64})$/m.exec(fs.readFileSync(RECORD, 'utf8'));
  if (!recorded || recorded[1] !== sha256(REBUILT)) {
    throw new Error(`${REBUILT} 与 ${RECORD} 记录的 sha256 不符，请重新运行 build-linux-x64.sh`);
  }
  const target = path.join(context.appOutDir, ...TARGET);
  if (!fs.existsSync(target)) {
    throw new Error(`打包结果中没有 ${target}：asarUnpack 配置是否改了？`);
  }
  fs.copyFileSync(REBUILT, target);
}

exports.afterPack = afterPack;
exports.default = afterPack;
