#!/usr/bin/env python3
"""Writes the malformed corpus (tests/malformed/): damaged copies of the
repository's real labs, solutions and rubrics, each damaged in one place, and
cases.tsv listing, for every input, the command that reads it and the line
and column of the damage.

    python3 tests/malformed/make_corpus.py            # (re)write the inputs
    python3 tests/malformed/make_corpus.py --expect SDLAB
        # run SDLAB on every input and write expected.tsv from the diagnostic
        # on the damaged line (or the one ELSEWHERE names); inputs without
        # one are printed for review; KNOWN_DEFECTS are left out

The generated files are committed; expected.tsv is reviewed by hand
(tests/malformed/README.md).
"""

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

CASES = []  # (relative path, command template, bytes, damage line, damage col)


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read().decode("utf-8")


def line_col(text, offset):
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def damage(base_text, replacements):
    """Applies (old, new[, occurrence]) replacements; returns the text and
    the line:col of the first changed byte of the first replacement."""
    text = base_text
    first = None
    for replacement in replacements:
        old, new = replacement[0], replacement[1]
        occurrence = replacement[2] if len(replacement) > 2 else 1
        start = -1
        for _ in range(occurrence):
            start = text.find(old, start + 1)
            if start < 0:
                raise SystemExit(f"damage: {old!r} not found")
        prefix = 0
        while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
            prefix += 1
        if first is None:
            first = line_col(text, start + prefix)
        text = text[:start] + new + text[start + len(old):]
    return text, first


def add(folder, name, command, data, where):
    if isinstance(data, str):
        data = data.encode("utf-8")
    rel = f"tests/malformed/{folder}/{name}"
    line, col = where if where else (0, 0)
    CASES.append((rel, command, data, line, col))


def submission(name, base, replacements, command="simulate {file}", where=None):
    text, first = damage(read(base), replacements)
    add("submission", name + ".yaml", command, text, where or first)


SOL = {
    "bathtub": "solutions/bathtub.yaml",
    "jobs": "solutions/job-queue.yaml",
    "pipeline": "solutions/request-pipeline.yaml",
    "retry": "solutions/retry-storm.yaml",
    "db": "solutions/db-connections.yaml",
    "autoscalers": "solutions/fighting-autoscalers.yaml",
    "partb": "solutions/part-b-web-app.yaml",
    "partb_alt": "solutions/part-b-web-app-alt.yaml",
}
STARTER = {lab: f"labs/{lab}/starter.yaml" for lab in [
    "bathtub", "db-connections", "fighting-autoscalers", "job-queue", "part-b-web-app",
    "request-pipeline", "retry-storm"]}


