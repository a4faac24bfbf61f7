#!/usr/bin/env python3
"""Turns the benchmark's raw runs into rows (`run`, `workers`) and the rows into bench/RESULTS.md (`report`) and
bench/RESULTS-scale-out.md (`scale-out`)."""
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


def timed(path):
    """Wall seconds, peak RSS MiB and CPU seconds (user and system) of one process from `/usr/bin/time -v`."""
    time_text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (.+)", time_text).group(1).strip().split(":")
    wall_s = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall)))
    rss_mb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_text).group(1)) / 1024
    cpu_s = sum(float(re.search(r"%s time \(seconds\): ([\d.]+)" % kind, time_text).group(1))
                for kind in ("User", "System"))
    return wall_s, rss_mb, cpu_s


def audited(size, directory):
    """The row fields of one audit (local, or a remote audit's manager): wall, rate, heap, RSS, step times."""
    wall_s, rss_mb, _ = timed(os.path.join(directory, "time.txt"))
    heap_mb = 0.0
    for line in open(os.path.join(directory, "gc.log")):
        for before in re.findall(r"(\d+)M->\d+M", line):
            heap_mb = max(heap_mb, float(before))
    stages = {}
    for line in open(os.path.join(directory, "audit.log")):
        match = re.search(r"Step: \[(\w+)\] executed in (\S+)", line)
        if match and match.group(1) in STAGES:
            stages[match.group(1)] = seconds(match.group(2))
    return ["%.2f" % wall_s, "%.0f" % (int(size) / wall_s), "%.0f" % heap_mb, "%.0f" % rss_mb, json.dumps(stages)]


def run(size, directory):
    """A local audit: its fields, then the CPU seconds (user and system) of the cert-audit process alone, the
    figure that leaves out what the farm's servers take of the same cores."""
    cpu_s = timed(os.path.join(directory, "time.txt"))[2]
    print("\t".join(["run", size] + audited(size, directory) + ["%.2f" % cpu_s]))


def workers(size, count, directory):
    """A remote audit: the manager's fields, then the workers' highest peak RSS, their CPU seconds together and
    the endpoints in error (a handshake that timed out on a starved machine is one: it tells a run apart)."""
    timings = [timed(os.path.join(directory, "worker-%d.time.txt" % i)) for i in range(1, int(count) + 1)]
    errors = re.search(r"completed: (\d+) error", open(os.path.join(directory, "audit.log")).read())
    print("\t".join(["workers", size, count] + audited(size, directory)
                     + ["%.0f" % max(t[1] for t in timings), "%.1f" % sum(t[2] for t in timings),
                        errors.group(1) if errors else "0"]))


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
        elif fields[0] == "peer":
            peers.setdefault(fields[1], []).append(float(fields[3]))
            peer_endpoints = int(fields[2])
    median = statistics.median
    print("# Benchmark results\n")
    print("Machine: " + machine() + ".  ")
    print("Command: `scripts/bench %s`" % arguments)
    print("(loopback TLS farm, 100 ms injected before each server's first flight unless the command says "
          "otherwise, 2% black-holed and 1% closed endpoints, 5 s timeouts, embedded H2 file database; "
          "median of the runs, whole process including JVM start; audit CPU per endpoint is the user and system "
          "CPU of the cert-audit process from `/usr/bin/time`, JVM start and JIT included, over the endpoints: "
          "unlike the wall time, it does not count what the farm's servers take of the shared cores).\n")
    if runs:
        print("## cert-audit, end to end\n")
        print("| endpoints | runs | wall s (median) | endpoints/s | per 1k endpoints s | audit CPU ms per endpoint | "
              "peak heap MiB | peak RSS MiB | " + " | ".join(s + " s" for s in STAGES[:-1]) + " |")
        print("|" + "---|" * (8 + len(STAGES) - 1))
        for size in sorted(runs):
            rows = runs[size]
            wall = median(float(r[2]) for r in rows)
            stages = [json.loads(r[6]) for r in rows]
            print("| %d | %d | %.1f | %.0f | %.2f | %.2f | %.0f | %.0f | %s |" % (
                size, len(rows), wall, size / wall, wall / size * 1000,
                median(float(r[7]) / size * 1000 for r in rows),
                median(float(r[4]) for r in rows),
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


def ratio(figures, base, count):
    """How many times faster `count` workers were than `base` workers."""
    return "%.2fx" % (figures[base] / figures[count]) if base in figures and figures[count] > 0 else "-"


def scale_out(results, arguments):
    runs = {}
    for line in open(results):
        fields = line.rstrip("\n").split("\t")
        if fields[0] == "workers":
            runs.setdefault(int(fields[1]), {}).setdefault(int(fields[2]), []).append(fields)
    counts = sorted({count for by_count in runs.values() for count in by_count})
    median = statistics.median
    print("# Benchmark results: scale-out\n")
    print("Machine: " + machine() + ".  ")
    print("Command: `scripts/bench %s`" % arguments)
    print("(loopback TLS farm as in [RESULTS.md](RESULTS.md); a manager, `audit --remote`, and its worker JVMs over "
          "RabbitMQ, sharing a fresh PostgreSQL schema per run, the targets dealt out in turn to 8 partitions, 2 at "
          "once per worker (the defaults), "
          "each with the run's concurrency; farm, manager, workers, broker and database share this machine's %d "
          "cores; median of the runs, the manager's whole process including JVM start, workers started and ready "
          "before it).\n" % os.cpu_count())
    print("## Scale-out: %s workers\n" % " versus ".join(str(count) for count in counts))
    for size in sorted(runs):
        by_count = runs[size]
        base = counts[0]
        walls = {count: median(float(r[3]) for r in rows) for count, rows in by_count.items()}
        fetches = {count: median(json.loads(r[7]).get("fetchAndAnalyse", 0.0) for r in rows)
                   for count, rows in by_count.items()}
        print("### %d endpoints\n" % size)
        print("| workers | runs | wall s (median) | endpoints/s | ratio to %d worker%s | fetchAndAnalyse s | "
              "its ratio | manager peak RSS MiB | worker peak RSS MiB | worker CPU s, all workers | "
              "endpoints in error |"
              % (base, "" if base == 1 else "s"))
        print("|" + "---|" * 11)
        for count in sorted(by_count):
            rows = by_count[count]
            print("| %d | %d | %.1f | %.0f | %s | %.1f | %s | %.0f | %.0f | %.1f | %.0f |" % (
                count, len(rows), walls[count], size / walls[count], ratio(walls, base, count), fetches[count],
                ratio(fetches, base, count),
                median(float(r[6]) for r in rows), median(float(r[8]) for r in rows),
                median(float(r[9]) for r in rows), median(int(r[10]) for r in rows)))
        print()
    print("A ratio is the time with %d worker%s divided by the time with that many: above 1 is faster. The wall time "
          "includes the manager's fixed costs (JVM start, inventory, discovery, reports); fetchAndAnalyse is the "
          "part the workers share. A worker's CPU counts from its start to its SIGTERM, JVM start included; "
          "an endpoint in error is most often a black-holed one, but a handshake that timed out because the "
          "machine was starved is one too." % (counts[0], "" if counts[0] == 1 else "s"))


if __name__ == "__main__":
    if sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "workers":
        workers(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "scale-out":
        scale_out(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
    else:
        report(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
