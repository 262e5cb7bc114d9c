import { describe, expect, it } from 'vitest';
import { agentEnv, needsTls } from '../../../src/agent/spawn-env.js';

describe('agentEnv', () => {
  const base = { PATH: '/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca.crt', LLM_KEY: 'k' };

  it('drops NODE_EXTRA_CA_CERTS for agents that make no TLS connections, keeping the rest', () => {
    expect(agentEnv(base, { tool: { name: 'e', kind: 'echo' } })).toEqual({ PATH: '/bin', LLM_KEY: 'k' });
    expect(
      agentEnv(base, { tool: { name: 'l', kind: 'llm', model: 'x', baseUrl: 'http://127.0.0.1:8000/v1' } }),
    ).not.toHaveProperty('NODE_EXTRA_CA_CERTS');
    expect(base).toHaveProperty('NODE_EXTRA_CA_CERTS');
  });

  it('keeps it for an llm tool calling an https endpoint', () => {
    const tool = { name: 'l', kind: 'llm' as const, model: 'gpt', baseUrl: 'https://api.example.com/v1' };
    expect(needsTls({ tool })).toBe(true);
    expect(agentEnv(base, { tool })).toEqual(base);
  });
});