def yaml_syntax():
    b, j, p, r = SOL["bathtub"], SOL["jobs"], SOL["pipeline"], SOL["retry"]
    # Tabs where YAML needs spaces.
    submission("syntax-tab-before-stocks", b, [("\n  stocks:", "\n\tstocks:")])
    submission("syntax-tab-in-stock", j, [("      initial: first_batch", "\tinitial: first_batch")])
    submission("syntax-tab-before-flows", p, [("\n  flows:", "\n\tflows:")])
    submission("syntax-tab-in-flow-list", r, [("    - name: Requests Served", "\t- name: Requests Served")])
    submission("syntax-tab-starter", STARTER["bathtub"], [("\n  flows:", "\n\tflows:")])
    submission("syntax-tab-before-links", SOL["db"], [("\n  links:", "\n\tlinks:")], "loops {file}")
    # Unclosed and stray brackets.
    submission("syntax-unclosed-sim-map", b, [("time_units: minutes }", "time_units: minutes")])
    submission("syntax-unclosed-loop-path", b, [("path: [Water Level, Drain]", "path: [Water Level, Drain")], "loops {file}")
    submission("syntax-unclosed-constant-map", j, [("{ name: Workers, value: 4, units: jobs, doc: jobs the cluster runs at the same time }",
                                                     "{ name: Workers, value: 4, units: jobs, doc: jobs the cluster runs at the same time")])
    submission("syntax-unclosed-points", r, [("[1.5, 0.95], [2, 1]]", "[1.5, 0.95], [2, 1]")])
    submission("syntax-stray-close-bracket", p, [("path: [Request Queue, Processing]", "path: [Request Queue, Processing]]")], "loops {file}")
    submission("syntax-stray-close-brace", b, [("time_units: minutes }", "time_units: minutes } }")])
    submission("syntax-unclosed-what-if", SOL["db"], [("set: { pool_size: 500 }", "set: { pool_size: 500")], "check {file}")
    # Indentation.
    submission("syntax-indent-stock-key-deeper", b, [("      initial: 10", "        initial: 10")])
    submission("syntax-indent-flow-key-shallower", j, [("      equation: PULSE(second_batch, spike_time)", "     equation: PULSE(second_batch, spike_time)")])
    submission("syntax-indent-section-in-list", p, [("\n  auxiliaries:", "\n   auxiliaries:")])
    submission("syntax-indent-list-item-deeper", r, [("    - name: Requests Served", "      - name: Requests Served")])
    submission("syntax-indent-top-key-indented", b, [("\ncausal_loop:", "\n causal_loop:")])
    # Mapping values and scalars where YAML cannot have them.
    submission("syntax-colon-in-plain-name", b, [("- name: Water Level", "- name: Water: Level")])
    submission("syntax-colon-in-plain-action", p, [("action: Make the queue bigger (1000 -> 5000 requests)", "action: Make the queue: bigger (1000 -> 5000 requests)")], "check {file}")
    submission("syntax-missing-space-after-dash", j, [("    - name: Completed Jobs", "    -name: Completed Jobs")])
    submission("syntax-key-without-colon", r, [("      max: 2000", "      max 2000")])
    submission("syntax-two-values-one-line", b, [("      units: gallons\n", "      units: gallons initial: 5: 6\n")])
    # Duplicate keys (yaml-cpp keeps one silently; sdlab must not).
    submission("duplicate-key-lab", b, [("lab: bathtub\n", "lab: bathtub\nlab: job-queue\n")], where=None)
    submission("duplicate-key-dt-in-sim", b, [("dt: 0.125,", "dt: 0.125, dt: 1,")])
    submission("duplicate-key-initial", j, [("      initial: 0\n", "      initial: 0\n      initial: 5\n")])
    submission("duplicate-key-equation", p, [("      equation: incoming_requests + retries\n", "      equation: incoming_requests + retries\n      equation: incoming_requests\n")])
    submission("duplicate-key-stock-flow", b, [("\ncausal_loop:", "\nstock_flow:\n  stocks: []\n\ncausal_loop:")])
    submission("duplicate-key-value-in-constant", r, [("{ name: Retry Fraction, value: 0.6 }", "{ name: Retry Fraction, value: 0.6, value: 0.9 }")])
    submission("duplicate-key-answers", j, [("\n  drain_rate: >", "\n  stock: again\n  drain_rate: >")], "check {file}")
    # Anchors, aliases, merge keys, tags, several documents.
    submission("anchor-on-constant", b, [("{ name: Faucet Rate, value: 10", "&faucet { name: Faucet Rate, value: 10")])
    submission("alias-reuses-stock", b, [("    - name: Water Level\n      initial: 10\n      units: gallons\n",
                                          "    - &tub\n      name: Water Level\n      initial: 10\n      units: gallons\n    - *tub\n")])
    submission("alias-undefined", j, [("      initial: first_batch", "      initial: *first_batch")])
    submission("merge-key-in-flow", p, [("    - name: Processing\n", "    - <<: { units: requests/second }\n      name: Processing\n")])
    submission("tag-on-value", r, [("      max: 2000", "      max: !!str 2000")])
    submission("second-document", b, [("\nanswers:", "\n---\nanswers:")])
    submission("document-end-then-more", j, [("\ncausal_loop:", "\n...\ncausal_loop:")])
    # Wrong YAML types for the format.
    submission("type-stocks-is-map", b, [("  stocks:\n    - name: Water Level\n      initial: 10\n      units: gallons\n",
                                          "  stocks:\n    name: Water Level\n    initial: 10\n    units: gallons\n")])
    submission("type-sim-is-list", j, [("sim: { start: 0, stop: 180, dt: 0.25, method: euler, time_units: seconds }",
                                        "sim: [0, 180, 0.25, euler, seconds]")])
    submission("type-stock-flow-is-number", STARTER["bathtub"], [("stock_flow:\n", "stock_flow: 5\n_old:\n")])
    submission("type-name-is-list", p, [("- name: Request Queue", "- name: [Request, Queue]")])
    submission("type-equation-is-map", r, [("equation: backend_queue / backend_capacity", "equation: { divide: [backend_queue, backend_capacity] }")])
    submission("type-initial-is-list", b, [("initial: 10", "initial: [10]")])
    submission("type-value-is-string", j, [("value: 4,", "value: four,")])
    submission("type-value-is-quoted-number", b, [("value: 10,", "value: \"10\",")])
    submission("type-non-negative-not-bool", p, [("      max: 1000\n", "      max: 1000\n      non_negative: maybe\n")])
    submission("type-max-is-string", r, [("max: 2000", "max: lots")])
    submission("type-flows-is-string", b, [("  flows:\n", "  flows: Faucet and Drain\n  _flows:\n")])
    submission("type-lab-is-list", j, [("lab: job-queue", "lab: [job-queue]")])
    submission("type-points-not-pairs", r, [("[[0, 0], [0.5, 0]", "[0, 0, [0.5, 0]")])
    submission("type-point-is-string", SOL["partb"], [("[[0, 0], [0.5, 0]", "[[0, 0], [half, 0]")])
    submission("type-loops-is-string", j, [("  loops:\n    - id: B1", "  loops: B1\n  _loops:\n    - id: B1")], "loops {file}")
    submission("type-document-is-list", b, [("format: sdlab/1\n", "- format: sdlab/1\n")], where=None)
    submission("type-answers-is-list", STARTER["bathtub"], [("answers:\n  equilibrium_level: \"\"\n  faucet_faster: \"\"", "answers:\n  - equilibrium_level: \"\"\n  - faucet_faster: \"\"")], "check {file}")
    submission("type-interventions-is-map", STARTER["request-pipeline"], [("  interventions:", "  interventions: { first: 11 }\n  _interventions:")], "check {file}")
    submission("type-bool-yes", b, [("      units: gallons\n", "      units: gallons\n      non_negative: yes\n")])
    submission("type-key-is-list", j, [("author: sdlab course team", "[author, team]: sdlab course team")])
    submission("type-key-is-map", p, [("      max: 1000", "      { max: 1 }: 1000")])
    submission("nesting-too-deep", b, [("author: sdlab course team", "author: " + "[" * 70 + "x" + "]" * 70)])
    submission("number-too-large", r, [("{ name: Retry Fraction, value: 0.6 }", "{ name: Retry Fraction, value: 1e400 }")])
    submission("number-hex", j, [("{ name: Workers, value: 4,", "{ name: Workers, value: 0x4,")])
    submission("number-inf-value", b, [("value: 10,", "value: .inf,")])
    submission("type-author-is-map", j, [("author: sdlab course team", "author: { name: sdlab }")])
    submission("type-units-is-number-list", r, [("units: requests\n", "units: [1, 2]\n")])


