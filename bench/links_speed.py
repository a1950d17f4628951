"""`library links` on the sample library's addresses, against a local stand-in: python -m bench.links_speed.

Every host named by a record's source_url is resolved to one server on 127.0.0.1
that answers every path with 200 after --delay seconds (a publisher's latency),
keeping each request's own Host header, so the checker's limits per server apply
as they would on the web. Prints the summary line `library links` prints, the time,
and the most requests the stand-in answered at once, per host and overall.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from policy_library.cli.links import Settings, check_links, project_links, render, summary
from policy_library.cli.project import load_project

from bench.builds import ROOT
from tests.link_server import link_server


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or (443 if parts.scheme == 'https' else 80)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", type=Path, default=ROOT, help="the library whose addresses are checked (default: the sample)")
    parser.add_argument("--delay", type=float, default=0.1, help="seconds the stand-in waits before each answer")
    parser.add_argument("--concurrency", type=int, default=Settings.concurrency)
    parser.add_argument("--per-host", type=int, default=Settings.per_host)
    parser.add_argument("--table", action="store_true", help="print the whole table too")
    args = parser.parse_args()

    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    previous = Path.cwd()
    os.chdir(args.project)  # record files are named relative to the library, as `library links` names them
    try:
        links, unread = project_links(load_project())
    finally:
        os.chdir(previous)
    hosts = Counter(host_key(link.url) for link in links)
    with link_server(delay=args.delay) as server:
        resolve = {host: server.address for host in hosts}
        start = time.perf_counter()
        results = check_links(links, Settings(timeout=10, concurrency=args.concurrency, per_host=args.per_host), resolve=resolve)
        seconds = time.perf_counter() - start
        counts = server.counts
    if args.table:
        print(render(results, "text", seconds))
        print()
    print(f"library links on the addresses of {args.project}, every host resolved to a stand-in on 127.0.0.1 answering 200 after {args.delay:g} s")
    print(f"load average before: {load}; {os.cpu_count()} CPUs; records not read: {unread}")
    print(f"settings: --concurrency {args.concurrency} --per-host {args.per_host}")
    print(f"{len(links)} records, {len({link.url for link in links})} addresses on {len(hosts)} hosts (most records on one host: {hosts.most_common(1)[0][1]})")
    print(f"requests answered: {len(counts.requests)} ({Counter(method for _, method, _ in counts.requests)})")
    print(f"most at once: {counts.most_overall} overall, {max(counts.most.values())} on one host")
    print(f"time: {seconds:.2f} s")
    print(summary(results, seconds))


if __name__ == "__main__":
    main()
