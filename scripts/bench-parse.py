#!/usr/bin/env python3
"""Turns the benchmark's raw runs into rows (`run`) and the rows into bench/RESULTS.md (`report`)."""
import json
import os
import platform
import re
import statistics
import subprocess
import sys

STAGES = ["loadInventory", "discoverTargets", "fetchAndAnalyse", "compareAddresses", "writeReports", "sendReports"]


def seconds(text):
    """Spring Batch's '3s95ms', '1m2s3ms' or '190ms'."""
    total = 0.0
    for amount, unit in re.findall(r"(\d+)(ms|s|m|h)", text):
        total += int(amount) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]
    return total


def run(size, directory):
    time_text = open(os.path.join(directory, "time.txt")).read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (.+)", time_text).group(1).strip().split(":")
    wall_s = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall)))
    rss_mb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_text).group(1)) / 1024
    heap_mb = 0.0
    for line in open(os.path.join(directory, "gc.log")):
        for before in re.findall(r"(\d+)M->\d+M", line):
            heap_mb = max(heap_mb, float(before))
    stages = {}
    for line in open(os.path.join(directory, "audit.log")):
        match = re.search(r"Step: \[(\w+)\] executed in (\S+)", line)
        if match and match.group(1) in STAGES:
            stages[match.group(1)] = seconds(match.group(2))
    print("\t".join(["run", size, "%.2f" % wall_s, "%.0f" % (int(size) / wall_s), "%.0f" % heap_mb,
                     "%.0f" % rss_mb, json.dumps(stages)]))


def machine():
    cores = os.cpu_count()
    memory = next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    return "%d cores (%s), %.0f GiB memory, %s, %s" % (cores, cpu, int(memory) / 1024 / 1024, java,
                                                       platform.platform())


def report(results, arguments):
    runs, peers, peer_endpoints = {}, {}, 0
    for line in open(results):
        fields = line.rstrip("\n").split("\t")
        if fields[0] == "run":
            runs.setdefault(int(fields[1]), []).append(fields)
        else:
            peers.setdefault(fields[1], []).append(float(fields[3]))
            peer_endpoints = int(fields[2])
    median = statistics.median
    print("# Benchmark results\n")
    print("Machine: " + machine() + ".  ")
    print("Command: `scripts/bench %s`" % arguments)
    print("(loopback TLS farm, 100 ms injected before each server's first flight unless the command says "
          "otherwise, 2% black-holed and 1% closed endpoints, 5 s timeouts, embedded H2 file database; "
          "median of the runs, whole process including JVM start).\n")
    print("## cert-audit, end to end\n")
    print("| endpoints | runs | wall s (median) | endpoints/s | per 1k endpoints s | peak heap MiB | peak RSS MiB | "
          + " | ".join(s + " s" for s in STAGES[:-1]) + " |")
    print("|" + "---|" * (7 + len(STAGES) - 1))
    for size in sorted(runs):
        rows = runs[size]
        wall = median(float(r[2]) for r in rows)
        stages = [json.loads(r[6]) for r in rows]
        print("| %d | %d | %.1f | %.0f | %.2f | %.0f | %.0f | %s |" % (
            size, len(rows), wall, size / wall, wall / size * 1000, median(float(r[4]) for r in rows),
            median(float(r[5]) for r in rows),
            " | ".join("%.1f" % median(s.get(stage, 0.0) for s in stages) for stage in STAGES[:-1])))
    if peers:
        ours = median(peers["cert-audit"])
        print("\n## Against the peers, on the same first %d endpoints\n" % peer_endpoints)
        print("Each peer checks the endpoints one after another, once per endpoint as a monitoring system runs "
              "it, each call bounded by the same timeout (ssl-cert-check has none of its own); cert-audit is one "
              "`scripts/cert-audit audit` of the same endpoints, counting its JVM start, database and both "
              "reports.\n")
        print("| tool | runs | wall s (median) | cert-audit is faster by |")
        print("|---|---|---|---|")
        for tool in ["cert-audit", "ssl-cert-check", "check_ssl_cert"]:
            if tool in peers:
                wall = median(peers[tool])
                print("| %s | %d | %.1f | %s |" % (tool, len(peers[tool]), wall,
                                                   "-" if tool == "cert-audit" else "%.1fx" % (wall / ours)))


if __name__ == "__main__":
    if sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3])
    else:
        report(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
