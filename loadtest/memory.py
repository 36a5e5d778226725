"""Memory figures for RESULTS.md: Redis bytes per subject, and bytes the service allocates per lookup.

usage: memory.py redis REDIS_URL OUT          appends Redis's dataset bytes per key (one key per subject)
       memory.py metrics SERVICE_URL STATE    prints "allocated_bytes lookups" from the service's metrics
       memory.py allocation BEFORE AFTER OUT  appends bytes allocated per lookup between two metrics readings
"""
import socket
import sys
import urllib.request


def redis(url, out):
    host, port = url.split("://", 1)[-1].rsplit(":", 1)
    s = socket.create_connection((host, int(port)))

    reader = s.makefile("rb")

    def call(*args):
        s.sendall(("*%d\r\n" % len(args) + "".join("$%d\r\n%s\r\n" % (len(a), a) for a in args)).encode())
        head = reader.readline().decode().rstrip("\r\n")
        if head.startswith("$"):
            return reader.read(int(head[1:]) + 2).decode()
        return head[1:]

    info = call("INFO", "memory")
    dataset = int(next(l.split(":")[1] for l in info.split("\r\n") if l.startswith("used_memory_dataset:")))
    keys = int(call("DBSIZE"))
    with open(out, "a") as f:
        f.write("Redis bytes per subject\t%d\tbytes\tused_memory_dataset %d / %d keys (one hash per subject)\n"
                % (dataset // max(keys, 1), dataset, keys))


def metrics(url):
    text = urllib.request.urlopen(url + "/q/metrics").read().decode()
    alloc = lookups = 0.0
    for line in text.splitlines():
        if line.startswith("jvm_gc_memory_allocated_bytes_total"):
            alloc = float(line.split()[-1])
        if line.startswith("http_server_requests_seconds_count") and 'uri="/v1/entities/{uscc}"' in line:
            lookups += float(line.split()[-1])
    print("%d %d" % (alloc, lookups))


def allocation(before, after, out):
    a0, l0 = map(float, before.split())
    a1, l1 = map(float, after.split())
    per = (a1 - a0) / max(l1 - l0, 1)
    with open(out, "a") as f:
        f.write("heap allocated per lookup\t%d\tbytes\tjvm_gc_memory_allocated_bytes_total over the lookup scenario "
                "(%d lookups)\n" % (per, l1 - l0))
        f.write("heap allocation at 1,000 lookups/s\t%.0f\tMB/s\tthe figure above times 1,000\n" % (per * 1000 / 1e6))


if __name__ == "__main__":
    if sys.argv[1] == "redis":
        redis(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "metrics":
        metrics(sys.argv[2])
    else:
        allocation(sys.argv[2], sys.argv[3], sys.argv[4])
