/**
 * `qrpay bench`: starts a real `qrpay serve` in its own process, seeds it through the API, and
 * drives it from a separate load-generator process. Reports complete payments per second, the
 * latency of each step, server CPU and peak memory, and, measured in the same run for context, the
 * ceiling of the HTTP stack (a minimal node:http server) and of PostgreSQL (pgbench tpcb-like).
 */
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJsonClient } from '../../bench/http-client.ts';
import type { WorkerConfig, WorkerResult } from '../../bench/load-worker.ts';
import { summarize } from '../../bench/stats.ts';
import { preloadPostgres, preloadSqlite } from '../../bench/preload.ts';
import { parseArgs } from './args.ts';
import type { CliIO } from './io.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const adminKey = 'qrp_admin_bench-operator-key-000000000000';
const tick = 100; // clock ticks per second in /proc (USER_HZ)

interface BenchOptions {
  store: 'sqlite' | 'postgres';
  dbUrl: string;
  durationS: number;
  concurrency: number;
  rate: number;
  terminals: number;
  merchants: number;
  wallets: number;
  baseline: boolean;
  /** Orders of history to load before measuring (the scale run). */
  preload: number;
  /** Write a V8 CPU profile of the server here (node --cpu-prof). */
  profileDir?: string | undefined;
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / tick;
}

function peakRssMiB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

async function startServer(options: BenchOptions, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const profile = options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir] : [];
  const args = [...profile, 'bin/qrpay.mjs', 'serve', '--port', '0', '--no-demo', '--quiet', '--data', dataDir];
  if (options.store === 'postgres') args.push('--db', options.dbUrl);
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, QRPAY_ADMIN_KEY: adminKey }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /API\s+(http:\/\/[^\s/]+)\/v1/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`qrpay serve exited with ${code}: ${out}`)));
  });
  return { child, url };
}

async function seed(url: string, options: BenchOptions) {
  const api = createJsonClient(url, 4);
  // Several merchants, as on a real platform: every payment credits its merchant's account and
  // takes its event sequence, so one merchant's payments are serialised by design.
  const terminals: { key: string }[] = [];
  for (let m = 0; m < options.merchants; m++) {
    const merchant = await api.request('POST', '/v1/merchants', adminKey, {
      legalName: `Bench Merchant ${m} Ltd`, displayName: `Bench ${m}`, city: 'Shanghai', country: 'CN', mcc: '5812', currency: 'CNY',
    });
    if (merchant.status !== 201) throw new Error(`seed merchant: ${JSON.stringify(merchant.body)}`);
    for (let i = m; i < options.terminals; i += options.merchants) {
      const t = await api.request('POST', `/v1/merchants/${merchant.body.id}/terminals`, adminKey, { name: `T${i}` });
      terminals.push({ key: t.body.apiKey });
    }
  }
  const wallets: { token: string; password: string }[] = [];
  for (let i = 0; i < options.wallets; i++) {
    const password = String(100000 + i);
    // created by the operator (not limited per IP like anonymous sign-ups)
    const w = await api.request('POST', '/v1/wallets', adminKey, { password });
    await api.request('POST', `/v1/wallets/${w.body.id}/top-ups`, adminKey, { amount: 100_000_000, currency: 'CNY' });
    // Bench wallets pay far faster than people do: allow-list them so the risk engine still runs
    // every rule on every payment (its cost is measured) but does not challenge the bursts.
    await api.request('POST', '/v1/risk/lists/wallets_allowed/entries', adminKey, { value: w.body.id, note: 'bench' });
    wallets.push({ token: w.body.token, password });
  }
  api.close();
  return { terminals, wallets };
}

function runWorker(config: WorkerConfig): Promise<WorkerResult> {
  const worker = fork(join(root, 'bench/load-worker.ts'), [], { execArgv: ['--import', 'tsx'], cwd: root });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: WorkerResult | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)));
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
    worker.send(config);
  });
}

