/**
 * The built-in agent as real processes, spawned the way the runner spawns them (detached, IPC):
 * readiness, the json wire, sharded lookup across agents, the failure detector against SIGKILL
 * and SIGSTOP, pipeline forwarding, dying with the parent, and the exec / llm tools.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { jsonProtocol } from '../../src/protocols/json/index.js';
import type { AgentMessage, PeerConnection } from '../../src/protocols/types.js';
import { findSnippet, loadShard } from '../../src/tools/shard-data.js';
import type { AgentPeer } from '../../src/agent/contract.js';
import {
  AGENT_MAIN,
  DATA_DIR,
  ROOT,
  agentBundle,
  agentConfig,
  freePort,
  isRunning,
  killAll,
  requireBuild,
  spawnAgent,
  track,
  until,
} from './agent-harness.js';

requireBuild();

const conns: PeerConnection[] = [];
function client(url: string): PeerConnection {
  const c = jsonProtocol.connect({ id: 'x', url }, { self: 'client' });
  conns.push(c);
  return c;
}
const task = (content: string, over: Partial<AgentMessage> = {}): AgentMessage => ({
  id: `m-${Math.random()}`,
  task_id: `t-${Math.random()}`,
  step: 0,
  from: 'client',
  type: 'task',
  content,
  ttl: 4,
  ...over,
});

afterEach(() => {
  for (const c of conns.splice(0)) c.close();
  killAll();
});
afterAll(killAll);

describe('agent process', () => {
  it('reports ready over IPC and answers on the json wire, counting bytes', async () => {
    const port = await freePort();
    const a = await spawnAgent(agentConfig({ id: 'echo-0', port }));
    const ready = a.messages.find((m) => m.type === 'ready');
    expect(ready).toMatchObject({ type: 'ready', pid: a.pid, port, url: `http://127.0.0.1:${port}` });
    // it listened first, then warmed up (warm-up.ts), then said ready
    if (ready?.type !== 'ready') throw new Error('no ready message');
    expect(ready.listenedAt).toBeGreaterThan(0);
    expect(ready.listenedAt).toBeLessThanOrEqual(ready.at);
    const reply = await client(a.url).send(task('hello'), 2000);
    expect(reply).toEqual({ ok: true, content: 'hello' });
    await a.waitEvent((e) => e.type === 'exec', 2000);
    const wire = await a.waitEvent((e) => e.type === 'wire', 2000);
    expect(wire.type === 'wire' && wire.bytes).toBeGreaterThan(100);
  });

  it('an a2a agent starts, warms up and answers without loading undici (≈ 47 ms and 9 MB a process)', async () => {
    const tripwire = join(ROOT, 'test/fixtures/agents/undici-tripwire.cjs');
    // the tripwire can see a touch: plain node that reads Response trips it
    const control = spawn(process.execPath, ['--require', tripwire, '-e', 'globalThis.Response'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let controlErr = '';
    control.stderr!.on('data', (c: Buffer) => (controlErr += c.toString()));
    await new Promise((done) => control.on('close', done));
    expect(controlErr).toContain('undici-tripwire: Response touched');

    const port = await freePort();
    const a = await spawnAgent(agentConfig({ id: 'a2a-0', port, protocol: 'a2a' }), {
      NODE_OPTIONS: `--require "${tripwire}"`,
    });
    // its warm-up has sent over the SDK client (card discovery, a message, a ping); now serve one too
    const { a2aProtocol } = await import('../../src/protocols/a2a/index.js');
    const conn = a2aProtocol.connect({ id: 'a2a-0', url: a.url }, { self: 'client' });
    conns.push(conn);
    expect(await conn.send(task('hello'), 5000)).toMatchObject({ ok: true, content: 'hello' });
    await a.waitEvent((e) => e.type === 'exec', 2000);
    expect(a.stderr).toContain('undici-tripwire: armed');
    expect(a.stderr).not.toContain('touched');
  });

  it('the runner starts each protocol from its own bundle, which carries no other protocol', async () => {
    const { agentScript } = (await import(join(ROOT, 'dist/src/run/agent-process.js'))) as {
      agentScript(protocol: string): string;
    };
    for (const protocol of ['json', 'a2a', 'acp', 'anp', 'agora'])
      expect(agentScript(protocol)).toBe(agentBundle(protocol));
    // the A2A SDK and its express server are only in the a2a bundle
    expect(readFileSync(agentBundle('a2a'), 'utf8')).toContain('node_modules/@a2a-js/sdk/');
    for (const protocol of ['json', 'acp', 'anp', 'agora'])
      expect(readFileSync(agentBundle(protocol), 'utf8')).not.toContain('node_modules/@a2a-js/sdk/');
  });

  it('boots from the modules tsc wrote when no bundle was built', async () => {
    const port = await freePort();
    const a = await spawnAgent(agentConfig({ id: 'echo-0', port }), {}, AGENT_MAIN);
    expect(await client(a.url).send(task('hello'), 2000)).toEqual({ ok: true, content: 'hello' });
  });

  it('shard_lookup finds evidence held by another agent', async () => {
    const shards = [0, 1, 2].map((i) => loadShard(join(DATA_DIR, `shard${i}.jsonl`)));
    // A question of shard 0 whose answer is only in another shard's snippet of the same group.
    const q = shards[0].records.find((r) => {
      if (findSnippet(r.content, r.answer)) return false;
      return shards.slice(1).some((s) => s.byGroup.get(r.group_id)?.some((o) => findSnippet(o.content, r.answer)));
    });
    expect(q).toBeDefined();
    const ports = await Promise.all([0, 1, 2].map(() => freePort()));
    const peers: AgentPeer[] = ports.map((p, i) => ({
      id: `worker-${i}`,
      url: `http://127.0.0.1:${p}`,
      group: 'worker',
    }));
    const agents = await Promise.all(
      ports.map((port, i) =>
        spawnAgent(
          agentConfig({
            id: `worker-${i}`,
            index: i,
            port,
            peers: peers.filter((p) => p.id !== `worker-${i}`),
            tool: { name: 'lookup', kind: 'shard_lookup', ttl: 3 },
            dataFile: join(DATA_DIR, `shard${i}.jsonl`),
          }),
        ),
      ),
    );
    const c = client(agents[0].url);
    const reply = await c.send(task(q!.question), 5000);
    expect(reply.ok).toBe(true);
    expect(reply.content!.toLowerCase()).toContain(q!.answer.toLowerCase());
    expect(await c.send(task('not a question of this shard'), 5000)).toEqual({ ok: false, error: 'unknown question' });
  });

  it('detects a SIGKILLed peer and a SIGSTOPped one, and sees the stopped one rejoin', async () => {
    const ports = await Promise.all([0, 1, 2].map(() => freePort()));
    const peers: AgentPeer[] = ports.map((p, i) => ({ id: `n-${i}`, url: `http://127.0.0.1:${p}`, group: 'n' }));
    const agents = await Promise.all(
      ports.map((port, i) =>
        spawnAgent(agentConfig({ id: `n-${i}`, port, peers: peers.filter((p) => p.id !== `n-${i}`) })),
      ),
    );
    const [watcher, stopped, killed] = agents;
    // Whether or not the watcher has heard from a peer yet, a death must be detected: by refusal
    // once seen, by the heartbeat deadline otherwise.
    process.kill(killed.pid, 'SIGKILL');
    const d1 = await watcher.waitEvent((e) => e.type === 'detect' && e.peer === 'n-2', 5000);
    process.kill(stopped.pid, 'SIGSTOP');
    const d2 = await watcher.waitEvent((e) => e.type === 'detect' && e.peer === 'n-1', 5000);
    expect(d2.at).toBeGreaterThan(d1.at);
    process.kill(stopped.pid, 'SIGCONT');
    const rejoin = await watcher.waitEvent((e) => e.type === 'rejoin' && e.peer === 'n-1', 5000);
    const reconnect = await watcher.waitEvent((e) => e.type === 'reconnect' && e.peer === 'n-1', 5000);
    expect(reconnect.at).toBeGreaterThanOrEqual(rejoin.at);
    // The killed peer never comes back.
    expect(watcher.events.some((e) => e.type === 'rejoin' && e.peer === 'n-2')).toBe(false);
  });

  it('forwards a pipeline step to a live member of the next group, skipping a dead one', async () => {
    const { pa, pb0, pb1, flow, back } = await frontBackPorts();
    const script = 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write("B("+s+")"))';
    const backTool = { name: 'wrap', kind: 'exec' as const, command: `${process.execPath} -e '${script}'` };
    const [b0, b1] = await Promise.all(
      back.map((b, i) => spawnAgent(agentConfig({ id: b.id, port: [pb0, pb1][i], flow, tool: backTool }))),
    );
    const front = await spawnAgent(agentConfig({ id: 'front-0', port: pa, flow, peers: back }));
    const c = client(front.url);
    const r1 = await c.send(task('q1', { task_id: 'T1' }), 5000);
    expect(r1).toEqual({ ok: true, content: 'B(q1)' });
    const r2 = await c.send(task('q2', { task_id: 'T2' }), 5000);
    expect(r2).toEqual({ ok: true, content: 'B(q2)' });
    // Round robin: each back agent ran one step-1 execution.
    for (const b of [b0, b1]) await b.waitEvent((e) => e.type === 'exec' && e.step === 1, 2000);
    process.kill(b0.pid, 'SIGKILL');
    for (const t of ['T3', 'T4', 'T5']) {
      expect(await c.send(task(t, { task_id: t }), 5000)).toEqual({ ok: true, content: `B(${t})` });
    }
    process.kill(b1.pid, 'SIGKILL');
    expect(await c.send(task('q6'), 5000)).toEqual({ ok: false, error: 'no live back member' });
  });

  it('abandons a forward to a peer that hangs once the detector declares it dead', async () => {
    const { pa, pb0, pb1, flow, back } = await frontBackPorts();
    const [b0, b1] = await Promise.all(
      back.map((b, i) => spawnAgent(agentConfig({ id: b.id, port: [pb0, pb1][i], flow }))),
    );
    // A send timeout far beyond the client's: only the detector can free the forward in time.
    const front = await spawnAgent(agentConfig({ id: 'front-0', port: pa, flow, peers: back, sendTimeoutMs: 60_000 }));
    process.kill(b0.pid, 'SIGSTOP');
    // Round robin starts at back-0, which accepts the connection and never answers.
    const reply = await client(front.url).send(task('hello', { task_id: 'H1' }), 10_000);
    expect(reply).toEqual({ ok: true, content: 'hello' });
    await b1.waitEvent((e) => e.type === 'exec' && e.task === 'H1', 2000);
    await front.waitEvent((e) => e.type === 'detect' && e.peer === 'back-0', 2000);
  });

  // With IPC the channel's disconnect ends the agent; without it (a user's standalone start), the
  // parent-pid check does.
  for (const ipc of [true, false]) {
    it(`exits by itself when its parent dies (${ipc ? 'IPC disconnect' : 'parent pid changes'})`, async () => {
      const port = await freePort();
      const config = agentConfig({ id: 'orphan-0', port });
      const stdio = ipc ? "['ignore','ignore','ignore','ipc']" : "['ignore','pipe','ignore']";
      const onReady = ipc
        ? "c.on('message', (m) => { if (m.type === 'ready') console.log(String(c.pid)); });"
        : "c.stdout.on('data', (d) => { if (String(d).startsWith('ready ')) console.log(String(c.pid)); });";
      const parentCode = `
        const { spawn } = require('node:child_process');
        const env = { ...process.env, STORM_AGENT_CONFIG: ${JSON.stringify(JSON.stringify(config))} };
        delete env.NODE_EXTRA_CA_CERTS;
        const c = spawn(process.execPath, [${JSON.stringify(AGENT_MAIN)}], { detached: true, stdio: ${stdio}, env });
        ${onReady}
        setInterval(() => {}, 1000);`;
      const parent = spawn(process.execPath, ['-e', parentCode], {
        detached: true,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      track(parent.pid!);
      let out = '';
      parent.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      const agentPid = await until(() => (/^\d+\n/.test(out) ? Number(out.trim()) : undefined), 10_000, 'agent pid');
      track(agentPid);
      expect(isRunning(agentPid)).toBe(true);
      process.kill(parent.pid!, 'SIGKILL');
      await until(() => (isRunning(agentPid) ? undefined : true), 2000, 'the orphaned agent to exit');
    });
  }

  it('llm tool calls an OpenAI-compatible server with the key, and never reveals the key', async () => {
    const key = 'sk-test-SECRET-1234567890';
    const seen: { auth?: string; body?: string }[] = [];
    const fake = http.createServer((req, res) => {
      let body = '';
      req
        .on('data', (d) => (body += d))
        .on('end', () => {
          seen.push({ auth: req.headers.authorization, body });
          const parsed = JSON.parse(body);
          const text = parsed.messages[0].content;
          if (text === 'fail') {
            res.writeHead(401, { 'content-type': 'application/json' });
            return res.end(
              JSON.stringify({ error: { message: `Incorrect API key provided: ${key}`, code: 'invalid_api_key' } }),
            );
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({ choices: [{ message: { role: 'assistant', content: `${parsed.model} says ${text}` } }] }),
          );
        });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v1`;
      const port = await freePort();
      const a = await spawnAgent(
        agentConfig({
          id: 'llm-0',
          port,
          tool: { name: 'llm', kind: 'llm', model: 'tiny', baseUrl: base, apiKeyEnv: 'TEST_LLM_KEY' },
        }),
        { TEST_LLM_KEY: key },
      );
      const c = client(a.url);
      expect(await c.send(task('hi'), 5000)).toEqual({ ok: true, content: 'tiny says hi' });
      expect(seen[0].auth).toBe(`Bearer ${key}`);
      expect(JSON.parse(seen[0].body!)).toEqual({ model: 'tiny', messages: [{ role: 'user', content: 'hi' }] });
      const bad = await c.send(task('fail'), 5000);
      expect(bad).toEqual({ ok: false, error: 'llm HTTP 401: invalid_api_key' });
      expect(a.stderr).not.toContain(key);
      expect(JSON.stringify(a.messages)).not.toContain(key);
    } finally {
      fake.close();
    }
  });

  it('exec tool runs the command in the workspace with the message on stdin', async () => {
    const port = await freePort();
    // The script lives in the "scenario folder"; `./upper.js` resolves against baseDir.
    const dir = mkdtempSync(join(tmpdir(), 'storm-test-scenario-'));
    writeFileSync(
      join(dir, 'upper.js'),
      'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{if(s==="boom"){console.error("bad input");process.exit(3)}process.stdout.write(process.cwd()+"|"+s.toUpperCase())})',
    );
    const config = agentConfig({
      id: 'exec-0',
      port,
      baseDir: dir,
      tool: { name: 'x', kind: 'exec', command: `"${process.execPath}" ./upper.js` },
    });
    const a = await spawnAgent(config);
    const c = client(a.url);
    expect(await c.send(task('some text'), 5000)).toEqual({ ok: true, content: `${config.workspace}|SOME TEXT` });
    const fail = await c.send(task('boom'), 5000);
    expect(fail.ok).toBe(false);
    expect(fail.error).toMatch(/exit 3: bad input/);
  });

  it('storm agent runs one agent standalone until SIGTERM', async () => {
    const cli = join(AGENT_MAIN, '../../cli/main.js');
    const child = spawn(
      process.execPath,
      [cli, 'agent', '--tool', 'shard_lookup', '--data', join(DATA_DIR, 'shard0.jsonl'), '--id', 'worker-0'],
      {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    track(child.pid!);
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const url = await until(
      () => /^ready (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out)?.[1],
      10_000,
      `ready line (stderr: ${err})`,
    );
    const q = loadShard(join(DATA_DIR, 'shard0.jsonl')).records.find((r) => findSnippet(r.content, r.answer))!;
    const reply = await client(url).send(task(q.question), 5000);
    expect(reply.ok && reply.content!.toLowerCase()).toContain(q.answer.toLowerCase());
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
  });

  it('storm agent rejects bad options with exit code 2', async () => {
    const cli = join(AGENT_MAIN, '../../cli/main.js');
    const child = spawn(process.execPath, [cli, 'agent', '--tool', 'shard_lookup'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(err).toContain('--tool shard_lookup needs --data <file>');
  });
});

/** Ports and flow for a front → back pipeline with two back agents (not started). */
async function frontBackPorts() {
  const [pa, pb0, pb1] = await Promise.all([freePort(), freePort(), freePort()]);
  const flow = [
    { from: 'client', to: 'front', messageType: 'question' },
    { from: 'front', to: 'back', messageType: 'evidence' },
    { from: 'back', to: 'client', messageType: 'answer' },
  ];
  const back: AgentPeer[] = [pb0, pb1].map((p, i) => ({
    id: `back-${i}`,
    url: `http://127.0.0.1:${p}`,
    group: 'back',
  }));
  return { pa, pb0, pb1, flow, back };
}
