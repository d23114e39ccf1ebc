// The container files (Dockerfile, compose.yaml, deploy/nginx.conf, deploy/portcullis.env.example)
// agree with what the application reads: every variable they set is one the code reads, both
// instances share the same secrets, database and trusted proxy, the trusted proxy is nginx's fixed
// address, the data directory is absolute, and nginx forwards to both instances' port with the
// client's address. Then, where Docker's tools work, they check the files themselves (on machines
// without a daemon or the compose plugin those tests are skipped, saying why).

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isPostgresUrl } from "@/lib/db/url";
import { parseTrustedProxies } from "@/scripts/server/clientAddress";
import { ipInBlock, parseIpAddress, parseIpBlock } from "@/lib/policy/ipAddress";

// js-yaml is already installed (eslint depends on it); no dependency just for this test.
const yaml = createRequire(import.meta.url)("js-yaml") as { load(text: string): unknown };

const root = process.cwd();
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
  networks?: Record<string, { ipv4_address?: string }> | string[];
}
interface Compose {
  services: Record<string, Service>;
  networks: Record<string, { ipam?: { config: { subnet: string }[] } }>;
}

const compose = yaml.load(read("compose.yaml")) as Compose;
const instances = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);
const dockerfile = read("Dockerfile");
const nginx = read("deploy/nginx.conf");
const envExample = read("deploy/portcullis.env.example");

/** Every source file the server runs, as one text: where a variable name must appear to be read. */
function sourceText(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir))) {
      const rel = path.join(dir, name);
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
      else if (/\.(ts|tsx|mjs)$/.test(name)) files.push(rel);
    }
  };
  for (const dir of ["lib", "scripts", "app"]) walk(dir);
  return [...files, "next.config.ts", "prisma.config.ts"].map(read).join("\n");
}

describe("compose.yaml and the Dockerfile agree with the application", () => {
  it("runs two instances of the image, with the same environment", () => {
    expect(instances.map(([name]) => name)).toEqual(["portcullis-1", "portcullis-2"]);
    const [[, first], [, second]] = instances as [[string, Service], [string, Service]];
    expect(second.environment).toEqual(first.environment);
    expect(second.image).toBe(first.image);
    // The secrets are shared references, never literal values in the file.
    for (const name of ["NEXTAUTH_SECRET", "PORTCULLIS_SECRET_KEY"]) expect(first.environment?.[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
  });

  it("sets only variables the code reads, and every secret it interpolates is in the env file example", () => {
    const code = sourceText();
    const [, instance] = instances[0]!;
    const names = Object.keys(instance.environment ?? {});
    expect(names).toEqual(expect.arrayContaining(["DATABASE_URL", "NEXTAUTH_SECRET", "PORTCULLIS_SECRET_KEY", "PORTCULLIS_TRUSTED_PROXIES", "NEXTAUTH_URL"]));
    for (const name of names) expect(code, `${name} is read somewhere in lib/, scripts/ or app/`).toContain(name);
    for (const name of [...dockerfile.matchAll(/^\s*(?:ENV\s+)?([A-Z_]+)=/gm)].map((m) => m[1]!)) expect(code, `${name} (Dockerfile ENV)`).toContain(name);
    const interpolated = new Set([...read("compose.yaml").matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]!));
    for (const name of interpolated) expect(envExample, `${name} in deploy/portcullis.env.example`).toMatch(new RegExp(`^${name}=`, "m"));
  });

  it("points both instances at the postgres service, which they wait for until it is healthy", () => {
    const [, instance] = instances[0]!;
    const url = instance.environment!.DATABASE_URL!.replace(/\$\{[^}]+\}/g, "secret");
    expect(isPostgresUrl(url)).toBe(true);
    expect(new URL(url).hostname).toBe("postgres");
    expect(compose.services.postgres?.image).toMatch(/^postgres:15/);
    expect(compose.services.postgres?.healthcheck?.test.join(" ")).toMatch(/pg_isready/);
    expect(compose.services.postgres?.volumes?.[0]).toMatch(/:\/var\/lib\/postgresql\/data$/);
    for (const [, s] of instances) expect(s.depends_on?.postgres).toEqual({ condition: "service_healthy" });
    // One migration at a time: the second instance starts after the first is healthy.
    expect(compose.services["portcullis-2"]?.depends_on?.["portcullis-1"]).toEqual({ condition: "service_healthy" });
  });

  it("trusts X-Forwarded-For only from the proxy's fixed address", () => {
    const [, instance] = instances[0]!;
    const proxy = compose.services.proxy!;
    const networks = proxy.networks as Record<string, { ipv4_address?: string }>;
    const [networkName, { ipv4_address }] = Object.entries(networks)[0]!;
    expect(instance.environment!.PORTCULLIS_TRUSTED_PROXIES).toBe(ipv4_address);
    expect(parseTrustedProxies(instance.environment!.PORTCULLIS_TRUSTED_PROXIES)).toHaveLength(1);
    const subnet = parseIpBlock(compose.networks[networkName]!.ipam!.config[0]!.subnet)!;
    expect(ipInBlock(parseIpAddress(ipv4_address!)!, subnet)).toBe(true);
  });

  it("keeps the data directory absolute, in a volume the non-root user owns", () => {
    const dataDir = dockerfile.match(/PORTCULLIS_DATA_DIR=(\S+)/)?.[1];
    expect(dataDir).toBe("/var/lib/portcullis");
    expect(path.isAbsolute(dataDir!)).toBe(true);
    for (const [, s] of instances) {
      expect(s.environment!.PORTCULLIS_DATA_DIR).toBe(dataDir);
      expect(s.volumes?.[0]).toMatch(new RegExp(`:${dataDir}$`));
    }
    expect(dockerfile).toMatch(new RegExp(`VOLUME \\["${dataDir}"\\]`));
    expect(dockerfile).toMatch(new RegExp(`chown portcullis:portcullis ${dataDir}`));
    const user = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].pop()?.[1];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
  });

  it("builds with npm ci and npm run build on node:20-bookworm-slim, starts with npm start, checks /signin", () => {
    expect([...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1])).toEqual(["node:20-bookworm-slim", "node:20-bookworm-slim"]);
    expect(dockerfile).toMatch(/^RUN npm ci$/m);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^CMD \["npm", "start"\]$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/signin/m);
    // The scripts the image runs exist.
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    for (const name of ["build", "start"]) expect(scripts[name]).toBeDefined();
    const ignored = read(".dockerignore").split("\n");
    for (const entry of ["node_modules", ".env", "deploy/*.env", "data", ".next"]) expect(ignored).toContain(entry);
  });

  it("has nginx round-robin over both instances on their port, passing the client's address", () => {
    const port = instances[0]![1].environment!.PORT;
    const upstream = nginx.match(/upstream portcullis \{([^}]*)\}/)?.[1] ?? "";
    const servers = [...upstream.matchAll(/^\s*server\s+([\w.-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(servers).toEqual(instances.map(([name]) => `${name}:${port}`));
    expect(upstream).not.toMatch(/ip_hash|hash |least_conn/);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/);
    const listen = nginx.match(/listen (\d+);/)?.[1];
    expect(compose.services.proxy!.ports).toEqual([`${listen}:${listen}`]);
    expect(compose.services.proxy!.volumes).toEqual(["./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro"]);
  });
});

