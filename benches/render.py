#!/usr/bin/env python3
"""Renders a search benchmark report (target/bench/search-<size>.json, or
interchange-<size>.json) as the Markdown section BENCHMARKS.md shows for it.

    python3 benches/render.py target/bench/search-100k.json > /tmp/100k.md
"""
import json
import sys

KINDS = ["exact", "prefix", "fulltext", "fuzzy", "sg_filter", "time_range"]
LANGS = ["ar", "zh", "en", "fr", "ru", "es"]


def lat(d):
    return f"{d['p50_ms']:.2f} / {d['p95_ms']:.2f} / {d['p99_ms']:.2f}"


def lat4(d):
    """p50 / p95 / p99 / p99.9 (reports from before issue 17 have no p99.9)."""
    return lat(d) + (f" / {d['p999_ms']:.2f}" if "p999_ms" in d else "")


def mib(b):
    return f"{b / 1048576:,.0f} MiB"


def interchange(x):
    e, i = x["export"], x["import"]
    out = [
        "| TBX interchange | value |",
        "|---|---|",
        f"| export (`export_to`, TBX-Basic, everything) | {e['concepts']:,} concepts in {e['seconds']:.1f} s = "
        f"**{e['concepts_per_s']:,.0f} concepts/s**; file {mib(e['file_bytes'])}; peak RSS **{e['peak_rss_mib']:,.0f} MiB** |",
        f"| import, store (parse + one transaction) | {i['store_import_s']:.1f} s = **{i['store_concepts_per_s']:,.0f} concepts/s** |",
        f"| import, indexing (`App::open` catching up) | {i['index_s']:.1f} s = **{i['index_concepts_per_s']:,.0f} concepts/s** |",
        f"| **import including indexing** | **{i['end_to_end_concepts_per_s']:,.0f} concepts/s** |",
        f"| import result | {i['created']:,} created, {i['updated']} updated, {i['unchanged']} unchanged (the seed), "
        f"{i['skipped']} skipped; {i['docs']:,} index documents (source: {e['source_docs']:,}) |",
        f"| import dir | store {mib(i['store_bytes'])} (with the WAL of the one transaction), index {mib(i['index_bytes'])} |",
        f"| import peak RSS | **{i['peak_rss_mib']:,.0f} MiB** (store step {i['peak_rss_store_mib']:,.0f}, "
        f"index step {i['peak_rss_index_mib']:,.0f}) |",
        "",
    ]
    return out