async function measureBaseline(options: BenchOptions, requests: number): Promise<number> {
  const server = fork(join(root, 'bench/baseline-server.ts'), [], { execArgv: ['--import', 'tsx'], cwd: root });
  const port = await new Promise<number>((resolve) => server.once('message', (m: { port: number }) => resolve(m.port)));
  const result = await runWorker({
    kind: 'baseline', baseUrl: `http://127.0.0.1:${port}`, durationMs: options.durationS * 1000,
    concurrency: options.concurrency, rate: 0, terminals: [], wallets: [], workerIndex: 0,
  });
  server.send('stop');
  void requests;
  return result.completed / (result.elapsedMs / 1000);
}

function pgbenchTps(dbUrl: string, seconds: number): number | null {
  try {
    const db = `qrpay_pgbench_${process.pid}`;
    const admin = new URL(dbUrl);
    const target = new URL(dbUrl);
    target.pathname = `/${db}`;
    execFileSync('psql', [admin.toString(), '-qc', `DROP DATABASE IF EXISTS ${db}`, '-c', `CREATE DATABASE ${db}`], { stdio: 'ignore' });
    execFileSync('pgbench', ['-i', '-s', '10', '-q', target.toString()], { stdio: 'ignore' });
    const out = execFileSync('pgbench', ['-c', '8', '-j', '2', '-T', String(seconds), target.toString()]).toString();
    execFileSync('psql', [admin.toString(), '-qc', `DROP DATABASE IF EXISTS ${db}`], { stdio: 'ignore' });
    const match = /tps = ([\d.]+)/.exec(out);
    return match ? Math.round(Number(match[1])) : null;
  } catch {
    return null;
  }
}

