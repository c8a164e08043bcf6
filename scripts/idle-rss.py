#!/usr/bin/env python3
"""Memory per idle keep-alive connection, per model.

For each model: start `./bench serve MODEL` (pinned to CPU 1), warm it with a few requests, read VmRSS from
/proc/PID/status, open N keep-alive connections that each complete one GET /plaintext and then stay idle, wait for
RSS to settle, read VmRSS again. Prints (RSS with N idle - RSS with none) / N. Loopback only; bounded in time.

    scripts/idle-rss.py [--connections 5000] [--tls] [MODEL[:--flag=value,...] ...]

The thread-pool model answers only as many connections as it has threads (the rest wait in its queue), so measure
it with `threadpool:--threads=5000` to give every connection its own platform thread.
"""
import argparse, os, resource, socket, ssl, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")

def java_pid(proc):
    # ./bench execs java, so the child is the JVM (taskset execs too)
    return proc.pid

def open_idle(port, n, tls):
    ctx = None
    if tls:
        ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
    socks = []
    req = b"GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n"
    for i in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        if ctx: s = ctx.wrap_socket(s)
        s.sendall(req)
        data = b""
        while b"Hello, World!" not in data:
            chunk = s.recv(4096)
            if not chunk: raise RuntimeError(f"connection {i} closed early")
            data += chunk
        socks.append(s)
    return socks

def settle(pid, seconds=3.0):
    time.sleep(seconds)
    return rss_kib(pid)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--connections", type=int, default=5000)
    ap.add_argument("--tls", action="store_true")
    ap.add_argument("--port", type=int, default=18090)
    ap.add_argument("models", nargs="*", default=["threadpool", "eventloop", "virtual", "reactive"])
    a = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, a.connections + 1000), hard))
    for spec in a.models:
        m, _, extra = spec.partition(":")
        cmd = ["taskset", "-c", "1", os.path.join(ROOT, "bench"), "serve", m, "--port", str(a.port), "--no-stage-timing"]
        cmd += [x for x in extra.split(",") if x]
        if a.tls: cmd.append("--tls")
        env = dict(os.environ, JAVA_TOOL_OPTIONS="-XX:ActiveProcessorCount=1 -Xms512m -Xmx512m")
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        try:
            deadline = time.time() + 60
            while time.time() < deadline:
                line = proc.stdout.readline()
                if "listening" in line: break
            else:
                raise RuntimeError(f"{m} did not start")
            for s in open_idle(a.port, 200, a.tls): s.close()  # warm-up: classes loaded, JIT busy on the path
            base = settle(proc.pid)
            socks = open_idle(a.port, a.connections, a.tls)
            loaded = settle(proc.pid)
            print(f"{spec:10s} tls={a.tls} base {base/1024:.1f} MiB, with {a.connections} idle {loaded/1024:.1f} MiB, "
                  f"per connection {(loaded-base)*1024/a.connections/1024:.1f} KiB", flush=True)
            for s in socks: s.close()
        finally:
            proc.terminate()
            try: proc.wait(15)
            except subprocess.TimeoutExpired: proc.kill()

if __name__ == "__main__":
    main()