def render(d):
    if "kinds" not in d:  # an --interchange-only report
        out = [f"### {d['concepts']:,} concepts ({d['size']}), TBX interchange only", ""]
        out += interchange(d["interchange"])
        out += ["Targets:"] + [target(t) for t in d["interchange"]["targets"]]
        return "\n".join(out)
    n, b, s, m, h = d["concepts"], d["build"], d["sizes"], d["memory"], d["http"]
    out = [f"### {n:,} concepts ({d['size']})", "", "| build | value |", "|---|---|"]
    out += [
        f"| Hexaglot import (store, `insert_concept`) | {b['hexaglot_import_s']:.0f} s = "
        f"**{b['hexaglot_import_concepts_per_s']:,.0f} concepts/s** |",
        f"| Hexaglot index (`reindex`) | {b['hexaglot_index_s']:.0f} s = **{b['hexaglot_index_concepts_per_s']:,.0f} concepts/s** |",
        f"| Hexaglot end to end (import + index) | **{b['hexaglot_end_to_end_concepts_per_s']:,.0f} concepts/s** |",
        f"| FTS5 insert + optimize | {b['fts_insert_s'] + b['fts_optimize_s']:.0f} s = {b['fts_concepts_per_s']:,.0f} concepts/s |",
        f"| tantivy index on disk | **{mib(s['index_bytes'])}** ({s['index_docs']:,} docs, {s['index_segments']} segments; "
        f"{s['segments_after_reindex']} right after reindex) |",
        f"| SQLite store (hexaglot.db + WAL) | {mib(s['store_bytes'])} |",
        f"| FTS5 file (both tables) | {mib(s['fts5_bytes'])} |",
        f"| peak RSS while building (generator + import + index) | {b['peak_rss_build_mib']:,.0f} MiB |",
        f"| **peak RSS while serving** (open, all queries, HTTP phases) | **{m['serving_peak_rss_mib']:,.0f} MiB** |",
        f"| open + catch-up of the data dir | {m['open_s']:.2f} s |",
        "",
        "Latency in ms, p50 / p95 / p99 (Hexaglot in-process also p99.9); ratio = Hexaglot in-process ÷ FTS5 (p50, p99); recall@10 of the target "
        "concept; matches = Hexaglot's mean `total`.",
        "",
        "| kind | Hexaglot in-process | FTS5 | ratio p50 | ratio p99 | recall Hexaglot | recall FTS5 | matches "
        "| HTTP 1 client | HTTP 16 clients |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for k in KINDS:
        if k not in d["kinds"]:
            continue
        x = d["kinds"][k]
        out.append(
            f"| {k} | {lat4(x['hexaglot'])} | {lat(x['fts5'])} | {x['ratio_p50']:.2f} | {x['ratio_p99']:.2f} "
            f"| {x['recall10_hexaglot']:.2f} | {x['recall10_fts5']:.2f} | {x['hexaglot_avg_total']:,.0f} "
            f"| {lat(x['http_1'])} | {lat(x['http_16'])} |"
        )
    a = d["all"]
    ratio50 = a["hexaglot"]["p50_ms"] / max(a["fts5"]["p50_ms"], 1e-9)
    ratio99 = a["hexaglot"]["p99_ms"] / max(a["fts5"]["p99_ms"], 1e-9)
    out.append(
        f"| **all** | **{lat4(a['hexaglot'])}** | {lat(a['fts5'])} | {ratio50:.2f} | {ratio99:.2f} "
        f"| {a['recall10_hexaglot']:.2f} | {a['recall10_fts5']:.2f} | | {lat(a['http_1'])} | **{lat(a['http_16'])}** |"
    )
    out += [
        "",
        f"HTTP throughput at 16 clients: search **{h['search_rps_16']:,.0f} req/s**, `/healthz` "
        f"{h['healthz_rps_16']:,.0f} req/s → **{h['search_over_healthz'] * 100:.0f} %** of the ceiling "
        f"(1 client: {h['search_rps_1']:,.0f} req/s; errors {h['errors']}).",
        "",
        "Broad single-word definition queries (side measurement), median ms:",
        "",
        "| lang | word | matches | Hexaglot | Hexaglot with facets | FTS5 | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for x in d["broad"]:
        facets = x.get("hexaglot_with_facets")
        out.append(
            f"| {x['lang']} | {x['q']} | {x['matches']:,} | {x['hexaglot']['p50_ms']:.2f} "
            f"| {facets['p50_ms'] if facets else float('nan'):.2f} | {x['fts5']['p50_ms']:.2f} "
            f"| {x['hexaglot']['p50_ms'] / max(x['fts5']['p50_ms'], 1e-9):.2f} |"
        )
    out.append("")
    if "interchange" in d:
        out += interchange(d["interchange"])
    out += ["Targets:"] + [target(t) for t in d["targets"]]
    out += ["", "Hexaglot in-process p50 (p99) / FTS5 p50 by language of the query text, ms:", ""]
    out += ["| kind | " + " | ".join(LANGS) + " |", "|---|" + "---|" * len(LANGS)]
    by = {(r["kind"], r["lang"]): r for r in d["by_language_p50_ms"]}
    for k in KINDS:
        cells = []
        for lang in LANGS:
            r = by.get((k, lang))
            cells.append(f"{r['hexaglot']:.2f} ({r['hexaglot_p99']:.1f}) / {r['fts5']:.2f}" if r else "")
        if any(cells):
            out.append(f"| {k} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def target(t):
    verdict = "met" if t["met"] else "**missed**"
    return f"- {verdict}: {t['target']} — {t['value']}"


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            print(render(json.load(f)))
        print()
