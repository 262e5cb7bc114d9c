/** The starter scenario `storm init` writes: every section, commented for someone new to storm. */

/** The starter file's text; `schemaRef` is the path of storm.schema.json as seen from the file. */
export function starterScenario(schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}
# A storm scenario: real agent processes, a real fault, recovery measured from what happened.
#   storm validate example.storm.yaml   # check this file (no agents are started)
#   storm plan example.storm.yaml       # show the fault timeline per protocol
#   storm test example.storm.yaml       # run it; reports land in storm-report/
# Every key is described in docs/scenario-format.md; your editor completes them through the schema above.

name: Example — one of four echo agents is killed and comes back
description: The driver keeps sending tasks; the survivors keep answering while the victim restarts.

# protocols: [json, a2a]     # default: every built-in protocol (json, a2a, acp, anp, agora), one run each
seed: 1                      # same seed, same victims: runs are reproducible
duration: 10s                # the whole run; durations are 250ms, 6s, 2m or integer milliseconds
warmup: 1s                   # excluded from the pre-fault baseline
heartbeat: { interval: 250ms, timeout: 1s }   # how the built-in agents detect a dead peer

tools:                       # named tool configurations; each agent group uses one
  echoer: { kind: echo }     # kinds: echo, delay, flaky, shard_lookup, llm, exec

agents:                      # groups: count 4 expands to ids worker-0 … worker-3
  worker: { count: 4, tool: echoer }
  # Your own agent instead (quote templates inside { … }, or YAML reads {port} as a mapping):
  # mine: { count: 2, command: "node ./my-agent.js --port {port}", protocol: json, ready: 5s }

workload:
  rate: 20/s                 # tasks per second issued by the driver (or concurrency: 8)
  success: reply             # any answer counts (echo has no gold answers to compare with)
  message_flow:              # the path every task takes; client is the driver
    - { from: client, to: worker, message_type: ping }
    - { from: worker, to: client, message_type: pong }

faults:
  - at: 4s                   # relative to the start of the workload
    kill: 1                  # a count, a fraction (30%) or a list of ids ([worker-2])
    of: worker               # the group victims are drawn from
    signal: SIGKILL          # SIGKILL (default) | SIGTERM | SIGSTOP (with for: 2s, a hung agent)
    restart_after: 2s        # the victim comes back as a new process with the same id
  # - { at: 4s, every: 3s, times: 2, kill: 1, restart_after: 1s }   # a cyclic storm

expect:                      # assertions over measured metrics; selectors use = (never :)
  - recovery_ms < 3000       # back to 90% of the pre-fault success rate within 3 s
  - detect_ms < 2000         # every survivor noticed the victim was gone
  - success_rate{phase=post} >= 0.95
  - tasks_lost == 0          # every task was resolved one way or another
  # - { protocol: anp, expect: recovery_ms < 5000 }   # a rule for one protocol only
`;
}