def schema():
    b, j, p, r, d = SOL["bathtub"], SOL["jobs"], SOL["pipeline"], SOL["retry"], SOL["db"]
    # Unknown keys, at every level (a "did you mean" where one is close).
    submission("unknown-key-top-level", b, [("stock_flow:\n", "stok_flow:\n")])
    submission("unknown-key-top-level-far", j, [("author: sdlab course team", "grade: 100")])
    submission("unknown-key-in-sim", p, [("stop: 120,", "stopp: 120,")])
    submission("unknown-key-in-sim-2", r, [("method: euler", "integration: euler")])
    submission("unknown-key-in-stock", b, [("      initial: 10", "      intial: 10")])
    submission("unknown-key-in-stock-2", j, [("      units: jobs\n      doc: Jobs created", "      unit: jobs\n      doc: Jobs created")])
    submission("unknown-key-in-flow", p, [("equation: incoming_requests + retries", "equaton: incoming_requests + retries")])
    submission("unknown-key-in-flow-2", r, [("      from: Backend Queue", "      form: Backend Queue")])
    submission("unknown-key-in-aux", p, [("equation: request_queue / MAX(processing, 0.001)", "formula: request_queue / MAX(processing, 0.001)")])
    submission("unknown-key-in-constant", j, [("{ name: Spike Time, value: 30", "{ name: Spike Time, valeu: 30")])
    submission("unknown-key-in-lookup", r, [("      points: [[0, 0]", "      pionts: [[0, 0]")])
    submission("unknown-key-stock-flow-section", b, [("  constants:\n", "  parameters:\n")])
    submission("unknown-key-in-link", b, [("    - \"Faucet -> Water Level (+)\"", "    - { from: Faucet, to: Water Level, polarty: \"+\" }")], "loops {file}")
    submission("unknown-key-in-loop", j, [("      path: [Pending Jobs, Jobs Completed]", "      pth: [Pending Jobs, Jobs Completed]")], "loops {file}")
    submission("unknown-key-in-causal-loop", p, [("\n  loops:\n", "\n  loop:\n")], "loops {file}")
    submission("unknown-key-in-leverage", p, [("  problem: The queue", "  problme: The queue")], "check {file}")
    submission("unknown-key-in-intervention", d, [("    - level: 9\n", "    - levle: 9\n")], "check {file}")
    submission("unknown-key-in-what-if", d, [("set: { pool_size: 500 }", "sets: { pool_size: 500 }")], "check {file}")
    submission("unknown-key-in-cld-variable", SOL["partb"], [("{ name: Offered Load, doc:", "{ name: Offered Load, dco:")], "loops {file}")
    # Required keys missing.
    submission("missing-stock-name", b, [("    - name: Water Level\n      initial: 10", "    - initial: 10")])
    submission("missing-stock-initial", p, [("      initial: 50\n", "")], where=(12, 7))
    submission("missing-flow-equation", j, [("      equation: PULSE(second_batch, spike_time)\n", "")], where=(20, 7))
    submission("missing-flow-name", r, [("    - name: Requests Served\n      from:", "    - from:")])
    submission("missing-aux-equation", p, [("      equation: failures * retry_fraction\n", "")], where=(34, 7))
    submission("missing-constant-value", b, [("{ name: Drain Time, value: 5, units: minutes", "{ name: Drain Time, units: minutes")])
    submission("missing-constant-name", j, [("{ name: Workers, value: 4", "{ value: 4")])
    submission("missing-lookup-points", r, [("      points: [[0, 0], [0.5, 0], [0.8, 0.05], [1, 0.5], [1.5, 0.95], [2, 1]]\n", "")], where=(61, 7))
    submission("missing-link-to", b, [("    - \"Faucet -> Water Level (+)\"", "    - { from: Faucet, polarity: \"+\" }")], "loops {file}")
    submission("missing-link-polarity", j, [("    - \"Jobs Created -> Pending Jobs (+)\"", "    - { from: Jobs Created, to: Pending Jobs }")], "loops {file}")
    submission("missing-loop-path", b, [("      path: [Water Level, Drain]\n", "")], "loops {file}", where=(34, 7))
    submission("missing-intervention-level", d, [("    - level: 9\n      action: Kill", "    - action: Kill")], "check {file}")
    submission("missing-intervention-action", p, [("      action: Make the queue bigger (1000 -> 5000 requests)\n", "")], "check {file}", where=(70, 7))
    submission("missing-lab-for-check-empty", j, [("lab: job-queue", "lab: \"\"")], "check {file}")
    # Format versions.
    submission("format-version-2", b, [("format: sdlab/1", "format: sdlab/2")])
    submission("format-version-0", j, [("format: sdlab/1", "format: sdlab/0")])
    submission("format-not-sdlab", p, [("format: sdlab/1", "format: xmile/1")])
    submission("format-is-number", r, [("format: sdlab/1", "format: 1")])
    submission("format-is-list", d, [("format: sdlab/1", "format: [sdlab/1]")])
    # Kinds and references.
    submission("flow-to-a-constant", b, [("      to: Water Level", "      to: Faucet Rate")])
    submission("flow-from-an-aux", p, [("      from: Request Queue\n      equation: MIN", "      from: Latency\n      equation: MIN")])
    submission("flow-to-unknown-stock", j, [("      to: Completed Jobs", "      to: Finished Jobs")])
    submission("flow-from-unknown-stock", r, [("      from: Backend Queue", "      from: Backend Queu")])
    submission("flow-from-and-to-same-stock", b, [("      to: Water Level\n      equation: faucet_rate", "      from: Water Level\n      to: Water Level\n      equation: faucet_rate")], where=(17, 13))
    submission("flow-to-a-flow", j, [("      to: Completed Jobs", "      to: Jobs Created")])
    submission("lookup-type-unknown", r, [("      points: [[0, 0]", "      type: smooth\n      points: [[0, 0]")])
    submission("method-unknown", b, [("method: euler", "method: runge-kutta")])
    submission("method-wrong-case-typo", p, [("method: euler", "method: eulr")])
    # Duplicate names.
    submission("duplicate-stock-name", b, [("  flows:\n", "    - name: Water Level\n      initial: 0\n  flows:\n")])
    submission("duplicate-name-stock-and-constant", j, [("{ name: Workers, value: 4", "{ name: Pending Jobs, value: 4")])
    submission("duplicate-name-underscore-spelling", p, [("{ name: Slow Capacity, value: 40", "{ name: processing_capacity, value: 40")])
    submission("duplicate-name-case", r, [("{ name: Retry Backoff, value: 1", "{ name: RETRY FRACTION, value: 1")])
    submission("duplicate-flow-name", b, [("    - name: Drain\n", "    - name: Faucet\n")])
    submission("duplicate-aux-name", r, [("    - name: Timeout Ratio\n", "    - name: Timeouts\n")])
    submission("duplicate-lookup-and-aux", r, [("    - name: Timeout Share\n", "    - name: Latency\n")])
    submission("duplicate-loop-id", p, [("    - id: B1\n", "    - id: R1\n")], "loops {file}")
    submission("name-reserved-time", b, [("    - name: Water Level\n", "    - name: Time\n"), ("to: Water Level", "to: Time"), ("from: Water Level", "from: Time")])
    submission("name-reserved-dt", j, [("{ name: Workers, value: 4", "{ name: DT, value: 4")])
    submission("name-keyword-if", p, [("    - name: Latency\n", "    - name: If\n")])
    submission("name-keyword-not", r, [("{ name: Circuit Breaker, value: 0", "{ name: Not, value: 0")])
    submission("stock-max-zero", p, [("max: 1000", "max: 0")])
    submission("stock-max-negative", r, [("max: 2000", "max: -5")])
    submission("sim-save-interval-not-multiple", b, [("dt: 0.125,", "dt: 0.125, save_interval: 0.3,")])
    submission("flow-between-clouds", b, [("      to: Water Level\n      equation: faucet_rate", "      equation: faucet_rate")], where=None)
    submission("name-empty", b, [("- name: Drain\n", "- name: \"\"\n")])
    submission("name-only-spaces", j, [("{ name: Spike Time,", "{ name: \"   \",")])


