# A wrk script of search-mix paths drawn from a Hexaglot store (read-only), like the search bench's mix:
#   python3 benches/serve-memory/mix.py target/bench/data-1m/hexaglot.db mix.lua
#   hexaglot --data-dir target/bench/data-1m serve --anonymous-text-limit 0 --token-rate-limit 0 &
#   bash benches/serve-memory/sample.sh <pid> > mem.log &  wrk -t2 -c16 -d60s --latency -s mix.lua http://127.0.0.1:8080
import sqlite3, random, urllib.parse, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rnd = random.Random(7)
n = db.execute("select max(id) from concept").fetchone()[0]
langs = ["ar", "zh", "en", "fr", "ru", "es"]
paths = []
def q(**p): return "/api/v1/search?" + urllib.parse.urlencode(p)
while len(paths) < 600 * 6:
    cid = rnd.randint(1, n); lang = rnd.choice(langs)
    row = db.execute("select t.text, s.definition from term t join lang_section s on s.concept_id=t.concept_id and s.lang=t.lang where t.concept_id=? and t.lang=? and t.kind='preferred'", (cid, lang)).fetchone()
    if not row or not row[1]: continue
    term, definition = row
    words = term.split()
    dwords = [w.strip("，。,.") for w in definition.split()]
    paths.append(q(q=term, field="term", mode="exact", lang=lang, limit=10))
    pre = term[: max(2, int(len(term) * 0.6))]
    paths.append(q(q=pre + "*", field="term", mode="prefix", lang=lang, limit=10))
    if lang == "zh":
        i = rnd.randrange(0, max(1, len(definition) - 4)); paths.append(q(q=definition[i:i+4], field="definition", mode="auto", lang=lang, limit=10))
    elif len(dwords) >= 2:
        paths.append(q(q=" ".join(rnd.sample(dwords, 2)), field="definition", mode="auto", lang=lang, limit=10))
    t = list(term); j = rnd.randrange(1, len(t)) if len(t) > 1 else 0
    if lang != "zh" and len(t) > 3: t[j] = "a"
    elif len(t) > 2: del t[j]
    paths.append(q(q="".join(t), field="term", mode="fuzzy", lang=lang, limit=10))
    paths.append(q(q=term, field="all", mode="auto", sg="SG17", limit=10))
    paths.append(q(q=term, field="all", mode="auto", date_field="accepted", **{"from": "2005-01-01", "to": "2015-12-31"}, limit=10))
rnd.shuffle(paths)
with open(sys.argv[2], "w") as f:
    f.write("local paths = {\n")
    for p in paths: f.write('  "%s",\n' % p.replace("\\", "\\\\").replace('"', '\\"'))
    f.write("}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n")
print(len(paths), "paths")
