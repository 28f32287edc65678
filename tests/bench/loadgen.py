"""Load generator for the API benchmark; runs as its own process, talks to 127.0.0.1 only.

    python -m tests.bench.loadgen PORT PATH REQUESTS CONCURRENCY [TOKEN]

Sends REQUESTS bounded POSTs (a fresh order number each) from CONCURRENCY threads and prints
one JSON line: p50/p99 latency in ms, requests per second, and status counts.
"""

import http.client
import json
import random
import sys
import threading
import time
from collections import Counter


def main() -> None:
    port, path, total, concurrency = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    token = sys.argv[5] if len(sys.argv) > 5 else ""
    buyers = int(sys.argv[6]) if len(sys.argv) > 6 else 1000
    latencies: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()
    counter = iter(range(total))
    rng = random.Random(7)

    def worker(seed: int) -> None:
        local = random.Random(seed)
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            body = json.dumps(
                {
                    "order_no": f"BENCH-{seed}-{n}-{local.randrange(10**9)}",
                    "sku_id": f"SKU{local.randrange(200)}",
                    "quantity": local.choice([1, 1, 2, 3]),
                    "phone": f"139{local.randrange(1, buyers + 1):08d}",
                    "receiver": "王伟",
                    "address": "广东省深圳市南山区科技园南路1号",
                }
            )
            headers = {"Content-Type": "application/json", "Host": "127.0.0.1"}
            if token:
                headers["Authorization"] = f"Bearer {token}"
            started = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            conn.close()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[response.status] += 1

    threads = [threading.Thread(target=worker, args=(rng.randrange(10**6),)) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return 1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))]

    print(json.dumps({"p50": pct(0.50), "p99": pct(0.99), "rps": len(latencies) / wall, "status": dict(statuses)}))


if __name__ == "__main__":
    main()