def equations():
    b, j, p, r, d = SOL["bathtub"], SOL["jobs"], SOL["pipeline"], SOL["retry"], SOL["db"]
    a, pb = SOL["autoscalers"], SOL["partb"]
    def eq(name, base, old, new, **kw):
        submission("equation-" + name, base, [(old, new)], **kw)
    eq("unbalanced-open", b, "equation: water_level / drain_time", "equation: (water_level / drain_time")
    eq("unbalanced-close", p, "equation: MIN(request_queue / DT, processing_capacity)", "equation: MIN(request_queue / DT, processing_capacity))")
    eq("unbalanced-call", r, "SAFEDIV(timeouts, requests_served, 0)", "SAFEDIV(timeouts, requests_served, 0")
    eq("unbalanced-nested", r, "(STEP(1, slowdown_start) - STEP(1, slowdown_end))", "(STEP(1, slowdown_start) - STEP(1, slowdown_end)")
    eq("close-before-open", j, "MIN(pending_jobs, workers) / job_duration", "MIN)pending_jobs, workers( / job_duration")
    eq("unknown-function", b, "equation: water_level / drain_time", "equation: DRAIN(water_level, drain_time)")
    eq("unknown-function-typo", p, "MAX(processing, 0.001)", "MAXX(processing, 0.001)")
    eq("unknown-function-vensim", j, "PULSE(second_batch, spike_time)", "PULSE TRAIN(second_batch, spike_time, 1, 180)")
    eq("unknown-function-excel", r, "MIN(backend_queue / DT, backend_capacity)", "MINIMUM(backend_queue / DT, backend_capacity)")
    eq("arity-min-one-arg", p, "MIN(request_queue / DT, processing_capacity)", "MIN(request_queue / DT)")
    eq("arity-step-one-arg", r, "STEP(1, slowdown_start)", "STEP(1)")
    eq("arity-abs-two-args", b, "equation: water_level / drain_time", "equation: ABS(water_level, drain_time)")
    eq("arity-pulse-four-args", j, "PULSE(second_batch, spike_time)", "PULSE(second_batch, spike_time, 30, 1)")
    eq("arity-smth1-one-arg", r, "SMTH1(timeouts * retry_fraction * (1 - circuit_open), retry_backoff, 0)", "SMTH1(timeouts * retry_fraction * (1 - circuit_open))")
    eq("arity-if-then-else-two", p, "IF TIME >= slowdown_time THEN slow_capacity ELSE healthy_capacity", "IF_THEN_ELSE(TIME >= slowdown_time, slow_capacity)")
    eq("arity-lookup-two-args", r, "timeout_share(latency / client_timeout)", "timeout_share(latency, client_timeout)")
    eq("arity-time-called", b, "equation: faucet_rate", "equation: faucet_rate * TIME(1)")
    eq("unknown-variable", b, "equation: water_level / drain_time", "equation: water_levle / drain_time")
    eq("unknown-variable-2", p, "equation: incoming_requests + retries", "equation: incoming_requests + retry")
    eq("unknown-variable-spaces", j, "MIN(pending_jobs, workers)", "MIN(pending jobs, workers)")
    eq("unknown-variable-quoted", r, "equation: backend_queue / backend_capacity", "equation: \"Backend Queues\" / backend_capacity")
    eq("unknown-variable-in-initial", j, "initial: first_batch", "initial: first_batches")
    eq("initial-reads-a-flow", b, "initial: 10", "initial: faucet")
    eq("division-by-literal-zero", b, "equation: water_level / drain_time", "equation: water_level / 0")
    eq("empty-quoted", p, "equation: failures * retry_fraction", "equation: \"\"")
    eq("empty-null", j, "equation: PULSE(second_batch, spike_time)", "equation:")
    eq("only-spaces", r, "equation: backend_queue / backend_capacity", "equation: \"   \"")
    eq("trailing-operator", b, "equation: water_level / drain_time", "equation: water_level / drain_time +")
    eq("leading-operator", p, "equation: failures * retry_fraction", "equation: * failures * retry_fraction")
    eq("double-operator", j, "MIN(pending_jobs, workers) / job_duration", "MIN(pending_jobs, workers) / / job_duration")
    eq("power-double-star", r, "equation: backend_queue / backend_capacity", "equation: backend_queue ** 2")
    eq("missing-operator", b, "equation: water_level / drain_time", "equation: water_level drain_time")
    eq("if-without-else", p, "IF TIME >= slowdown_time THEN slow_capacity ELSE healthy_capacity", "IF TIME >= slowdown_time THEN slow_capacity")
    eq("if-without-then", p, "IF TIME >= slowdown_time THEN failure_fraction ELSE 0", "IF TIME >= slowdown_time failure_fraction ELSE 0")
    eq("else-without-if", r, "IF circuit_breaker > 0 AND timeout_ratio > breaker_threshold THEN 1 ELSE 0", "circuit_breaker ELSE 0")
    eq("bad-number", b, "equation: water_level / drain_time", "equation: water_level / 1e")
    eq("bad-number-two-dots", j, "MIN(pending_jobs, workers) / job_duration", "MIN(pending_jobs, workers) / 9.5.1")
    eq("stray-character-dollar", p, "equation: failures * retry_fraction", "equation: failures * $retry_fraction")
    eq("stray-character-semicolon", r, "equation: backend_queue / backend_capacity", "equation: backend_queue / backend_capacity;")
    eq("stray-character-brace", b, "equation: faucet_rate", "equation: \"{faucet_rate}\"", where=None)
    eq("unterminated-quoted-name", j, "equation: MIN(pending_jobs, workers) / job_duration", "equation: 'MIN(\"Pending Jobs, workers) / job_duration'")
    eq("comma-outside-call", p, "equation: failures * retry_fraction", "equation: failures, retry_fraction")
    eq("empty-argument", r, "STEP(1, slowdown_start)", "STEP(1, )")
    eq("empty-parens", b, "equation: water_level / drain_time", "equation: water_level / ()")
    eq("assignment-form", j, "equation: PULSE(second_batch, spike_time)", "equation: jobs_created = PULSE(second_batch, spike_time)", where=None)
    eq("lookup-without-call", r, "timeout_share(latency / client_timeout)", "timeout_share * latency")
    eq("call-a-constant", b, "equation: water_level / drain_time", "equation: water_level / drain_time(2)")
    eq("algebraic-cycle", p, "equation: failures * retry_fraction", "equation: failures * retry_fraction + arrivals")
    eq("self-reference", r, "equation: backend_queue / backend_capacity", "equation: latency + backend_queue / backend_capacity")
    eq("deep-nesting", b, "equation: faucet_rate", "equation: " + "(" * 300 + "faucet_rate" + ")" * 300)
    eq("unknown-in-autoscalers", a, "MAX(", "MAXIMUM(")
    eq("unbalanced-in-partb", pb, "processed_requests * max_hit_rate * (1 - cache_entries / cache_key_space)", "processed_requests * max_hit_rate * (1 - cache_entries / cache_key_space")
    eq("unknown-variable-partb-alt", SOL["partb_alt"], "equation: ", "equation: undefined_thing + ", )
    eq("unknown-variable-db", d, "equation: ", "equation: 2 * nothing_here + ")
    eq("not-without-operand", p, "IF TIME >= slowdown_time THEN slow_capacity", "IF NOT THEN slow_capacity")
    eq("comparison-chain-missing", r, "timeout_ratio > breaker_threshold", "timeout_ratio > > breaker_threshold")
    # Lookups.
    submission("lookup-x-not-increasing", r, [("[0.8, 0.05], [1, 0.5]", "[0.8, 0.05], [0.7, 0.5]")])
    submission("lookup-x-repeated", SOL["partb"], [("[0.8, 0.05], [1, 0.5]", "[0.8, 0.05], [0.8, 0.5]")])
    submission("lookup-one-point", r, [("[[0, 0], [0.5, 0], [0.8, 0.05], [1, 0.5], [1.5, 0.95], [2, 1]]", "[[0, 0]]")])
    submission("lookup-point-three-numbers", r, [("[0.5, 0]", "[0.5, 0, 1]")])
    submission("lookup-empty-points", r, [("[[0, 0], [0.5, 0], [0.8, 0.05], [1, 0.5], [1.5, 0.95], [2, 1]]", "[]")])


