import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";

const sh = (command: string, args: string[], cwd: string) => spawnSync(command, args, { cwd, encoding: "utf8", timeout: 120_000 });

// What someone who installs the package gets: the tarball `npm pack` makes from the built tree.
test("a consumer installs the packed library, type-checks against it with skipLibCheck: false, and runs npx flopsheet check", () => {
  const root = resolve(".");
  const dir = mkdtempSync(join(tmpdir(), "flopsheet-consumer-"));
  const pack = sh("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], root);
  expect(pack.status, pack.stderr).toBe(0);
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"))!;

  const app = join(dir, "app");
  spawnSync("mkdir", [app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const install = sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", join(dir, tarball)], app);
  expect(install.status, install.stderr).toBe(0);
  expect(install.stderr, "installing prints no warning").not.toMatch(/warn/i);

  writeFileSync(
    join(app, "use.ts"),
    [
      'import { derive, loadShipped, shippedSheetIds, type Derivation } from "flopsheet";',
      'import pkg from "flopsheet/package.json" with { type: "json" };',
      'const d: Derivation = derive(loadShipped("basu-2024"), "Total_FLOPs", { scenario: "section-4.2" });',
      "console.log(pkg.name, shippedSheetIds().length, d.value.q.toString());",
    ].join("\n"),
  );
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: false, noEmit: true, types: [], resolveJsonModule: true },
      include: ["use.ts"],
    }),
  );
  const tsc = sh(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "."], app);
  expect(tsc.stdout + tsc.stderr).toBe("");
  expect(tsc.status).toBe(0);

  // The shipped YAML is reachable through `exports`, for people who read or copy a sheet.
  const formula = sh(process.execPath, ["--input-type=module", "-e", 'import { createRequire } from "node:module"; console.log(createRequire(import.meta.url).resolve("flopsheet/formulas/basu-2024.yaml"))'], app);
  expect(formula.stdout.trim()).toMatch(/node_modules\/flopsheet\/formulas\/basu-2024\.yaml$/);

  const check = sh("npx", ["--no-install", "flopsheet", "check"], app);
  expect(check.status, check.stderr).toBe(0);
  expect(check.stdout).toContain("basu-2024: 16 checks, every outcome as declared");

  // The installed package writes the web page offline, the same files the build made.
  const page = sh("npx", ["--no-install", "flopsheet", "page", "-o", "page"], app);
  expect(page.status, page.stderr).toBe(0);
  expect(readdirSync(join(app, "page")).sort()).toEqual(["index.html", "page.css", "page.js"]);
  expect(readFileSync(join(app, "page", "page.js"), "utf8")).toBe(readFileSync(join(root, "dist", "web", "page.js"), "utf8"));
}, 180_000);
