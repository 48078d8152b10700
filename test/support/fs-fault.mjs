// Preloaded with `node --import` into the real CLI: makes writing a file fail as a full disk or a folder
// without write permission does, which a test running as root cannot arrange with chmod.
// GALLEY_FAULT=CODE:NAME fails every write of a file named NAME (a temp file of out/NAME, `*` for any).
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';

const [code, name] = (process.env.GALLEY_FAULT ?? '').split(':');
const writeFileSync = fs.writeFileSync;

/** The error Node gives for this fault: same message, code, errno and syscall. */
function errnoError(message, errno, syscall, path) {
  const e = new Error(path === undefined ? `${code}: ${message}, ${syscall}` : `${code}: ${message}, ${syscall} '${path}'`);
  return Object.assign(e, { errno, code, syscall }, path === undefined ? {} : { path });
}

fs.writeFileSync = function (path, data, options) {
  const target = typeof path === 'string' ? /^\.(.+)\.\d+\.[0-9a-f]{8}\.tmp$/.exec(basename(path))?.[1] : undefined;
  if (target === undefined || (name !== '*' && target !== name)) return writeFileSync.call(this, path, data, options);
  if (code === 'ENOSPC') {
    // A full disk fails part-way: the temp file exists and holds the first part of the data.
    writeFileSync.call(this, path, data.subarray(0, data.length >> 1), options);
    throw errnoError('no space left on device', -28, 'write');
  }
  if (code === 'EACCES') throw errnoError('permission denied', -13, 'open', path);
  throw new Error(`fs-fault.mjs: no such fault ${code}`);
};
syncBuiltinESMExports();