def sim_section():
    b, j, p, r = SOL["bathtub"], SOL["jobs"], SOL["pipeline"], SOL["retry"]
    submission("sim-dt-zero", b, [("dt: 0.125", "dt: 0")])
    submission("sim-dt-negative", j, [("dt: 0.25", "dt: -0.25")])
    submission("sim-dt-string", p, [("dt: 0.25", "dt: quarter")])
    submission("sim-dt-null", r, [("dt: 0.1,", "dt: ~,")])
    submission("sim-dt-nan", b, [("dt: 0.125", "dt: .nan")])
    submission("sim-stop-before-start", j, [("start: 0, stop: 180", "start: 200, stop: 180")])
    submission("sim-stop-equals-start", p, [("stop: 120", "stop: 0")])
    submission("sim-stop-negative", r, [("stop: 600", "stop: -600")])
    submission("sim-start-string", b, [("start: 0", "start: zero")])
    submission("sim-stop-string", j, [("stop: 180", "stop: \"3 minutes\"")])
    submission("sim-start-list", p, [("start: 0", "start: [0]")])
    submission("sim-stop-inf", b, [("stop: 60", "stop: .inf")], where=None)
    submission("sim-save-interval-zero", r, [("dt: 0.1,", "dt: 0.1, save_interval: 0,")])
    submission("sim-save-interval-string", b, [("dt: 0.125,", "dt: 0.125, save_interval: often,")])
    submission("sim-time-units-list", j, [("time_units: seconds", "time_units: [seconds]")])
    submission("sim-method-number", p, [("method: euler", "method: 4")])
    submission("sim-is-scalar", r, [("sim: { start: 0, stop: 600, dt: 0.1, method: euler, time_units: seconds }", "sim: 600")])
    submission("sim-dt-comma-decimal", b, [("dt: 0.125,", "dt: \"0,125\",")])


def causal_loop_section():
    b, j, p, r, d, pb = SOL["bathtub"], SOL["jobs"], SOL["pipeline"], SOL["retry"], SOL["db"], SOL["partb"]
    def cld(name, base, reps, where=None):
        submission("cld-" + name, base, reps, "loops {file}", where)
    cld("polarity-star", b, [("\"Faucet -> Water Level (+)\"", "{ from: Faucet, to: Water Level, polarity: \"*\" }")])
    cld("polarity-word", j, [("\"Jobs Created -> Pending Jobs (+)\"", "{ from: Jobs Created, to: Pending Jobs, polarity: up }")])
    cld("polarity-number", p, [("\"Latency -> Failures (+)\"", "{ from: Latency, to: Failures, polarity: 1 }")])
    cld("polarity-compact-bad-sign", r, [("\"Load -> Latency (+)\"", "\"Load -> Latency (x)\"")])
    cld("polarity-compact-missing", b, [("\"Drain -> Water Level (-)\"", "\"Drain -> Water Level\"")])
    cld("compact-no-arrow", j, [("\"Pending Jobs -> Jobs Completed (+)\"", "\"Pending Jobs Jobs Completed (+)\"")])
    cld("compact-wrong-arrow", p, [("\"Failures -> Retries (+)\"", "\"Failures => Retries (+)\"")])
    cld("compact-missing-target", d, [("\"Pool Size -> Free Connections (+)\"", "\"Pool Size -> (+)\"")])
    cld("compact-missing-source", b, [("\"Faucet -> Water Level (+)\"", "\" -> Water Level (+)\"")])
    cld("link-is-number", j, [("    - \"Jobs Completed -> Completed Jobs (+)\"", "    - 42")])
    cld("link-is-list", p, [("    - \"Retries -> Arrivals (+)\"", "    - [Retries, Arrivals, +]")])
    cld("self-link", b, [("\"Water Level -> Drain (+)\"", "\"Water Level -> Water Level (+)\"")])
    cld("duplicate-link", j, [("    - \"Jobs Completed -> Completed Jobs (+)\"", "    - \"Jobs Created -> Pending Jobs (+)\"")])
    cld("loop-unknown-variable", b, [("path: [Water Level, Drain]", "path: [Water Level, Drainage]")])
    cld("loop-not-a-cycle", p, [("path: [Request Queue, Processing]", "path: [Request Queue, Latency]")])
    cld("loop-wrong-direction", j, [("path: [Pending Jobs, Jobs Completed]", "path: [Pending Jobs, Jobs Created]")])
    cld("loop-type-unknown", b, [("type: balancing", "type: circular")])
    cld("loop-type-number", r, [("type: reinforcing", "type: 1")])
    cld("loop-path-empty", j, [("path: [Pending Jobs, Jobs Completed]", "path: []")])
    cld("loop-path-one", b, [("path: [Water Level, Drain]", "path: [Water Level]")])
    cld("loop-path-string", p, [("path: [Request Queue, Processing]", "path: Request Queue -> Processing")])
    cld("loop-id-list", b, [("    - id: B1", "    - id: [B1]")])
    cld("loop-path-repeats", p, [("path: [Request Queue, Processing]", "path: [Request Queue, Processing, Request Queue, Processing]")])
    cld("loop-is-string", j, [("    - id: B1\n      name: Workers drain the backlog\n      type: balancing\n      path: [Pending Jobs, Jobs Completed]",
                               "    - B1 Workers drain the backlog")])
    cld("link-unknown-key-delay", r, [("\"Load -> Latency (+)\"", "{ from: Load, to: Latency, polarity: \"+\", delayed: true }")])
    cld("link-delay-not-bool", b, [("\"Water Level -> Drain (+)\"", "{ from: Water Level, to: Drain, polarity: \"+\", delay: sometimes }")])
    cld("link-from-empty", j, [("\"Jobs Created -> Pending Jobs (+)\"", "{ from: \"\", to: Pending Jobs, polarity: \"+\" }")])
    cld("variables-is-map", pb, [("  variables:\n    - { name: Offered Load", "  variables:\n    Offered Load: { name: Offered Load")])
    cld("variable-missing-name", pb, [("{ name: Offered Load, doc:", "{ doc:")])
    cld("variable-duplicate", pb, [("    - { name: Offered Load, doc: user traffic plus retries }", "    - { name: Offered Load, doc: user traffic plus retries }\n    - { name: offered_load }")])


