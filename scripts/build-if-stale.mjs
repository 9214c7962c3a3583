// npm start and npm test build only when something the build reads is newer than its last
// output (or there is none yet, as on the first run after install): a full build takes seconds.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
// The build's last outputs: the CLI's code cache, then the web page (each may be rebuilt alone).
const stamps = ["dist/cli/flopsheet.cache", "dist/web/index.html"].map((p) => join(root, p));

const newest = (path) => {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const inputs = ["src", "grammar", "formulas", "scripts", "web", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json"]
  .map((p) => join(root, p))
  .filter(existsSync);
// Generated sources under src/ are written by the build before its last output, so they never look newer.
const newestInput = Math.max(...inputs.map(newest));

if (stamps.some((stamp) => !existsSync(stamp) || statSync(stamp).mtimeMs < newestInput)) {
  const r = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  process.exit(r.status ?? 1);
}
