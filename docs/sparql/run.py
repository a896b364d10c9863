"""Run a SPARQL query over a release's N-Triples with rdflib and print the answer as JSON.

    python docs/sparql/run.py graph.nt docs/sparql/baclofen-targets.rq

Prints {"triples": <how many rdflib read>, "rows": [{variable: value or null, ...}, ...]}, each
value as text (an IRI, or a literal's lexical form). Needs rdflib (pip install rdflib).
"""
import json
import sys

from rdflib import Graph


def main(graph_file, query_file):
    graph = Graph()
    graph.parse(graph_file, format="nt")
    with open(query_file, encoding="utf-8") as query:
        result = graph.query(query.read())
    rows = [
        {str(name): None if row[name] is None else str(row[name]) for name in result.vars}
        for row in result
    ]
    print(json.dumps({"triples": len(graph), "rows": rows}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