def leverage_answers():
    p, d, r, a = SOL["pipeline"], SOL["db"], SOL["retry"], SOL["autoscalers"]
    def lev(name, base, reps, where=None):
        submission("leverage-" + name, base, reps, "check {file}", where)
    lev("level-13", p, [("    - level: 11", "    - level: 13")])
    lev("level-0", d, [("    - level: 12", "    - level: 0")])
    lev("level-word", p, [("    - level: 7", "    - level: seven")])
    lev("level-fraction", d, [("    - level: 9", "    - level: 9.5")])
    lev("level-negative", r, [("level: ", "level: -")])
    lev("rank-zero", p, [("      rank: 3", "      rank: 0")])
    lev("rank-word", d, [("      rank: 4", "      rank: fourth")])
    lev("what-if-unknown-variable", d, [("set: { pool_size: 500 }", "set: { pool_sise: 500 }")])
    lev("what-if-not-number", d, [("set: { pool_size: 500 }", "set: { pool_size: large }")])
    lev("what-if-set-list", d, [("set: { pool_size: 500 }", "set: [pool_size, 500]")])
    lev("what-if-is-string", d, [("      what_if:\n        set: { pool_size: 500 }", "      what_if: pool_size = 500")])
    lev("interventions-is-string", p, [("  interventions:\n    - level: 11", "  interventions: make it bigger\n  _x:\n    - level: 11")])
    lev("problem-is-list", p, [("  problem: The queue", "  problem: [The queue")])
    lev("action-is-map", d, [("      action: Increase the connection pool from 200 to 500", "      action: { increase: pool }")])
    def ans(name, base, reps, where=None):
        submission("answers-" + name, base, reps, "check {file}", where)
    ans("is-string", SOL["bathtub"], [("answers:\n  equilibrium_level: >", "answers: see below\n_answers:\n  equilibrium_level: >")])
    ans("value-is-list", SOL["jobs"], [("  stock: >\n    Pending jobs (created but not completed) is the stock; completed jobs is a\n    second stock that only grows.",
                                        "  stock: [Pending Jobs, Completed Jobs]")])
    ans("unknown-question", SOL["bathtub"], [("  faucet_faster: >", "  faucet_fastr: >")])
    ans("unknown-question-2", SOL["jobs"], [("  drain_rate: >", "  drain: >")])
    ans("question-number-key", p, [("  after_full: >", "  2: >")])


def binary_and_encoding():
    b = read(SOL["bathtub"])
    add("binary", "empty.yaml", "simulate {file}", b"", None)
    add("binary", "only-whitespace.yaml", "simulate {file}", b"   \n\n  \n", None)
    add("binary", "only-comment.yaml", "simulate {file}", b"# nothing here\n", None)
    add("binary", "only-document-marker.yaml", "simulate {file}", b"---\n", None)
    add("binary", "null-document.yaml", "simulate {file}", b"~\n", None)
    add("binary", "scalar-document.yaml", "simulate {file}", b"hello world\n", None)
    add("binary", "list-document.yaml", "simulate {file}", b"- stock_flow\n- causal_loop\n", None)
    add("binary", "nul-in-name.yaml", "simulate {file}", b.replace("Water Level\n      initial", "Water\0Level\n      initial").encode(), None)
    add("binary", "nul-at-start.yaml", "simulate {file}", b"\0\0\0\0" + b.encode(), None)
    add("binary", "png-header.yaml", "simulate {file}", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa", None)
    add("binary", "random-bytes.yaml", "simulate {file}", bytes((i * 97 + 13) % 256 for i in range(512)), None)
    add("binary", "invalid-utf8-in-name.yaml", "simulate {file}", b.encode().replace(b"name: Drain\n", b"name: Dr\xe4in\n"), None)
    add("binary", "invalid-utf8-in-comment.yaml", "simulate {file}", b.encode().replace(b"# One stock", b"# \xff\xfe One stock"), None)
    add("binary", "invalid-utf8-truncated.yaml", "simulate {file}", b.encode().replace(b"author: sdlab course team", b"author: sdlab \xe2\x82"), None)
    add("binary", "overlong-utf8.yaml", "simulate {file}", b.encode().replace(b"lab: bathtub", b"lab: bath\xc0\xafub"), None)
    add("binary", "utf16-le-bom.yaml", "simulate {file}", b"\xff\xfe" + b.encode("utf-16-le"), None)
    add("binary", "utf16-be-bom.yaml", "loops {file}", b"\xfe\xff" + b.encode("utf-16-be"), None)
    add("binary", "crlf-and-nul.yaml", "simulate {file}", b.replace("\n", "\r\n").replace("dt: 0.125", "dt: 0.1\0").encode(), None)
    add("binary", "gzip-header.yaml", "loops {file}", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(64)), None)
    add("binary", "truncated-mid-key.yaml", "simulate {file}", b[: b.index("equation: water_level") + 5].encode(), None)
    add("binary", "truncated-in-flow-map.yaml", "simulate {file}", b[: b.index("dt: 0.125") + 4].encode(), None)
    add("binary", "nul-for-check.yaml", "check {file}", b"lab: bathtub\n\0\n", None)


XMILE_BASE = """<?xml version="1.0" encoding="utf-8"?>
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
    <header>
        <vendor>sdlab malformed corpus</vendor>
        <product version="1.0">hand-written</product>
    </header>
    <sim_specs method="Euler" time_units="Minutes">
        <start>0</start>
        <stop>60</stop>
        <dt>0.125</dt>
    </sim_specs>
    <model>
        <variables>
            <stock name="Water Level">
                <eqn>10</eqn>
                <inflow>Faucet</inflow>
                <outflow>Drain</outflow>
                <non_negative/>
            </stock>
            <flow name="Faucet">
                <eqn>Faucet_Rate</eqn>
            </flow>
            <flow name="Drain">
                <eqn>Water_Level / Drain_Time</eqn>
            </flow>
            <aux name="Faucet Rate">
                <eqn>10</eqn>
            </aux>
            <aux name="Drain Time">
                <eqn>5</eqn>
            </aux>
            <aux name="Effect">
                <eqn>Water_Level / 50</eqn>
                <gf>
                    <xscale min="0" max="2"/>
                    <yscale min="0" max="1"/>
                    <ypts>0,0.5,1</ypts>
                </gf>
            </aux>
        </variables>
    </model>
</xmile>
"""