export async function runBench(options: BenchOptions) {
  const dataDir = mkdtempSync(join(tmpdir(), 'qrpay-bench-'));
  let benchDb: string | null = null;
  let preloadSeconds = 0;
  const storeOptions = { ...options };
  if (options.store === 'postgres') {
    benchDb = `qrpay_bench_${process.pid}`;
    execFileSync('psql', [options.dbUrl, '-qc', `DROP DATABASE IF EXISTS ${benchDb}`, '-c', `CREATE DATABASE ${benchDb}`], { stdio: 'ignore' });
    const u = new URL(options.dbUrl);
    u.pathname = `/${benchDb}`;
    storeOptions.dbUrl = u.toString();
  }
  if (options.preload > 0) {
    const started = performance.now();
    if (options.store === 'postgres') await preloadPostgres(storeOptions.dbUrl, options.preload);
    else await preloadSqlite(join(dataDir, 'qrpay.db'), options.preload);
    preloadSeconds = Math.round((performance.now() - started) / 100) / 10;
  }
  const { child, url } = await startServer(storeOptions, dataDir);
  try {
    const { terminals, wallets } = await seed(url, options);
    // a short warm-up, so V8 and the caches are hot before measuring
    await runWorker({ kind: 'payments', baseUrl: url, durationMs: 2000, concurrency: options.concurrency, rate: 0, terminals, wallets, workerIndex: 9 });
    const cpuBefore = cpuSeconds(child.pid!);
    const result = await runWorker({
      kind: 'payments', baseUrl: url, durationMs: options.durationS * 1000, concurrency: options.concurrency,
      rate: options.rate, terminals, wallets, workerIndex: 0,
    });
    const cpu = cpuSeconds(child.pid!) - cpuBefore;
    const seconds = result.elapsedMs / 1000;
    const paymentsPerSecond = Math.round(result.completed / seconds);
    const httpBaseline = options.baseline ? Math.round(await measureBaseline(options, result.completed * 3)) : null;
    const pgbench = options.baseline && options.store === 'postgres' ? pgbenchTps(options.dbUrl, Math.min(10, options.durationS)) : null;
    const total = summarize(result.steps.total);
    return {
      store: options.store,
      preloadedOrders: options.preload,
      preloadSeconds,
      durationS: Math.round(seconds * 10) / 10,
      mode: `${options.rate > 0 ? `open loop at ${options.rate}/s` : `closed loop, ${options.concurrency} cashiers`}, ${options.merchants} merchants, ${options.terminals} terminals, ${options.wallets} wallets`,
      paymentsPerSecond,
      completed: result.completed,
      failed: result.failed,
      errors: result.errors,
      p99Ms: total.p99,
      steps: {
        create: summarize(result.steps.create),
        scan: summarize(result.steps.scan),
        pay: summarize(result.steps.pay),
        scanToPaidOnStream: result.streamed ? summarize(result.steps.streamPaid) : null,
        total,
      },
      server: { cpuCores: Math.round((cpu / seconds) * 100) / 100, cpuMsPerPayment: result.completed ? Math.round((cpu * 1e6) / result.completed) / 1000 : null, peakRssMiB: peakRssMiB(child.pid!) },
      baseline: {
        httpRequestsPerSecond: httpBaseline,
        // one payment is 3 API requests (create, scan, pay) plus one streamed event
        platformRequestsPerSecond: paymentsPerSecond * 3,
        ratioToHttpCeiling: httpBaseline ? Math.round(((paymentsPerSecond * 3) / httpBaseline) * 1000) / 1000 : null,
        pgbenchTps: pgbench,
        ratioToPgbench: pgbench ? Math.round((paymentsPerSecond / pgbench) * 1000) / 1000 : null,
      },
      machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    if (benchDb) execFileSync('psql', [options.dbUrl, '-qc', `DROP DATABASE IF EXISTS ${benchDb}`], { stdio: 'ignore' });
  }
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, ['json', 'no-baseline']);
  const dbUrl = a.str('db') ?? process.env['QRPAY_DB_URL'] ?? '';
  const store = (a.str('store') ?? (dbUrl ? 'postgres' : 'sqlite')) as BenchOptions['store'];
  if (store === 'postgres' && !dbUrl) {
    io.err('qrpay bench --store postgres needs --db postgres://… (a server where it may create databases)');
    return 2;
  }
  const options: BenchOptions = {
    store, dbUrl,
    durationS: Number(a.str('duration') ?? 10),
    concurrency: Number(a.str('concurrency') ?? 32),
    rate: Number(a.str('rate') ?? 0),
    terminals: Number(a.str('terminals') ?? 16),
    merchants: Number(a.str('merchants') ?? 8),
    wallets: Number(a.str('wallets') ?? 256),
    baseline: !a.has('no-baseline'),
    profileDir: a.str('profile'),
    preload: Number(a.str('preload') ?? 0),
  };
  const report = await runBench(options);
  if (a.has('json')) io.out(JSON.stringify(report));
  else {
    io.out(`qrpay bench — ${report.store}, ${report.mode}, ${report.durationS} s`);
    if (report.preloadedOrders > 0) io.out(`  history              ${report.preloadedOrders} orders loaded first (${report.preloadSeconds} s)`);
    io.out(`  complete payments/s   ${report.paymentsPerSecond}   (${report.completed} ok, ${report.failed} failed)`);
    for (const [name, s] of Object.entries(report.steps)) {
      if (s) io.out(`  ${name.padEnd(20)} p50 ${s.p50} ms  p90 ${s.p90} ms  p99 ${s.p99} ms  max ${s.max} ms`);
    }
    io.out(`  server CPU            ${report.server.cpuCores} cores, ${report.server.cpuMsPerPayment} ms per payment, peak RSS ${report.server.peakRssMiB} MiB`);
    if (report.baseline.httpRequestsPerSecond) {
      io.out(`  HTTP ceiling          ${report.baseline.httpRequestsPerSecond} req/s (minimal node:http); platform ${report.baseline.platformRequestsPerSecond} req/s = ${report.baseline.ratioToHttpCeiling} of it`);
    }
    if (report.baseline.pgbenchTps) io.out(`  pgbench tpcb-like     ${report.baseline.pgbenchTps} tps; payments/s = ${report.baseline.ratioToPgbench} of it`);
    if (report.failed > 0) io.out(`  errors: ${JSON.stringify(report.errors)}`);
  }
  return report.failed > 0 && report.completed === 0 ? 1 : 0;
}