/** Whether a command works here, and if not the first line of why. */
function commandWorks(command: string, args: string[]): { ok: true } | { ok: false; reason: string } {
  const run = spawnSync(command, args, { encoding: "utf8", timeout: 20_000 });
  if (run.error) return { ok: false, reason: `${command} is not installed (${run.error.message})` };
  if (run.status !== 0) return { ok: false, reason: `\`${command} ${args.join(" ")}\` fails here: ${(run.stderr || run.stdout).trim().split("\n")[0]}` };
  return { ok: true };
}

const dockerWorks = (args: string[]) => commandWorks("docker", args);

describe("Docker's own checks, where the tools work", () => {
  it("docker compose config (or Debian's docker-compose 1.29) accepts compose.yaml with the example env file", (context) => {
    const plugin = dockerWorks(["compose", "version"]);
    const standalone = plugin.ok ? plugin : commandWorks("docker-compose", ["version"]);
    if (!standalone.ok) return context.skip(`${plugin.ok ? "" : plugin.reason}; ${standalone.reason}`);
    const [command, ...prefix] = plugin.ok ? ["docker", "compose"] : ["docker-compose"];
    const config = spawnSync(command!, [...prefix, "--env-file", "deploy/portcullis.env.example", "config", "--quiet"], { encoding: "utf8" });
    expect(config.status, config.stderr).toBe(0);
    // Without the secrets, compose refuses: they are required, never defaulted.
    const empty = path.join(mkdtempSync(path.join(tmpdir(), "portcullis-compose-")), "empty.env");
    writeFileSync(empty, "");
    const env = { ...process.env };
    for (const name of ["POSTGRES_PASSWORD", "NEXTAUTH_SECRET", "PORTCULLIS_SECRET_KEY"]) delete env[name];
    const bare = spawnSync(command!, [...prefix, "--env-file", empty, "config", "--quiet"], { encoding: "utf8", env });
    expect(bare.status).not.toBe(0);
    expect(bare.stderr).toMatch(/set (POSTGRES_PASSWORD|NEXTAUTH_SECRET|PORTCULLIS_SECRET_KEY) in deploy\/portcullis\.env/);
  });

  it("docker build --check finds nothing wrong with the Dockerfile", (context) => {
    const daemon = dockerWorks(["info", "--format", "{{.ServerVersion}}"]);
    if (!daemon.ok) return context.skip(daemon.reason);
    const buildx = dockerWorks(["buildx", "version"]);
    if (!buildx.ok) return context.skip(buildx.reason);
    const check = spawnSync("docker", ["build", "--check", "."], { encoding: "utf8", timeout: 120_000 });
    expect(check.status, check.stderr).toBe(0);
  });
});