def xmile():
    def x(name, reps, command="simulate {file}", where=None):
        text, first = damage(XMILE_BASE, reps)
        add("xmile", name + ".xmile", command, text, where or first)
    x("unclosed-eqn", [("<eqn>Faucet_Rate</eqn>", "<eqn>Faucet_Rate")])
    x("unclosed-stock", [("                <non_negative/>\n            </stock>", "                <non_negative/>")])
    x("unclosed-root", [("</xmile>\n", "")], where=None)
    x("mismatched-tag", [("<dt>0.125</dt>", "<dt>0.125</stop>")])
    x("unquoted-attribute", [("<flow name=\"Drain\">", "<flow name=Drain>")])
    x("bad-entity", [("<eqn>Water_Level / 50</eqn>", "<eqn>Water_Level &div; 50</eqn>")])
    x("text-before-root", [("<xmile version", "garbage<xmile version")])
    x("two-roots", [("</xmile>\n", "</xmile>\n<xmile></xmile>\n")])
    x("not-xmile-root", [("<xmile version=\"1.0\"", "<smile version=\"1.0\""), ("</xmile>", "</smile>")])
    x("eqn-unbalanced", [("<eqn>Water_Level / Drain_Time</eqn>", "<eqn>(Water_Level / Drain_Time</eqn>")])
    x("eqn-unknown-variable", [("<eqn>Water_Level / Drain_Time</eqn>", "<eqn>Water_Levle / Drain_Time</eqn>")])
    x("eqn-unknown-function", [("<eqn>Faucet_Rate</eqn>", "<eqn>FAUCET(Faucet_Rate)</eqn>")])
    x("eqn-empty", [("<eqn>Faucet_Rate</eqn>", "<eqn></eqn>")])
    x("eqn-trailing-operator", [("<eqn>Water_Level / 50</eqn>", "<eqn>Water_Level / </eqn>")])
    x("eqn-trailing-operator-flow", [("<eqn>Water_Level / Drain_Time</eqn>", "<eqn>Water_Level / Drain_Time *</eqn>")])
    x("eqn-missing", [("            <flow name=\"Faucet\">\n                <eqn>Faucet_Rate</eqn>\n", "            <flow name=\"Faucet\">\n")])
    x("missing-sim-specs", [("    <sim_specs method=\"Euler\" time_units=\"Minutes\">\n        <start>0</start>\n        <stop>60</stop>\n        <dt>0.125</dt>\n    </sim_specs>\n", "")], where=None)
    x("sim-stop-not-number", [("<stop>60</stop>", "<stop>sixty</stop>")])
    x("sim-dt-zero", [("<dt>0.125</dt>", "<dt>0</dt>")])
    x("sim-stop-before-start", [("<start>0</start>", "<start>100</start>")])
    x("sim-method-unknown", [("method=\"Euler\"", "method=\"Leapfrog\"")])
    x("missing-model", [("    <model>", "    <modle>"), ("    </model>", "    </modle>")])
    x("stock-without-name", [("<stock name=\"Water Level\">", "<stock>")])
    x("duplicate-name", [("<aux name=\"Drain Time\">", "<aux name=\"Faucet Rate\">")])
    x("inflow-unknown", [("<inflow>Faucet</inflow>", "<inflow>Tap</inflow>")])
    x("gf-no-points", [("                    <ypts>0,0.5,1</ypts>\n", "")], where=None)
    x("gf-bad-points", [("<ypts>0,0.5,1</ypts>", "<ypts>0,half,1</ypts>")])
    x("array-dimensions", [("<aux name=\"Drain Time\">", "<aux name=\"Drain Time\">\n                <dimensions><dim name=\"Tub\"/></dimensions>")])
    x("module", [("            <aux name=\"Drain Time\">", "            <module name=\"Plumbing\"/>\n            <aux name=\"Drain Time\">")])
    x("conveyor", [("                <non_negative/>\n", "                <non_negative/>\n                <conveyor><len>3</len></conveyor>\n")])
    add("xmile", "empty.xmile", "simulate {file}", b"", None)
    add("xmile", "binary.xmile", "simulate {file}", bytes((i * 31 + 7) % 256 for i in range(300)), None)
    add("xmile", "nul-in-eqn.xmile", "simulate {file}", XMILE_BASE.replace("<eqn>5</eqn>", "<eqn>5\0</eqn>").encode(), None)


def rubrics():
    def rb(name, base, reps, where=None, solution="solutions/bathtub.yaml"):
        text, first = damage(read(base), reps)
        add("rubric", name + ".yaml", "grade " + solution + " --rubric {file}", text, where or first)
    bt, jq, rp = "rubrics/bathtub.yaml", "rubrics/job-queue.yaml", "rubrics/request-pipeline.yaml"
    rb("tab-indent", bt, [("\nconcepts:\n  water:", "\nconcepts:\n\twater:")])
    rb("unclosed-hidden-map", bt, [("hidden: { checks: 1, points: 8 }", "hidden: { checks: 1, points: 8")])
    rb("unknown-top-key", bt, [("\nconcepts:\n", "\nconcept:\n")])
    rb("unknown-check-key", bt, [("    points: 8\n    title: The water level is a stock", "    pionts: 8\n    title: The water level is a stock")])
    rb("unknown-check-kind", bt, [("    kind: stock_flows", "    kind: stock_flow")])
    rb("check-unknown-concept", bt, [("    kind: stock_flows\n    concept: water", "    kind: stock_flows\n    concept: waterr")])
    rb("duplicate-check-id", bt, [("  - id: stock_flows", "  - id: one_stock")])
    rb("points-do-not-add-up", bt, [("points: 92 ", "points: 93 ")], where=None)
    rb("points-negative", bt, [("    points: 8\n    title: The water level", "    points: -8\n    title: The water level")])
    rb("points-string", bt, [("    points: 10\n", "    points: ten\n")])
    rb("points-huge", bt, [("    points: 10\n", "    points: 1e308\n")], where=None)
    rb("format-version-2", bt, [("format: sdlab-rubric/1", "format: sdlab-rubric/2")])
    rb("lab-missing", bt, [("lab: bathtub\n", "")], where=None)
    rb("lab-is-list", bt, [("lab: bathtub", "lab: [bathtub]")])
    rb("checks-is-map", jq, [("checks:\n", "checks:\n  first:\n"), ], solution="solutions/job-queue.yaml", where=None)
    rb("concept-aliases-is-map", bt, [("    aliases: [water level, water,", "    aliases: { water level: 1 }\n    _aliases: [water level, water,")])
    rb("concept-kind-unknown", bt, [("    kind: stock\n    description: the water level", "    kind: reservoir\n    description: the water level")])
    rb("concept-role-unknown-key", bt, [("role: { inflow_of: water }", "role: { inflow: water }")])
    rb("concept-role-unknown-concept", bt, [("role: { inflow_of: water }", "role: { inflow_of: tub }")])
    rb("extends-missing-file", bt, [("hidden: { checks: 1, points: 8 }\n", "hidden: { checks: 1, points: 8 }\nextends: no-such-base.yaml\n")])
    rb("hidden-is-string", bt, [("hidden: { checks: 1, points: 8 }", "hidden: one check")])
    rb("duplicate-key-title", bt, [("\nversion: \"2025-1\"", "\ntitle: again\nversion: \"2025-1\"")])
    rb("alias-in-rubric", bt, [("    concept: water\n    as: stock", "    concept: &c water\n    as: stock")])
    rb("question-is-list", bt, [("  equilibrium_level: At what level", "  equilibrium_level: [At what level")])
    rb("check-is-string", bt, [("  - id: one_stock\n", "  - one_stock\n  - id: one_stock_\n")])
    rb("jq-unknown-kind", jq, [("kind: ", "kind: nonsense_", 3)], solution="solutions/job-queue.yaml")
    rb("rp-unknown-key", rp, [("points: ", "pointz: ", 2)], solution="solutions/request-pipeline.yaml")
    rb("rp-tab", rp, [("\n  - id: queue_stock", "\n\t- id: queue_stock")], solution="solutions/request-pipeline.yaml")
    rb("empty", bt, [(read(bt), "")], where=None)
    rb("binary", bt, [(read(bt), "\x01\x02\x03\x00\xff")], where=None)


def write_all():
    for folder in ["submission", "binary", "xmile", "rubric"]:
        path = os.path.join(HERE, folder)
        os.makedirs(path, exist_ok=True)
        for old in os.listdir(path):
            os.remove(os.path.join(path, old))
    seen = set()
    with open(os.path.join(HERE, "cases.tsv"), "w") as out:
        out.write("# input\tcommand\tdamage line\tdamage column (0: no single place)\n")
        for rel, command, data, line, col in CASES:
            if rel in seen:
                raise SystemExit(f"duplicate case {rel}")
            seen.add(rel)
            with open(os.path.join(ROOT, rel), "wb") as f:
                f.write(data)
            out.write(f"{rel}\t{command}\t{line}\t{col}\n")
    print(f"{len(CASES)} inputs written")


DIAG = re.compile(r"^(?P<file>[^\n:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.*)$", re.M)

# Inputs whose diagnostic is right but not on the damaged line, checked by
# eye: input -> the line:col that is right, and why.
ELSEWHERE = {
    "submission/document-end-then-more.yaml": "39:1",  # the text after `...`
    "submission/type-document-is-list.yaml": "6:1",  # the key after the list
    "submission/missing-stock-initial.yaml": "13:7",  # the stock without it
    "submission/missing-flow-equation.yaml": "21:7",  # the flow without it
    "submission/missing-intervention-action.yaml": "71:7",  # the intervention
    "submission/flow-from-and-to-same-stock.yaml": "18:11",  # its `to:`
    "submission/equation-algebraic-cycle.yaml": "21:37",  # a link of the cycle
    "submission/cld-loop-path-empty.yaml": "45:7",  # the loop
    "submission/cld-variable-duplicate.yaml": "180:15",  # the second one
    "submission/cld-duplicate-link.yaml": "43:7",  # the second link (warning)
    "submission/cld-loop-not-a-cycle.yaml": "62:7",  # the loop (warning)
    "submission/cld-loop-wrong-direction.yaml": "45:7",  # the loop (warning)
    "submission/cld-loop-path-one.yaml": "34:7",  # the loop (warning)
    "submission/cld-loop-path-repeats.yaml": "62:7",  # the loop (warning)
    "submission/flow-between-clouds.yaml": "16:13",  # the flow (warning)
    "xmile/eqn-empty.xmile": "20:13",  # the <flow> without an equation
    "xmile/eqn-missing.xmile": "20:13",
    "xmile/missing-sim-specs.xmile": "2:1",  # the <xmile> root
    "xmile/missing-model.xmile": "2:1",
    "xmile/sim-stop-before-start.xmile": "7:5",  # <sim_specs>
    "xmile/gf-no-points.xmile": "34:17",  # the <gf>
    "xmile/array-dimensions.xmile": "30:17",  # <dimensions>
    "rubric/lab-missing.yaml": "5:1",  # the rubric's mapping
    "xmile/unclosed-stock.xmile": "14:13",  # the <stock> that is not closed
    "xmile/unclosed-root.xmile": "2:1",  # the <xmile> that is not closed
    "rubric/concept-aliases-is-map.yaml": "14:14",  # the mapping
}

# Inputs the current program handles wrongly (KNOWN_DEFECTS.md): left out of
# expected.tsv so that no test pins the wrong behaviour.
KNOWN_DEFECTS = set()
# Accepted on purpose (docs/submission-format-notes.md): not damage after all.
NOT_DAMAGE = {
    "submission/type-value-is-quoted-number.yaml",  # quoted numbers are numbers
    "submission/sim-dt-null.yaml",  # an empty optional key counts as absent
    "submission/equation-initial-reads-a-flow.yaml",  # initial values may read any element
}


def expect(binary):
    rows = []
    with open(os.path.join(HERE, "cases.tsv")) as f:
        for row in f:
            if row.startswith("#"):
                continue
            rel, command, line, col = row.rstrip("\n").split("\t")
            rows.append((rel, command, int(line), int(col)))
    out = open(os.path.join(HERE, "expected.tsv"), "w")
    out.write("# input\tcommand\texit code\tseverity\tline:col\tmessage (a substring of the diagnostic)\n")
    review = 0
    for rel, command, line, col in rows:
        key = rel[len("tests/malformed/"):]
        if key in KNOWN_DEFECTS:
            continue
        args = command.replace("{file}", rel).split(" ")
        run = subprocess.run([binary] + args, cwd=ROOT, capture_output=True, timeout=20)
        if key in NOT_DAMAGE:
            # Pinned as "loads": exit 0 and no error (severity, place, message "-").
            if run.returncode != 0:
                print(f"{rel}: exit {run.returncode}, but it is not damage", file=sys.stderr)
                review += 1
                continue
            out.write(f"{rel}\t{command}\t0\t-\t-\t-\n")
            continue
        err = run.stderr.decode("utf-8", "replace")
        located = [m for m in DIAG.finditer(err) if m.group("file") == rel]
        if not located and run.returncode == 0:
            # A graded file's warnings are part of its report, on stdout.
            out_text = run.stdout.decode("utf-8", "replace")
            located = [m for m in DIAG.finditer(out_text)
                       if m.group("file") == rel and m.group("sev") == "warning"]
        want = ELSEWHERE.get(key)
        chosen = None
        for m in located:
            at = f"{m.group('line')}:{m.group('col')}"
            if (want and at == want) or (not want and (line == 0 or int(m.group("line")) == line)):
                chosen = m
                break
        if chosen is None or run.returncode not in (0, 1):
            review += 1
            print(f"REVIEW {rel}: exit {run.returncode}\n{err}", file=sys.stderr)
            continue
        message = chosen.group("msg")
        # The hint in parentheses is part of the message text; keep the message.
        message = re.sub(r" \(did you mean [^)]*\)$", "", message)
        out.write(f"{rel}\t{command}\t{run.returncode}\t{chosen.group('sev')}\t"
                  f"{chosen.group('line')}:{chosen.group('col')}\t{message}\n")
    print(f"{review} inputs to review", file=sys.stderr)


if __name__ == "__main__":
    yaml_syntax()
    schema()
    equations()
    sim_section()
    causal_loop_section()
    leverage_answers()
    binary_and_encoding()
    xmile()
    rubrics()
    if len(sys.argv) > 2 and sys.argv[1] == "--expect":
        expect(sys.argv[2])
    else:
        write_all()
